// Email + password and pupil sign-in through Auth.js's own endpoints (server/auth/config.ts):
// what the browser is told when a sign-in fails or the address is locked, which sign-in
// methods the app offers, where Auth.js's own pages send the browser, what reaches the
// server log, and the refresh from Wonde that a staff member's sign-in starts.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { cookieHeader, remember, type Jar } from "../helpers/cookie-jar";
import { createSchool, createUser } from "../helpers/fixtures";
import { createPupilWithAccount } from "../helpers/pupils";

const ORIGIN = "http://localhost:3000";

// What Next.js's server sets up before anything else, so next/headers can see a request scope.
vi.hoisted(() => {
  const { AsyncLocalStorage } = process.getBuiltinModule("node:async_hooks");
  (globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
});

describe("sign-in through Auth.js's endpoints", () => {
  let handlers: typeof import("@/server/auth/config").handlers;
  let db: typeof import("@/server/db").db;
  let logger: typeof import("@/server/logger").logger;
  let schoolId: string;

  beforeAll(async () => {
    ({ handlers } = await import("@/server/auth/config"));
    ({ db } = await import("@/server/db"));
    ({ logger } = await import("@/server/logger"));
    schoolId = (await createSchool(db)).id;
  });
  afterAll(async () => {
    await db?.$disconnect();
  });

  async function post(path: string, form: Record<string, string>, cookies: Record<string, string> = {}) {
    const jar: Jar = new Map(Object.entries(cookies));
    const csrf = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
    remember(jar, csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await handlers.POST(
      new NextRequest(`${ORIGIN}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
        body: new URLSearchParams({ ...form, csrfToken, callbackUrl: "/staff" }),
      }),
    );
    remember(jar, response);
    const session = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie: cookieHeader(jar) } }));
    const body = (await session.json()) as { user?: { id?: string } } | null;
    return { location: response.headers.get("location"), userId: body?.user?.id ?? null };
  }
  const passwordSignIn = (email: string, password: string) => post("/api/auth/callback/credentials", { email, password });

  it("signs a staff member in with email and password, logging it once", async () => {
    const user = await createUser(db, { schoolId, password: "endpoint password" });
    const result = await passwordSignIn(user.email, "endpoint password");
    expect(result).toEqual({ location: "/staff", userId: user.id });
    const events = await db.activityEvent.findMany({ where: { subjectId: user.id, action: "Signed In" } });
    expect(events.map((e) => e.details)).toEqual([{ method: "password" }]);
  });

  it("records which browser signed in, for \"Signed in on …\"", async () => {
    // As Next.js runs the route handler: inside its request scope, where next/headers reads the request.
    const { workAsyncStorage } = await import("next/dist/server/app-render/work-async-storage.external.js");
    const { workUnitAsyncStorage } = await import("next/dist/server/app-render/work-unit-async-storage.external.js");
    const user = await createUser(db, { schoolId, password: "browser password" });
    const browser = "Mozilla/5.0 (Macintosh) Firefox/140.0";
    const inRequestScope = <T>(fn: () => Promise<T>) =>
      workAsyncStorage.run({ route: "/api/auth/[...nextauth]" } as never, () =>
        workUnitAsyncStorage.run({ type: "request", phase: "action", headers: new Headers({ "user-agent": browser }) } as never, fn),
      );
    expect((await inRequestScope(() => passwordSignIn(user.email, "browser password"))).userId).toBe(user.id);
    expect(await db.session.findMany({ where: { userId: user.id }, select: { userAgent: true } })).toEqual([{ userAgent: browser }]);
  });

  it("accepts an address pasted with spaces around it, even past the length limit", async () => {
    const user = await createUser(db, { schoolId, password: "padded password" });
    const padded = `${" ".repeat(200)}${user.email}${" ".repeat(200)}`;
    expect((await passwordSignIn(padded, "padded password")).userId).toBe(user.id);
  });

  it("turns away an empty or overlong address or password before looking anyone up", async () => {
    const user = await createUser(db, { schoolId, password: "p" });
    const long = `${"a".repeat(320)}@example.org`;
    for (const [email, password] of [["", "whatever"], ["   ", "whatever"], [long, "whatever"], [user.email, ""], [user.email, "x".repeat(1025)]] as const) {
      const result = await passwordSignIn(email, password);
      expect(result).toEqual({ location: `${ORIGIN}/sign-in?error=CredentialsSignin&code=credentials`, userId: null });
    }
    // Nothing was checked, so nothing was logged or counted towards a lock.
    expect(await db.activityEvent.count({ where: { action: "Sign-in Failed", subjectLabel: { in: ["", long, user.email] } } })).toBe(0);
    // The shortest password (one character) and a 1024-character one are checked.
    expect((await passwordSignIn(user.email, "p")).userId).toBe(user.id);
    const longPassword = "y".repeat(1024);
    const other = await createUser(db, { schoolId, password: longPassword });
    expect((await passwordSignIn(other.email, longPassword)).userId).toBe(other.id);
  });

  it("says a wrong password is wrong, and a locked address is locked, without logging a server error", async () => {
    const errors = vi.spyOn(logger, "error");
    const consoleErrors = vi.spyOn(console, "error");
    try {
      const user = await createUser(db, { schoolId, password: "the right one" });
      expect(await passwordSignIn(user.email, "wrong")).toEqual({ location: `${ORIGIN}/sign-in?error=CredentialsSignin&code=credentials`, userId: null });
      for (let i = 0; i < 4; i++) await passwordSignIn(user.email, "wrong");
      expect(await passwordSignIn(user.email, "the right one")).toEqual({ location: `${ORIGIN}/sign-in?error=CredentialsSignin&code=locked`, userId: null });
      expect(errors).not.toHaveBeenCalled();
      expect(consoleErrors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
      consoleErrors.mockRestore();
    }
  });

  it("logs any other Auth.js failure as a server error", async () => {
    const errors = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      const response = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/no-such-action`));
      expect(response.status).toBe(400);
      expect(errors).toHaveBeenCalledTimes(1);
      expect(errors.mock.calls[0]).toEqual([{ err: expect.objectContaining({ type: "UnknownAction" }) }, "Auth.js error"]);
    } finally {
      errors.mockRestore();
    }
  });

  it("sends Auth.js's own sign-in and error pages to Staffroom's sign-in page", async () => {
    const signInPage = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/signin`));
    expect(signInPage.headers.get("location")).toMatch(/^\/sign-in\?callbackUrl=/);
    const errorPage = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/error?error=Configuration`));
    expect(errorPage.headers.get("location")).toBe("/sign-in?error=Configuration");
  });

  it("offers the email-and-password and pupil sign-in methods by name", async () => {
    const response = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/providers`));
    const providers = (await response.json()) as Record<string, { id: string; name: string; type: string }>;
    expect(providers.credentials).toMatchObject({ id: "credentials", name: "Email and password", type: "credentials" });
    expect(providers.pupil).toMatchObject({ id: "pupil", name: "Pupil", type: "credentials" });
  });

  it("signs a pupil in with username and password, and says when the device is locked out", async () => {
    const account = await createPupilWithAccount(db, schoolId);
    const { decryptSecret } = await import("@/server/crypto");
    const { checkPupilPassword } = await import("@/server/accounts/sign-in");
    const { DEVICE_COOKIE } = await import("@/lib/pupil-device-cookies");
    const device = `endpoint-device-${process.pid}`;
    const form = { method: "password", username: account.username, password: decryptSecret(account.passwordEnc!) };
    expect(await post("/api/auth/callback/pupil", form, { [DEVICE_COOKIE]: device })).toEqual({ location: "/staff", userId: account.userId });
    expect(await post("/api/auth/callback/pupil", { ...form, password: "wrong" }, { [DEVICE_COOKIE]: device })).toMatchObject({
      location: `${ORIGIN}/sign-in?error=CredentialsSignin&code=credentials`,
    });
    // The device's cookie names it: failures on it lock it, whoever the pupil.
    for (let tries = 0; tries < 30; tries++) {
      const result = await checkPupilPassword(db, { username: "nobody-here", password: "x", device });
      if (!result.ok && result.reason === "locked") break;
    }
    expect(await post("/api/auth/callback/pupil", form, { [DEVICE_COOKIE]: device })).toEqual({ location: `${ORIGIN}/sign-in?error=CredentialsSignin&code=locked`, userId: null });
    // Another device is not locked.
    expect((await post("/api/auth/callback/pupil", form, { [DEVICE_COOKIE]: `${device}-other` })).userId).toBe(account.userId);
  });

  it("refreshes a staff member's own record from Wonde when they sign in, without waiting for it", async () => {
    const { encryptSecret } = await import("@/server/crypto");
    const school = await db.school.create({ data: { name: `Wonde school ${process.pid}`, wondeId: "A1234567", wondeTokenEnc: encryptSecret("token") } });
    const user = await createUser(db, { schoolId: school.id, password: "staff password" });
    const person = await db.person.create({
      data: { schoolId: school.id, kind: "STAFF", forename: "Wen", surname: "Dee", externalIds: { create: { schoolId: school.id, source: "wonde", entity: "employee", externalId: "E99887766" } } },
    });
    await db.userPersonLink.create({ data: { userId: user.id, schoolId: school.id, personId: person.id } });
    const warnings = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    try {
      expect((await passwordSignIn(user.email, "staff password")).userId).toBe(user.id);
      // This school's Wonde token is not a real one (and tests reach no Wonde), so the refresh
      // fails; its failure, logged in the background after sign-in, shows it was tried.
      const attempts = () => warnings.mock.calls.filter(([fields, message]) => (fields as { userId?: string }).userId === user.id && message === "Refreshing the user from Wonde at sign-in failed");
      await expect.poll(() => attempts().length, { timeout: 20_000 }).toBe(1);
    } finally {
      warnings.mockRestore();
    }
  });
});
