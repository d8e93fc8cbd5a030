// Google and Microsoft sign-in through Auth.js's own endpoints, against local OpenID Connect
// providers (oauth2-mock-server): the signIn callback's decision, where a refused browser is
// sent, the session a successful one gets, and the activity log's "Signed In" line. The e2e
// specs do this in a browser; here it runs in the mutation tests of server/auth (config.ts,
// providers.ts, sso.ts).
import { createServer } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcProvider, type IdentityClaims, type OidcProvider } from "../helpers/oidc-provider";
import { cookieHeader, remember, type Jar } from "../helpers/cookie-jar";

const ORIGIN = "http://localhost:3000";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("Google / Microsoft sign-in through Auth.js", () => {
  let google: OidcProvider;
  let microsoft: OidcProvider;
  let handlers: typeof import("@/server/auth/config").handlers;
  let db: typeof import("@/server/db").db;
  let schoolId: string;
  const domain = `flow-${process.pid}.example`;

  beforeAll(async () => {
    [google, microsoft] = await Promise.all([startOidcProvider(await freePort()), startOidcProvider(await freePort())]);
    // server/env reads these when first imported, and this file imports it only now.
    Object.assign(process.env, {
      AUTH_GOOGLE_ID: "flow-google-client",
      AUTH_GOOGLE_SECRET: "flow-google-secret",
      AUTH_GOOGLE_ISSUER: google.issuer,
      AUTH_MICROSOFT_ENTRA_ID_ID: "flow-microsoft-client",
      AUTH_MICROSOFT_ENTRA_ID_SECRET: "flow-microsoft-secret",
      AUTH_MICROSOFT_ENTRA_ID_ISSUER: microsoft.issuer,
    });
    ({ handlers } = await import("@/server/auth/config"));
    ({ db } = await import("@/server/db"));
    schoolId = (await db.school.create({ data: { name: `Flow School ${process.pid}`, ssoDomains: [domain] } })).id;
  });
  afterAll(async () => {
    await Promise.all([google?.stop(), microsoft?.stop()]);
    await db?.$disconnect();
  });

  async function staffWithAccount(email: string) {
    const { provisionStaffAccounts } = await import("@/server/users/provision");
    const person = await db.person.create({ data: { schoolId, kind: "STAFF", forename: "Flo", surname: `Flow${email.length}`, email } });
    await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, [person.id]));
    return db.user.findUniqueOrThrow({ where: { personId: person.id } });
  }

  /** The browser's round trip: Staffroom's sign-in button, the provider's page, Staffroom's callback. */
  async function signInWith(provider: "google" | "microsoft-entra-id", claims: IdentityClaims) {
    (provider === "google" ? google : microsoft).setIdentity(claims);
    const jar: Jar = new Map();
    const csrf = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
    remember(jar, csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const start = await handlers.POST(
      new NextRequest(`${ORIGIN}/api/auth/signin/${provider}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
        body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}/staff` }),
      }),
    );
    remember(jar, start);
    const authorize = start.headers.get("location")!;
    expect(authorize.startsWith((provider === "google" ? google : microsoft).issuer)).toBe(true);
    const atProvider = await fetch(authorize, { redirect: "manual" });
    const callback = atProvider.headers.get("location")!;
    expect(callback.startsWith(`${ORIGIN}/api/auth/callback/${provider}`)).toBe(true);
    const done = await handlers.GET(new NextRequest(callback, { headers: { cookie: cookieHeader(jar) } }));
    remember(jar, done);
    const session = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie: cookieHeader(jar) } }));
    const body = (await session.json()) as { user?: { id?: string }; signedInAt?: string; sessionKey?: string } | null;
    return { location: done.headers.get("location"), userId: body?.user?.id ?? null, session: body };
  }

  it("signs in a Google identity whose verified email matches, logs it, and starts a revocable session", async () => {
    const user = await staffWithAccount(`match@${domain}`);
    const result = await signInWith("google", { sub: `g-match-${process.pid}`, email: `MATCH@${domain}`, email_verified: true, name: "Flo" });
    expect(result.location).toBe("/staff");
    expect(result.userId).toBe(user.id);
    expect(result.session!.signedInAt).toEqual(expect.any(String));
    expect(result.session!.sessionKey).toEqual(expect.any(String));
    expect(await db.account.findFirst({ where: { userId: user.id, provider: "google" } })).toMatchObject({ providerAccountId: `g-match-${process.pid}` });
    const signedIn = await db.activityEvent.findMany({ where: { action: "Signed In", subjectId: user.id } });
    expect(signedIn.map((e) => [e.schoolId, e.details])).toEqual([[schoolId, { method: "Google" }]]);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("signs in a Microsoft identity from a single-tenant issuer", async () => {
    const user = await staffWithAccount(`ms.match@${domain}`);
    const result = await signInWith("microsoft-entra-id", { sub: `m-match-${process.pid}`, email: `ms.match@${domain}`, name: "Flo M" });
    expect(result.userId).toBe(user.id);
    const signedIn = await db.activityEvent.findMany({ where: { action: "Signed In", subjectId: user.id } });
    expect(signedIn.map((e) => e.details)).toEqual([{ method: "Microsoft" }]);
  });

  it("sends a refused identity to the not-linked page, with no session and no account made", async () => {
    const result = await signInWith("google", { sub: `g-stranger-${process.pid}`, email: `stranger@${domain}`, email_verified: true });
    expect(result.location).toBe(`/sign-in/not-linked?provider=google`);
    expect(result.userId).toBeNull();
    expect(await db.user.count({ where: { email: `stranger@${domain}` } })).toBe(0);
    // An unverified Google email is refused too, whatever it matches.
    await staffWithAccount(`unverified@${domain}`);
    const unverified = await signInWith("google", { sub: `g-unverified-${process.pid}`, email: `unverified@${domain}`, email_verified: false });
    expect(unverified.location).toBe(`/sign-in/not-linked?provider=google`);
  });

  it("says why when every school of the account uses Staffroom Lite", async () => {
    const lite = await db.school.create({ data: { name: `Flow Lite ${process.pid}`, liteMode: true } });
    const user = await staffWithAccount(`lite@${domain}`);
    await db.schoolMembership.updateMany({ where: { userId: user.id }, data: { schoolId: lite.id } });
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: `m-lite-${process.pid}` } });
    const result = await signInWith("microsoft-entra-id", { sub: `m-lite-${process.pid}`, email: `lite@${domain}` });
    expect(result.location).toBe(`/sign-in/not-linked?provider=microsoft-entra-id&reason=lite`);
    expect(result.userId).toBeNull();
    const refused = await db.activityEvent.findMany({ where: { action: "Sign-in Refused", subjectId: user.id } });
    expect(refused.map((e) => [e.schoolId, e.details])).toEqual([[lite.id, { method: "Microsoft", identityEmail: `lite@${domain}`, reason: "school uses Staffroom Lite" }]]);
  });
});
