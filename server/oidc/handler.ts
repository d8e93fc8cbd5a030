// The provider on Node's req/res (see forward.ts), and the interaction: Staffroom's own sign-in
// stands in for oidc-provider's login and consent pages.
import type { IncomingMessage, ServerResponse } from "node:http";
import { getToken } from "next-auth/jwt";
import { recordActivity, userActor } from "../activity/record";
import { signInPathReturningTo } from "../auth/redirect";
import { sessionIsActive } from "../auth/sessions";
import type { Db } from "../db";
import { env } from "../env";
import { logger } from "../logger";
import { accountIdOf, appAccessFor, userForAccount } from "./accounts";
import { hashClientSecret } from "./clients";
import { htmlPage } from "./pages";
import { APP_SIGN_IN_RETURN_COOKIE, APP_SIGN_IN_RETURN_MAX_AGE_S } from "./return-path";
import { interactionPath, OIDC_MOUNT, oidcProvider, STAFFROOM_ACCOUNT } from "./provider";

type OidcRequest = IncomingMessage & { originalUrl?: string; [STAFFROOM_ACCOUNT]?: string | null };

/** The public origin: the configured one, or (outside production) the one the request came in on. */
export function publicOrigin(req: IncomingMessage): string | null {
  const configured = env.APP_URL ?? env.AUTH_URL;
  if (configured) return new URL(configured).origin;
  if (env.NODE_ENV === "production") return null;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(",")[0]?.trim();
  const host = first(req.headers["x-forwarded-host"]) ?? req.headers.host;
  return host ? `${first(req.headers["x-forwarded-proto"]) ?? "http"}://${host}` : null;
}

/**
 * The Staffroom user signed in in this browser: Auth.js's session cookie, checked as Auth.js's jwt
 * callback checks it (the Session row still current, the account still active). Read with
 * next-auth/jwt, not through Auth.js's handlers: this runs outside Next's request context.
 */
async function signedInUserId(db: Db, req: IncomingMessage, origin: string): Promise<string | null> {
  const cookie = req.headers.cookie;
  if (!cookie) return null;
  const secureCookie = env.AUTH_URL ? env.AUTH_URL.startsWith("https:") : origin.startsWith("https:");
  const token = await getToken({ req: { headers: { cookie } }, secret: env.AUTH_SECRET, secureCookie });
  if (!token?.sub || typeof token.sid !== "string") return null;
  return (await sessionIsActive(db, token.sub, token.sid)) ? token.sub : null;
}

const formDecode = (value: string) => {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
};

/** Client secrets are stored hashed: the secret an app presents (HTTP Basic) is compared as its hash. */
function hashPresentedSecret(req: IncomingMessage) {
  const header = req.headers.authorization;
  if (!header || !/^basic /i.test(header)) return;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return;
  const secret = hashClientSecret(formDecode(decoded.slice(colon + 1)));
  req.headers.authorization = `Basic ${Buffer.from(`${decoded.slice(0, colon)}:${secret}`).toString("base64")}`;
}

function send(res: ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(html);
}

/** Handles one request to /oidc/…. */
export async function handleOidcRequest(db: Db, req: OidcRequest, res: ServerResponse) {
  const origin = publicOrigin(req);
  if (!origin) return send(res, 503, htmlPage("Not configured", "<h1>Set APP_URL (or AUTH_URL) to use Staffroom sign-in for apps.</h1>"));
  const url = new URL(req.url ?? "/", origin);
  const path = url.pathname.replace(/^\/oidc(?=\/|$)/, "") || "/";
  const provider = await oidcProvider(db, `${origin}${OIDC_MOUNT}`);
  const interaction = /^\/interaction\/([\w-]+)$/.exec(path);
  if (interaction) return finishInteraction(db, req, res, origin, interaction[1]!);
  if (path === "/auth" || path.startsWith("/auth/")) {
    const userId = await signedInUserId(db, req, origin);
    const user = userId ? await db.user.findUnique({ where: { id: userId }, select: { id: true, personId: true } }) : null;
    req[STAFFROOM_ACCOUNT] = user ? accountIdOf(user) : null;
  }
  hashPresentedSecret(req);
  // oidc-provider works out its mount point from originalUrl minus url (as under Express).
  req.originalUrl = `${OIDC_MOUNT}${path}${url.search}`;
  req.url = `${path}${url.search}`;
  await provider.callback()(req, res);
}

/**
 * The interaction: a browser not signed in to Staffroom goes to the sign-in page and comes back
 * here; a signed-in one whose app is for them is signed in to the app, with every scope the app
 * asked for and the admin allowed (no consent screen: the school approved the app).
 */
async function finishInteraction(db: Db, req: OidcRequest, res: ServerResponse, origin: string, uid: string) {
  const provider = await oidcProvider(db, `${origin}${OIDC_MOUNT}`);
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    return send(res, 400, htmlPage("Sign-in expired", "<h1>That sign-in has expired.</h1><p>Go back to the app and start again.</p>"));
  }
  if (details.uid !== uid) return send(res, 400, htmlPage("Sign-in expired", "<h1>That sign-in has expired.</h1><p>Go back to the app and start again.</p>"));
  const userId = await signedInUserId(db, req, origin);
  if (!userId) {
    res.statusCode = 303;
    res.setHeader("Location", signInPathReturningTo(interactionPath(uid)));
    // Staff sign-in returns through callbackUrl; pupils' sign-in reads this (see return-path.ts).
    const secure = origin.startsWith("https:") ? "; Secure" : "";
    res.setHeader("Set-Cookie", `${APP_SIGN_IN_RETURN_COOKIE}=${interactionPath(uid)}; Path=/; Max-Age=${APP_SIGN_IN_RETURN_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure}`);
    return res.end();
  }
  const clientId = String(details.params.client_id);
  const [user, access] = await Promise.all([db.user.findUnique({ where: { id: userId }, select: { id: true, personId: true } }), appAccessFor(db, userId, clientId)]);
  const accountId = user && accountIdOf(user);
  if (!accountId || !access || !(await userForAccount(db, accountId))) {
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: "This app isn't available to this user." }, { mergeWithLastSubmission: false });
  }
  const grant = (details.grantId && (await provider.Grant.find(details.grantId))) || new provider.Grant({ accountId, clientId });
  if (grant.accountId !== accountId) return send(res, 400, htmlPage("Sign-in expired", "<h1>That sign-in has expired.</h1><p>Go back to the app and start again.</p>"));
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  const client = await db.oidcClient.findUnique({ where: { id: clientId }, select: { name: true } });
  await recordActivity({ schoolId: access.schoolId, actor: await userActor(db, userId), action: "App Sign-in", subject: { type: "App", id: access.tileId, label: client?.name ?? clientId }, details: { clientId } }).catch((err) =>
    logger.warn({ err, clientId }, "Couldn't log an app sign-in"),
  );
  if (req.headers.cookie?.includes(APP_SIGN_IN_RETURN_COOKIE)) res.appendHeader("Set-Cookie", `${APP_SIGN_IN_RETURN_COOKIE}=; Path=/; Max-Age=0`);
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

