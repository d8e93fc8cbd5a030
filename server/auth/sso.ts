import type { Db } from "../db";
import { recordActivity } from "../activity/record";
import { isUniqueViolation, linkIdentity, matchByEmail, schoolsForIdentityEmail, type SsoIdentity } from "../matching/identities";
import { allSchoolsLite } from "../schools/lite";
import { accountLabel, activeAccountSelect, isActiveAccount } from "../users/status";
import { normaliseEmail } from "./credentials";
import { isMultiTenantMicrosoftIssuer, microsoftIssuer, ssoLabel } from "./sso-config";

export type SsoDecision = { ok: true; userId: string; how: "linked" | "matched by email" } | { ok: false; reason: string; lite?: true };

/** Why a Google/Microsoft sign-in of an account whose schools all use Staffroom Lite is refused. */
export const LITE_SIGN_IN_REASON = "school uses Staffroom Lite";

/** The identity Auth.js hands the signIn callback, with whether its email is proven. */
export function identityFromProvider(
  account: { provider: string; providerAccountId: string },
  profile: Record<string, unknown> | undefined,
  issuer = microsoftIssuer(),
): SsoIdentity {
  const claim = (name: string) => (typeof profile?.[name] === "string" ? (profile[name] as string) : null);
  const email = claim("email");
  const emailVerified =
    account.provider === "google"
      ? profile?.email_verified === true
      : // Microsoft: trusted when the app accepts one tenant only (the school's own), or Entra says the domain owner verified it.
        account.provider === "microsoft-entra-id" && (!isMultiTenantMicrosoftIssuer(issuer) || profile?.xms_edov === true);
  return { provider: account.provider, providerAccountId: account.providerAccountId, email, emailVerified: Boolean(email) && emailVerified, name: claim("name") };
}

/**
 * Whether a Google/Microsoft identity may sign in. Only an identity linked to
 * an active account, or one the automatic email rule matches (then linked now),
 * gets in: Staffroom never creates an account from a sign-in.
 */
export async function decideSsoSignIn(db: Db, identity: SsoIdentity): Promise<SsoDecision> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select: { id: true, email: true, ...activeAccountSelect, memberships: { select: { schoolId: true } } } } },
  });
  if (linked) {
    if (isActiveAccount(linked.user)) {
      // The link is kept while Lite is on, but not used: Lite schools sign in with Staffroom credentials.
      if (!(await allSchoolsLite(db, linked.user.id))) return { ok: true, userId: linked.user.id, how: "linked" };
      await logRefusal(db, identity, LITE_SIGN_IN_REASON, linked.user.memberships.map((m) => m.schoolId), { id: linked.user.id, label: accountLabel(linked.user) });
      return { ok: false, reason: LITE_SIGN_IN_REASON, lite: true };
    }
    await logRefusal(db, identity, "account disabled", linked.user.memberships.map((m) => m.schoolId), { id: linked.user.id, label: accountLabel(linked.user) });
    return { ok: false, reason: "account disabled" };
  }

  const match = await matchByEmail(db, identity);
  if (match.kind === "match" && (await allSchoolsLite(db, match.userId))) {
    await logRefusal(db, identity, LITE_SIGN_IN_REASON, match.schoolIds, null);
    return { ok: false, reason: LITE_SIGN_IN_REASON, lite: true };
  }
  if (match.kind === "match") {
    try {
      await db.$transaction((tx) =>
        linkIdentity(tx, { userId: match.userId, identity, actor: { system: "Sign-in" }, action: "Identity Matched", schoolIds: match.schoolIds, how: "verified email at sign-in" }),
      );
      return { ok: true, userId: match.userId, how: "matched by email" };
    } catch (error) {
      // A second tab signing in at the same moment linked it first: decide again.
      if (isUniqueViolation(error)) return decideSsoSignIn(db, identity);
      throw error;
    }
  }

  const reason = match.kind === "ambiguous" ? "email matches more than one account" : match.kind === "already has identity" ? `account already has another ${ssoLabel(identity.provider)} sign-in` : "not linked to anyone";
  await rememberUnmatched(db, identity);
  await logRefusal(db, identity, reason, await schoolsForIdentityEmail(db, identity.email), null);
  return { ok: false, reason };
}

/** Keeps the refused identity so an admin can link it on the User Matching page. */
async function rememberUnmatched(db: Db, identity: SsoIdentity) {
  const data = { email: identity.email ? normaliseEmail(identity.email) : null, emailVerified: identity.emailVerified, name: identity.name };
  await db.unmatchedIdentity.upsert({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    create: { provider: identity.provider, providerAccountId: identity.providerAccountId, ...data },
    update: { ...data, attempts: { increment: 1 }, lastSeenAt: new Date() },
  });
}

async function logRefusal(db: Db, identity: SsoIdentity, reason: string, schoolIds: string[], user: { id: string; label: string } | null) {
  const details = { method: ssoLabel(identity.provider), identityEmail: identity.email, reason };
  const subject = user ? { type: "User", ...user } : { type: "Identity", id: null, label: identity.email ?? `${ssoLabel(identity.provider)} identity` };
  for (const schoolId of schoolIds.length ? schoolIds : [null]) {
    await recordActivity({ schoolId, actor: { system: "Sign-in" }, action: "Sign-in Refused", subject, details }, db);
  }
}

/** The activity-log line for a successful Google/Microsoft sign-in. */
export async function logSsoSignIn(db: Db, userId: string, provider: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, memberships: { select: { schoolId: true } } } });
  if (!user) return;
  const schoolIds = user.memberships.length ? user.memberships.map((m) => m.schoolId) : [null];
  for (const schoolId of schoolIds) {
    await recordActivity({ schoolId, actor: { system: "Sign-in" }, action: "Signed In", subject: { type: "User", id: userId, label: user.email }, details: { method: ssoLabel(provider) } }, db);
  }
}
