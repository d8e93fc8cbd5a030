// Finding 3: sessions couldn't be revoked: after a password reset, and after signing out
// (replaying the old cookie), the old session still answered for 12 hours. Here a real
// password sign-in goes through Auth.js's own endpoints; its cookie is replayed afterwards.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { handlers } from "@/server/auth/config";
import { issuePasswordToken } from "@/server/auth/password-tokens";
import { setPasswordWithToken } from "@/server/users/passwords";
import { setMemberRole } from "@/server/users/roles";
import { unlinkIdentity } from "@/server/matching/service";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { cookieHeader, remember, type Jar } from "../helpers/cookie-jar";

const ORIGIN = "http://localhost:3000";

/** Signs in through /api/auth/callback/credentials as a browser would; returns its cookies. */
async function signIn(email: string, password: string): Promise<Jar> {
  const jar: Jar = new Map();
  const csrf = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
  remember(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
      body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }),
    }),
  );
  remember(jar, response);
  expect(jar.get("authjs.session-token")).toBeTruthy();
  return jar;
}

/** Whom /api/auth/session says the cookies belong to (null: signed out). */
async function sessionUser(jar: Jar): Promise<string | null> {
  const response = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/session`, { headers: { cookie: cookieHeader(jar) } }));
  const body = (await response.json()) as { user?: { id?: string } } | null;
  return body?.user?.id ?? null;
}

async function signOut(jar: Jar) {
  const csrf = await handlers.GET(new NextRequest(`${ORIGIN}/api/auth/csrf`, { headers: { cookie: cookieHeader(jar) } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  await handlers.POST(
    new NextRequest(`${ORIGIN}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
      body: new URLSearchParams({ csrfToken }),
    }),
  );
}

describe("revocable sessions", () => {
  let schoolId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
  });
  afterAll(() => db.$disconnect());

  const member = (password: string, role: "STAFF" | "SCHOOL_ADMIN" = "STAFF") => createUser(db, { schoolId, password, role });

  it("a signed-in cookie works until something revokes it", async () => {
    const user = await member("a fine password 1");
    const jar = await signIn(user.email, "a fine password 1");
    expect(await sessionUser(jar)).toBe(user.id);
    expect(await sessionUser(jar)).toBe(user.id);
  });

  it("refuses the old cookie after signing out, while another browser stays signed in", async () => {
    const user = await member("a fine password 2");
    const laptop = await signIn(user.email, "a fine password 2");
    const phone = await signIn(user.email, "a fine password 2");
    const replay = new Map(laptop);
    await signOut(laptop);
    expect(await sessionUser(replay)).toBeNull();
    expect(await sessionUser(phone)).toBe(user.id);
  });

  it("refuses every old cookie after a password reset", async () => {
    const user = await member("a fine password 3");
    const jar = await signIn(user.email, "a fine password 3");
    const token = await issuePasswordToken(db, user.id, "RESET");
    await setPasswordWithToken(db, { token, password: "a brand new passphrase 3" });
    expect(await sessionUser(jar)).toBeNull();
  });

  it("refuses every old cookie after sign out everywhere", async () => {
    const user = await member("a fine password 4");
    const one = await signIn(user.email, "a fine password 4");
    const two = await signIn(user.email, "a fine password 4");
    await appRouter.createCaller(contextFor(db, user.id)).me.signOutEverywhere();
    expect(await sessionUser(one)).toBeNull();
    expect(await sessionUser(two)).toBeNull();
  });

  it("refuses the old cookie once the account is disabled", async () => {
    const user = await member("a fine password 5");
    const jar = await signIn(user.email, "a fine password 5");
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await sessionUser(jar)).toBeNull();
  });

  it("refuses the old cookie after the role is taken away", async () => {
    const admin = await member("an admin password 6", "SCHOOL_ADMIN");
    const demoted = await member("a fine password 6", "SCHOOL_ADMIN");
    const jar = await signIn(demoted.email, "a fine password 6");
    await setMemberRole(db, { schoolId, actor: { userId: admin.id, label: admin.email }, actorRole: "SCHOOL_ADMIN", userId: demoted.id, role: "STAFF" });
    expect(await sessionUser(jar)).toBeNull();
  });

  it("refuses the old cookie after an identity is unlinked", async () => {
    const person = await db.person.create({ data: { schoolId, kind: "STAFF", surname: "Unlinked", forename: "Una" } });
    const user = await db.user.update({ where: { id: (await member("a fine password 7")).id }, data: { personId: person.id } });
    const account = await db.account.create({ data: { userId: user.id, type: "oidc", provider: "google", providerAccountId: `g-${user.id}` } });
    const jar = await signIn(user.email!, "a fine password 7");
    await unlinkIdentity(db, { schoolId, actor: { system: "test" }, accountId: account.id });
    expect(await sessionUser(jar)).toBeNull();
  });
});
