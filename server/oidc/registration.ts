// Settings → Apps: registering an app that signs users in through Staffroom. A school registers
// one for itself; a trust once for all its schools (one client, a tile at each school). The
// client secret is returned once, at registration or when a new one is made, and stored hashed.
import { recordActivity, type Actor } from "../activity/record";
import { checkedFields, type AppFields } from "../apps/manage";
import { safeAppUrl } from "../apps/url";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { UserFacingError } from "../user-facing-error";
import { hashClientSecret, newClientId, newClientSecret, OPTIONAL_SCOPES, type OptionalScope } from "./clients";

export type SignInFields = {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  initiateLoginUri: string | null;
  scopes: OptionalScope[];
  pairwiseSubject: boolean;
};

export type Registered = { id: string; clientId: string; clientSecret: string | null };

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** An address an app receives codes or logout tokens at: https (http only on this machine), no fragment. */
function endpointUrl(raw: string, what: string): string {
  const url = safeAppUrl(raw);
  if (!url || url.hash || (url.protocol === "http:" && !LOOPBACK.test(url.hostname)))
    throw new UserFacingError("BAD_REQUEST", `${what} must be a full https:// address without a #part (${raw.trim().slice(0, 80)}).`);
  return url.href;
}

function checkedSignIn(fields: SignInFields): SignInFields {
  const redirectUris = [...new Set(fields.redirectUris.map((u) => endpointUrl(u, "A redirect address")))];
  if (redirectUris.length === 0) throw new UserFacingError("BAD_REQUEST", "Add the address the app receives its sign-ins at (its redirect URI).");
  // A pairwise `sub` is worked out per app; oidc-provider wants the redirects on one host for it.
  if (fields.pairwiseSubject && new Set(redirectUris.map((u) => new URL(u).host)).size > 1)
    throw new UserFacingError("BAD_REQUEST", "For a separate user id per app, the redirect addresses must all be on one host.");
  return {
    redirectUris,
    postLogoutRedirectUris: [...new Set(fields.postLogoutRedirectUris.map((u) => endpointUrl(u, "A sign-out return address")))],
    backchannelLogoutUri: fields.backchannelLogoutUri?.trim() ? endpointUrl(fields.backchannelLogoutUri, "The back-channel logout address") : null,
    initiateLoginUri: fields.initiateLoginUri?.trim() ? endpointUrl(fields.initiateLoginUri, "The app's sign-in start address") : null,
    scopes: OPTIONAL_SCOPES.filter((s) => fields.scopes.includes(s)),
    pairwiseSubject: fields.pairwiseSubject,
  };
}

/** Registers (no `appId`) or changes one of the school's own sign-in apps. */
export async function saveSignInApp(db: Db, schoolId: string, actor: Actor, appId: string | null, appFields: AppFields, signInFields: SignInFields): Promise<Registered> {
  const signIn = checkedSignIn(signInFields);
  const app = await checkedFields(db, schoolId, appFields);
  return db.$transaction(async (tx) => {
    let result: Registered;
    if (appId) {
      const tile = await tx.launcherApp.findFirst({ where: { id: appId, schoolId, archivedAt: null, oidcClient: { schoolId, archivedAt: null } }, select: { oidcClientId: true } });
      if (!tile?.oidcClientId) throw new UserFacingError("NOT_FOUND", "That app isn't registered at this school any more.");
      await tx.oidcClient.update({ where: { id: tile.oidcClientId }, data: { name: app.name, ...signIn } });
      await tx.launcherApp.update({ where: { id: appId }, data: app });
      result = { id: appId, clientId: tile.oidcClientId, clientSecret: null };
    } else {
      const clientSecret = newClientSecret();
      const client = await tx.oidcClient.create({ data: { id: newClientId(), schoolId, name: app.name, secretHash: hashClientSecret(clientSecret), ...signIn } });
      const tile = await tx.launcherApp.create({ data: { ...app, schoolId, oidcClientId: client.id }, select: { id: true } });
      result = { id: tile.id, clientId: client.id, clientSecret };
    }
    await recordActivity({ schoolId, actor, action: appId ? "App Updated" : "App Added", subject: { type: "App", id: result.id, label: app.name }, details: { signIn: true, clientId: result.clientId, redirectUris: signIn.redirectUris } }, tx);
    return result;
  });
}

/** A new client secret for one of the school's own sign-in apps (the old one stops working); shown once. */
export async function newSignInSecret(db: Db, schoolId: string, actor: Actor, appId: string): Promise<Registered> {
  return db.$transaction(async (tx) => {
    const tile = await tx.launcherApp.findFirst({ where: { id: appId, schoolId, archivedAt: null, oidcClient: { schoolId, archivedAt: null } }, select: { name: true, oidcClientId: true } });
    if (!tile?.oidcClientId) throw new UserFacingError("NOT_FOUND", "That app isn't registered at this school any more.");
    const clientSecret = newClientSecret();
    await tx.oidcClient.update({ where: { id: tile.oidcClientId }, data: { secretHash: hashClientSecret(clientSecret) } });
    await recordActivity({ schoolId, actor, action: "App Secret Replaced", subject: { type: "App", id: appId, label: tile.name }, details: { clientId: tile.oidcClientId } }, tx);
    return { id: appId, clientId: tile.oidcClientId, clientSecret };
  });
}

/** Trust-wide apps: the audience by role and year group only (classes belong to one school). */
export type TrustAppFields = Omit<AppFields, "classIds">;

/**
 * Registers (no `clientId`) or changes an app for every school of the trust: one client, and a
 * tile at each school (schools that joined the trust since get theirs when it is next saved).
 */
export async function saveTrustSignInApp(db: Db, trustId: string, actor: Actor, clientId: string | null, appFields: TrustAppFields, signInFields: SignInFields): Promise<Registered> {
  const signIn = checkedSignIn(signInFields);
  const schools = await db.school.findMany({ where: { trustId }, select: { id: true } });
  if (schools.length === 0) throw new UserFacingError("BAD_REQUEST", "The trust has no schools yet.");
  const app = await checkedFields(db, schools[0]!.id, { ...appFields, classIds: [] });
  return db.$transaction(async (tx) => {
    let clientSecret: string | null = null;
    let id = clientId;
    if (id) {
      const { count } = await tx.oidcClient.updateMany({ where: { id, trustId, archivedAt: null }, data: { name: app.name, ...signIn } });
      if (count === 0) throw new UserFacingError("NOT_FOUND", "That app isn't registered for the trust any more.");
    } else {
      clientSecret = newClientSecret();
      id = (await tx.oidcClient.create({ data: { id: newClientId(), trustId, name: app.name, secretHash: hashClientSecret(clientSecret), ...signIn } })).id;
    }
    const tile: Omit<Prisma.LauncherAppUncheckedCreateInput, "schoolId"> = { ...app, oidcClientId: id };
    const existing = new Set((await tx.launcherApp.findMany({ where: { oidcClientId: id, archivedAt: null }, select: { schoolId: true } })).map((t) => t.schoolId));
    await tx.launcherApp.updateMany({ where: { oidcClientId: id, archivedAt: null }, data: tile });
    await tx.launcherApp.createMany({ data: schools.filter((s) => !existing.has(s.id)).map((s) => ({ ...tile, schoolId: s.id })) });
    await tx.activityEvent.createMany({
      data: schools.map((s) => ({ schoolId: s.id, actorUserId: "userId" in actor ? actor.userId : null, actorLabel: "label" in actor ? actor.label : actor.system, action: clientId ? "App Updated" : "App Added", subjectType: "App", subjectLabel: app.name, details: { signIn: true, trustWide: true, clientId: id } })),
    });
    return { id, clientId: id, clientSecret };
  });
}

/** The trust's own sign-in apps. */
export async function listTrustSignInApps(db: Db, trustId: string) {
  const clients = await db.oidcClient.findMany({
    where: { trustId, archivedAt: null },
    select: { id: true, name: true, redirectUris: true, postLogoutRedirectUris: true, backchannelLogoutUri: true, initiateLoginUri: true, scopes: true, pairwiseSubject: true, tiles: { where: { archivedAt: null }, select: { schoolId: true, url: true, icon: true, forStaff: true, forPupils: true, yearGroups: true }, take: 1 } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return clients.map(({ tiles, ...c }) => ({ ...c, tile: tiles[0] ?? null }));
}

/** One of the school's own sign-in apps, as the edit form shows it (never the secret); null otherwise. */
export async function signInSettings(db: Db, schoolId: string, appId: string) {
  const tile = await db.launcherApp.findFirst({
    where: { id: appId, schoolId, archivedAt: null, oidcClient: { schoolId, archivedAt: null } },
    select: { oidcClient: { select: { id: true, redirectUris: true, postLogoutRedirectUris: true, backchannelLogoutUri: true, initiateLoginUri: true, scopes: true, pairwiseSubject: true } } },
  });
  return tile?.oidcClient ?? null;
}
