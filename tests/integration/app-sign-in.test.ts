// Staffroom as the OpenID Connect provider for the school's apps, driven by a real relying party
// (openid-client): authorization code + PKCE, refresh, userinfo, claims, pairwise subjects, hashed
// client secrets, key rotation with overlap, and back-channel logout for leavers.
import { createHash, createPublicKey, verify, type JsonWebKey } from "node:crypto";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endAllSessions } from "@/server/auth/sessions";
import { decryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { KEY_OVERLAP_MS, rotateSigningKeys } from "@/server/oidc/keys";
import { appRouter } from "@/server/trpc/root";
import { disableAccountsOfArchived } from "@/server/users/provision";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { Browser, relyingParty, signInToApp, startLogoutReceiver, startProvider, type App } from "../helpers/oidc-relying-party";
import { createPupilWithAccount } from "../helpers/pupils";

const appFields = { name: "Reading Planet", url: "https://reading.example/", icon: "📚", forStaff: true, forPupils: true, yearGroups: [], classIds: [] };
const signIn = (redirectUri: string, over: Record<string, unknown> = {}) => ({
  redirectUris: [redirectUri],
  postLogoutRedirectUris: [],
  backchannelLogoutUri: null,
  initiateLoginUri: null,
  scopes: ["classes", "year_group"] as ("classes" | "year_group")[],
  pairwiseSubject: false,
  ...over,
});

/** How openid-client reports the token endpoint's 401 for a wrong client secret. */
const REFUSED_CLIENT = { status: 401, cause: [{ scheme: "basic", parameters: { error: "invalid_client" } }] };

function decodeJwt(jwt: string) {
  const [header, payload, signature] = jwt.split(".");
  return { header: JSON.parse(Buffer.from(header!, "base64url").toString()), payload: JSON.parse(Buffer.from(payload!, "base64url").toString()), signed: `${header}.${payload}`, signature: Buffer.from(signature!, "base64url") };
}

/** Verifies an RS256 JWT with the provider's published JWKS, as an app would. */
async function verifiesWithJwks(issuer: string, jwt: string): Promise<boolean> {
  const { keys } = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
  const { header, signed, signature } = decodeJwt(jwt);
  const jwk = keys.find((k) => k.kid === header.kid);
  return !!jwk && verify("sha256", Buffer.from(signed), createPublicKey({ key: jwk, format: "jwk" }), signature);
}

describe("Staffroom as the apps' OpenID Connect provider", () => {
  let provider: Awaited<ReturnType<typeof startProvider>>;
  let schoolId: string;
  let adminId: string;
  let pupil: { userId: string; personId: string; username: string; password: string };
  const admin = () => appRouter.createCaller(contextFor(db, adminId));

  async function register(redirectUri: string, over: Record<string, unknown> = {}): Promise<App & { appId: string }> {
    const saved = await admin().signInApps.save({ schoolId, appId: null, fields: appFields, signIn: signIn(redirectUri, over) });
    return { appId: saved.id, clientId: saved.clientId, clientSecret: saved.clientSecret!, redirectUri };
  }

  beforeAll(async () => {
    provider = await startProvider(db);
    schoolId = (await createSchool(db, "Oakfield Academy")).id;
    await db.school.update({ where: { id: schoolId }, data: { urn: "137245" } });
    adminId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id;
    const account = await createPupilWithAccount(db, schoolId, { forename: "Ada", ncYear: "7" });
    await db.person.update({ where: { id: account.personId }, data: { upn: "A123456789012", dateOfBirth: new Date("2014-03-01") } });
    pupil = { userId: account.userId, personId: account.personId, username: account.username, password: decryptSecret(account.passwordEnc!) };
  });
  afterAll(async () => {
    await provider.close();
    await db.$disconnect();
  });

  it("signs a pupil in with code + PKCE through Staffroom's sign-in, refreshes, and reads userinfo; never UPN or date of birth", async () => {
    const app = await register("http://127.0.0.1:9/callback");
    const browser = new Browser(provider.origin);
    const { config, tokens, claims } = await signInToApp(provider.issuer, app, browser, { scope: "openid profile email offline_access year_group", signIn: pupil });
    expect(claims.iss).toBe(provider.issuer);
    expect(claims).toMatchObject({ sub: pupil.personId, given_name: "Ada", staffroom_role: "pupil", staffroom_school: "Oakfield Academy", staffroom_school_urn: "137245", year_group: "7" });
    expect(claims.name).toMatch(/^Ada /);
    // Pupils' email is never given; nor UPN, date of birth or contacts, in any token or userinfo.
    const info = await client.fetchUserInfo(config, tokens.access_token, pupil.personId);
    for (const seen of [claims, info]) {
      expect(Object.keys(seen)).not.toContain("email");
      expect(JSON.stringify(seen)).not.toMatch(/A123456789012|2014-03-01|upn|birth|contact/i);
    }
    expect(info).toMatchObject({ sub: pupil.personId, name: claims.name });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await client.fetchUserInfo(config, refreshed.access_token, pupil.personId)).sub).toBe(pupil.personId);

    // Signed in already: the next sign-in to the app needs no Staffroom sign-in page, and is logged per app.
    expect((await signInToApp(provider.issuer, app, browser)).claims.sub).toBe(pupil.personId);
    const logged = await db.activityEvent.findMany({ where: { schoolId, action: "App Sign-in", subjectId: app.appId } });
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ actorUserId: pupil.userId, subjectLabel: "Reading Planet" });

    // Signed out of Staffroom (here: every session ended), the app's next sign-in goes to Staffroom's sign-in page again.
    await endAllSessions(db, pupil.userId);
    await expect(signInToApp(provider.issuer, app, browser)).rejects.toThrow("Sent to Staffroom's sign-in page");
  });

  it("gives staff their email, and refuses a user the app's tile isn't for", async () => {
    const app = await register("http://127.0.0.1:9/staff", {});
    const staff = await createUser(db, { schoolId, role: "STAFF", password: "correct horse battery" });
    const { claims } = await signInToApp(provider.issuer, app, new Browser(provider.origin), { signIn: { email: staff.email, password: "correct horse battery" } });
    expect(claims).toMatchObject({ sub: staff.id, email: staff.email, staffroom_role: "staff" });

    const staffOnly = await admin().signInApps.save({ schoolId, appId: null, fields: { ...appFields, name: "Staff Only", forPupils: false }, signIn: signIn("http://127.0.0.1:9/staff-only") });
    const refused = signInToApp(provider.issuer, { clientId: staffOnly.clientId, clientSecret: staffOnly.clientSecret!, redirectUri: "http://127.0.0.1:9/staff-only" }, new Browser(provider.origin), { signIn: pupil });
    await expect(refused).rejects.toMatchObject({ error: "access_denied" });
    // Another school's app isn't the pupil's either.
    const otherSchool = (await createSchool(db)).id;
    const otherAdmin = (await createUser(db, { schoolId: otherSchool, role: "SCHOOL_ADMIN" })).id;
    const theirs = await appRouter.createCaller(contextFor(db, otherAdmin)).signInApps.save({ schoolId: otherSchool, appId: null, fields: appFields, signIn: signIn("http://127.0.0.1:9/theirs") });
    await expect(signInToApp(provider.issuer, { clientId: theirs.clientId, clientSecret: theirs.clientSecret!, redirectUri: "http://127.0.0.1:9/theirs" }, new Browser(provider.origin), { signIn: pupil })).rejects.toMatchObject({ error: "access_denied" });
  });

  it("gives each pairwise app its own sub for the same person", async () => {
    const first = await register("http://127.0.0.1:9/pairwise-1", { pairwiseSubject: true });
    const second = await register("http://127.0.0.1:9/pairwise-2", { pairwiseSubject: true });
    const browser = new Browser(provider.origin);
    const a = (await signInToApp(provider.issuer, first, browser, { signIn: pupil })).claims.sub;
    const b = (await signInToApp(provider.issuer, second, browser)).claims.sub;
    expect(a).not.toBe(b);
    expect([a, b]).not.toContain(pupil.personId);
    // Stable: the same app sees the same pairwise sub next time.
    expect((await signInToApp(provider.issuer, first, browser)).claims.sub).toBe(a);
  });

  it("stores client secrets hashed, shows them once, and refuses a wrong one", async () => {
    const app = await register("http://127.0.0.1:9/secret");
    const row = await db.oidcClient.findUniqueOrThrow({ where: { id: app.clientId } });
    expect(row.secretHash).toBe(createHash("sha256").update(app.clientSecret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(app.clientSecret);
    // Saving again shows no secret; a new one replaces the old.
    expect((await admin().signInApps.save({ schoolId, appId: app.appId, fields: appFields, signIn: signIn(app.redirectUri) })).clientSecret).toBeNull();
    expect(JSON.stringify(await admin().signInApps.get({ schoolId, appId: app.appId }))).not.toContain(row.secretHash);
    const wrong = signInToApp(provider.issuer, { ...app, clientSecret: "not-the-secret" }, new Browser(provider.origin), { signIn: pupil });
    await expect(wrong).rejects.toMatchObject(REFUSED_CLIENT);
    const replaced = await admin().signInApps.newSecret({ schoolId, appId: app.appId });
    await expect(signInToApp(provider.issuer, app, new Browser(provider.origin), { signIn: pupil })).rejects.toMatchObject(REFUSED_CLIENT);
    expect((await signInToApp(provider.issuer, { ...app, clientSecret: replaced.clientSecret! }, new Browser(provider.origin), { signIn: pupil })).claims.sub).toBe(pupil.personId);
  });

  it("rotates keys with overlap: a token signed by the old key still verifies, new tokens use the new key", async () => {
    const app = await register("http://127.0.0.1:9/keys");
    const browser = new Browser(provider.origin);
    const before = (await signInToApp(provider.issuer, app, browser, { signIn: pupil })).tokens.id_token!;
    const rotation = await rotateSigningKeys(db);
    expect(rotation.retired).toBe(decodeJwt(before).header.kid);
    expect(await verifiesWithJwks(provider.issuer, before)).toBe(true);
    const after = (await signInToApp(provider.issuer, app, browser)).tokens.id_token!;
    expect(decodeJwt(after).header.kid).toBe(rotation.current);
    expect(await verifiesWithJwks(provider.issuer, after)).toBe(true);
    // After the overlap the old key leaves the JWKS, and its tokens stop verifying.
    await db.oidcSigningKey.update({ where: { kid: rotation.retired! }, data: { overlapEndsAt: new Date(Date.now() - 1000) } });
    expect(KEY_OVERLAP_MS).toBeGreaterThanOrEqual(3600_000);
    expect(await verifiesWithJwks(provider.issuer, before)).toBe(false);
    // Keys are stored encrypted.
    const stored = await db.oidcSigningKey.findMany();
    for (const key of stored) expect(key.sealedJwk).not.toMatch(/"d"|"kty"/);
  });

  it("sends back-channel logout to the apps a leaver signed into, and ends their tokens", async () => {
    const receiver = await startLogoutReceiver();
    try {
      const app = await register("http://127.0.0.1:9/logout", { backchannelLogoutUri: receiver.url });
      const quiet = await register("http://127.0.0.1:9/quiet");
      const leaver = await createPupilWithAccount(db, schoolId, { forename: "Leo", ncYear: "7" });
      const browser = new Browser(provider.origin);
      const signedIn = await signInToApp(provider.issuer, app, browser, { scope: "openid profile offline_access", signIn: { username: leaver.username, password: decryptSecret(leaver.passwordEnc!) } });
      await signInToApp(provider.issuer, quiet, browser);

      // The sync archives the pupil (as server/sync does) and disables the account in the same batch.
      await db.$transaction(async (tx) => {
        await tx.person.update({ where: { id: leaver.personId }, data: { archivedAt: new Date() } });
        await disableAccountsOfArchived(tx, schoolId, [leaver.personId]);
      });
      await expect.poll(() => receiver.tokens.length, { timeout: 20_000 }).toBe(1);
      const { payload } = decodeJwt(receiver.tokens[0]!);
      expect(payload).toMatchObject({ iss: provider.issuer, aud: app.clientId, sub: leaver.personId, sid: signedIn.claims.sid });
      expect(payload.events).toHaveProperty(["http://schemas.openid.net/event/backchannel-logout"]);
      expect(await verifiesWithJwks(provider.issuer, receiver.tokens[0]!)).toBe(true);
      await expect.poll(() => db.oidcPayload.count({ where: { accountId: leaver.personId } }), { timeout: 20_000 }).toBe(0);
      await expect(client.refreshTokenGrant(signedIn.config, signedIn.tokens.refresh_token!)).rejects.toMatchObject({ error: "invalid_grant" });
    } finally {
      await receiver.close();
    }
  });

  it("signs out at the app's request (RP-initiated logout) and tells the app by back-channel", async () => {
    const receiver = await startLogoutReceiver();
    try {
      const app = await register("http://127.0.0.1:9/rp-logout", { backchannelLogoutUri: receiver.url, postLogoutRedirectUris: ["http://127.0.0.1:9/signed-out"] });
      const browser = new Browser(provider.origin);
      const { config, tokens, claims } = await signInToApp(provider.issuer, app, browser, { signIn: pupil });
      const endSession = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: "http://127.0.0.1:9/signed-out", state: "bye" });
      const { response } = await browser.follow(endSession);
      const page = await response.text();
      expect(page).toContain("Sign out of the school's apps?");
      const action = /<form[^>]*action="([^"]+)"/.exec(page)![1]!;
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
      const confirmed = await browser.post(action.replace(/&amp;/g, "&"), { xsrf, logout: "yes" });
      expect(confirmed.status).toBe(303);
      expect(confirmed.headers.get("location")).toBe("http://127.0.0.1:9/signed-out?state=bye");
      expect(receiver.tokens).toHaveLength(1);
      expect(decodeJwt(receiver.tokens[0]!).payload).toMatchObject({ sub: pupil.personId, sid: claims.sid, aud: app.clientId });
    } finally {
      await receiver.close();
    }
  });

  it("lets a trust register an app once for all its schools: a tile at each, pupils of each signed in, others refused", async () => {
    const trust = await db.trust.create({ data: { name: "Willow Trust" } });
    const schoolInTrust = async (name: string) => (await db.school.update({ where: { id: (await createSchool(db, name)).id }, data: { trustId: trust.id } })).id;
    const north = await schoolInTrust("Willow North");
    const south = await schoolInTrust("Willow South");
    const trustAdmin = (await db.user.update({ where: { id: (await createUser(db)).id }, data: { trustId: trust.id, trustRole: "TRUST_ADMIN" } })).id;
    const saved = await appRouter.createCaller(contextFor(db, trustAdmin)).signInApps.trustSave({
      clientId: null,
      fields: { name: "Willow Library", url: "https://library.willow.example/", icon: null, forStaff: true, forPupils: true, yearGroups: [] },
      signIn: signIn("http://127.0.0.1:9/willow"),
    });
    const app = { clientId: saved.clientId, clientSecret: saved.clientSecret!, redirectUri: "http://127.0.0.1:9/willow" };
    expect(await db.launcherApp.findMany({ where: { oidcClientId: app.clientId }, select: { schoolId: true } })).toEqual(expect.arrayContaining([{ schoolId: north }, { schoolId: south }]));
    for (const [schoolOf, name] of [[north, "Willow North"], [south, "Willow South"]] as const) {
      const account = await createPupilWithAccount(db, schoolOf, { ncYear: "7" });
      const { claims } = await signInToApp(provider.issuer, app, new Browser(provider.origin), { signIn: { username: account.username, password: decryptSecret(account.passwordEnc!) } });
      expect(claims).toMatchObject({ sub: account.personId, staffroom_school: name });
    }
    // A school admin can't change the trust's app's sign-in settings; a pupil outside the trust is refused.
    const northTile = (await db.launcherApp.findFirstOrThrow({ where: { oidcClientId: app.clientId, schoolId: north } })).id;
    const northAdmin = (await createUser(db, { schoolId: north, role: "SCHOOL_ADMIN" })).id;
    await expect(appRouter.createCaller(contextFor(db, northAdmin)).signInApps.newSecret({ schoolId: north, appId: northTile })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(signInToApp(provider.issuer, app, new Browser(provider.origin), { signIn: pupil })).rejects.toMatchObject({ error: "access_denied" });
  });

  it("publishes discovery with the endpoints an app needs", async () => {
    const config = await relyingParty(provider.issuer, { clientId: "x", clientSecret: "y", redirectUri: "http://127.0.0.1:9/" });
    const metadata = config.serverMetadata();
    expect(metadata).toMatchObject({ issuer: provider.issuer, jwks_uri: `${provider.issuer}/jwks`, userinfo_endpoint: `${provider.issuer}/me`, backchannel_logout_supported: true });
    expect(metadata.end_session_endpoint).toBe(`${provider.issuer}/session/end`);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(["classes", "year_group"]));
  });
});
