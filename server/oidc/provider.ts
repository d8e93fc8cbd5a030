// oidc-provider configured for Staffroom: authorization code with PKCE, refresh tokens, userinfo,
// RP-initiated and back-channel logout, public or pairwise `sub`. One provider per issuer and key
// set, rebuilt when `npm run keys:rotate` (in any process) changed the keys.
import { createHmac, hkdfSync } from "node:crypto";
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import type { Db } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { appAccessFor, claimsFor, userForAccount } from "./accounts";
import { prismaAdapter } from "./adapter";
import { keySetVersion, signingKeys } from "./keys";
import { htmlPage } from "./pages";

/** Where the provider is mounted in the app (app/oidc/[[...path]]/route.ts). */
export const OIDC_MOUNT = "/oidc";
export const interactionPath = (uid: string) => `${OIDC_MOUNT}/interaction/${uid}`;

/** Set on the Node request by the handler: the account signed in to Staffroom in this browser, if any. */
export const STAFFROOM_ACCOUNT = Symbol("staffroomAccount");
type WithStaffroomAccount = { [STAFFROOM_ACCOUNT]?: string | null };

const derivedKey = (purpose: string, secret: string) => Buffer.from(hkdfSync("sha256", secret, "staffroom-oidc", purpose, 32));

/** Login is needed again whenever the browser's Staffroom session isn't the provider session's account. */
function loginPolicy() {
  const policy = interactionPolicy.base();
  policy.get("login")!.checks.add(
    new interactionPolicy.Check("staffroom_session", "The Staffroom sign-in has ended or changed", (ctx) => {
      const signedIn = (ctx.req as WithStaffroomAccount)[STAFFROOM_ACCOUNT];
      return signedIn && signedIn === ctx.oidc.session?.accountId ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}

function configuration(db: Db, jwks: { keys: Record<string, unknown>[] }): Configuration {
  return {
    adapter: prismaAdapter(db),
    jwks: jwks as Configuration["jwks"],
    cookies: { keys: [derivedKey("cookies", env.AUTH_SECRET).toString("base64url")] },
    findAccount: async (ctx, accountId) => {
      const clientId = ctx.oidc.client?.clientId;
      const user = await userForAccount(db, accountId);
      if (!user || !clientId || !(await appAccessFor(db, user.id, clientId))) return undefined;
      return {
        accountId,
        claims: async (_use, scope) => (await claimsFor(db, accountId, clientId, new Set(scope.split(" ")))) ?? { sub: accountId },
      };
    },
    claims: {
      openid: ["sub"],
      profile: ["name", "given_name", "family_name", "staffroom_role", "staffroom_school", "staffroom_school_urn"],
      email: ["email", "email_verified"],
      classes: ["classes"],
      year_group: ["year_group"],
    },
    scopes: ["openid", "offline_access", "profile", "email", "classes", "year_group"],
    // ID tokens carry the granted scopes' claims too, so an app needs no userinfo call to show a name.
    conformIdTokenClaims: false,
    responseTypes: ["code"],
    pkce: { required: () => true },
    subjectTypes: ["public", "pairwise"],
    // Per app, not per host: two apps on one host still see different subs.
    pairwiseIdentifier: async (_ctx, accountId, client) =>
      createHmac("sha256", derivedKey("pairwise", env.ENCRYPTION_KEY)).update(`${client.clientId}:${accountId}`).digest("base64url"),
    clientAuthMethods: ["client_secret_basic"],
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = htmlPage("Sign out", `<h1>Sign out of the school's apps?</h1>${form}<p><button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button> <button type="submit" form="op.logoutForm">No, stay signed in</button></p>`);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = htmlPage("Signed out", "<h1>You're signed out of the app.</h1><p><a href=\"/\">Back to Staffroom</a></p>");
        },
      },
    },
    interactions: { url: async (_ctx, interaction) => interactionPath(interaction.uid), policy: loginPolicy() },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = htmlPage("Sign-in problem", `<h1>The app's sign-in didn't work.</h1><p>${escapeHtml(String(out.error_description ?? out.error ?? ""))}</p><p><a href="/">Back to Staffroom</a></p>`);
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      // As long as a Staffroom session.
      Session: 12 * 3600,
      Grant: 30 * 24 * 3600,
      RefreshToken: 30 * 24 * 3600,
    },
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

let cached: { issuer: string; version: string; provider: Provider } | null = null;

/** The issuer this process's provider last served (for work done outside a request). */
export const lastServedIssuer = () => cached?.issuer ?? null;

/** The provider for this issuer with the current keys (creating the first key on first use). */
export async function oidcProvider(db: Db, issuer: string): Promise<Provider> {
  const version = await keySetVersion(db);
  if (cached && cached.issuer === issuer && cached.version === version && version) return cached.provider;
  const keys = await signingKeys(db);
  const provider = new Provider(issuer, configuration(db, { keys }));
  // Behind Next.js (and a load balancer in production): the public protocol and host are in X-Forwarded-*.
  provider.proxy = true;
  provider.on("server_error", (_ctx: KoaContextWithOIDC, err: Error) => logger.error({ err }, "OIDC provider error"));
  provider.on("backchannel.error", (_ctx: unknown, err: Error, client: { clientId: string }) => logger.warn({ err, clientId: client.clientId }, "Back-channel logout failed"));
  cached = { issuer, version: await keySetVersion(db), provider };
  return provider;
}
