// Saved passwords on launcher tiles: sealed per user (envelope encryption), shown to their owner
// only after a re-authentication within 10 minutes, never to an admin through any procedure, held
// as ciphertext only, kept through an MIS migration and deleted when the person leaves.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { revealLogin } from "@/server/apps/vault/logins";
import { REAUTH_WINDOW_MS, reauthState } from "@/server/apps/vault/reauth";
import { sessionKeyOf, startSession } from "@/server/auth/sessions";
import { hashPassword } from "@/server/auth/password";
import { decryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { applyMigration } from "@/server/migrations/apply";
import { resolveCandidate } from "@/server/migrations/review";
import { appRouter } from "@/server/trpc/root";
import type { Context } from "@/server/trpc/context";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { createPupilWithAccount, enableYearGroup } from "../helpers/pupils";
import { connectedSchool, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

const STAFF_PASSWORD = "copper kettle orbit lantern";

/** A signed-in browser: a real Session row, as the sign-in creates it. */
async function browserOf(userId: string, signedInAt = new Date()): Promise<Context> {
  const sessionId = await startSession(db, userId, "vitest", signedInAt);
  await db.session.updateMany({ where: { sessionToken: sessionKeyOf(sessionId) }, data: { createdAt: signedInAt } });
  const context = contextFor(db, userId);
  return { ...context, session: { ...context.session!, sessionKey: sessionKeyOf(sessionId) } };
}

const api = (context: Context) => appRouter.createCaller(context);

async function refusal(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "allowed";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

async function tile(schoolId: string, name: string, audience: { forStaff: boolean; forPupils: boolean } = { forStaff: true, forPupils: true }) {
  return db.launcherApp.create({ data: { schoolId, name, url: `https://${name.toLowerCase().replace(/\W+/g, "-")}.example/`, ...audience } });
}

afterAll(() => db.$disconnect());

describe("saving and revealing", () => {
  let schoolId: string;
  let appId: string;
  let teacherId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    appId = (await tile(schoolId, "Times Tables Arena")).id;
    teacherId = (await createUser(db, { schoolId, role: "STAFF", password: STAFF_PASSWORD })).id;
  });

  it("a member of staff saves a login, sees it listed without the secret, and reveals it only after typing their password again", async () => {
    // Signed in 20 minutes ago: too long ago to reveal without re-authenticating.
    const browser = await browserOf(teacherId, new Date(Date.now() - 20 * 60_000));
    await api(browser).savedLogins.save({ appId, username: "mr.ashby", password: "Arena-2026!" });
    const listed = await api(browser).savedLogins.list({ schoolId });
    expect(listed.apps.map((a) => a.appId)).toEqual([appId]);
    expect(JSON.stringify(listed)).not.toContain("Arena-2026!");
    expect(listed.reauth).toEqual({ method: "password", freshUntil: null });

    expect(await refusal(() => api(browser).savedLogins.reveal({ appId }))).toBe("PRECONDITION_FAILED");
    expect(await refusal(() => api(browser).savedLogins.reauthenticate({ password: "not my password" }))).toBe("BAD_REQUEST");
    expect(await refusal(() => api(browser).savedLogins.reveal({ appId }))).toBe("PRECONDITION_FAILED");
    const fresh = await api(browser).savedLogins.reauthenticate({ password: STAFF_PASSWORD });
    expect(fresh.freshUntil!.getTime()).toBeGreaterThan(Date.now() + REAUTH_WINDOW_MS - 60_000);
    expect(await api(browser).savedLogins.reveal({ appId })).toEqual({ username: "mr.ashby", password: "Arena-2026!" });

    // The re-authentication belongs to this browser only, and lapses after 10 minutes.
    const otherBrowser = await browserOf(teacherId, new Date(Date.now() - 20 * 60_000));
    expect(await refusal(() => api(otherBrowser).savedLogins.reveal({ appId }))).toBe("PRECONDITION_FAILED");
    const key = browser.session!.sessionKey!;
    await expect(revealLogin(db, teacherId, key, appId, new Date(Date.now() + REAUTH_WINDOW_MS + 1000))).rejects.toThrow(/Confirm it's you/);
    expect((await reauthState(db, teacherId, key, new Date(Date.now() + REAUTH_WINDOW_MS + 1000))).freshUntil).toBeNull();
  });

  it("a fresh sign-in (Google, Microsoft, badge…) counts as re-authentication for 10 minutes", async () => {
    const ssoTeacher = (await createUser(db, { schoolId, role: "STAFF" })).id;
    const browser = await browserOf(ssoTeacher);
    await api(browser).savedLogins.save({ appId, username: "ms.okafor", password: "sso-user-pw" });
    const { reauth } = await api(browser).savedLogins.list({ schoolId });
    expect(reauth.method).toBe("sign-in-again");
    expect(reauth.freshUntil).not.toBeNull();
    expect(await api(browser).savedLogins.reveal({ appId })).toEqual({ username: "ms.okafor", password: "sso-user-pw" });
    // Without a password there is nothing to type: they sign in again instead.
    const stale = await browserOf(ssoTeacher, new Date(Date.now() - 11 * 60_000));
    expect(await refusal(() => api(stale).savedLogins.reauthenticate({ password: "anything" }))).toBe("PRECONDITION_FAILED");
    expect(await refusal(() => api(stale).savedLogins.reveal({ appId }))).toBe("PRECONDITION_FAILED");
  });

  it("a pupil re-authenticates with their own pupil password", async () => {
    const account = await createPupilWithAccount(db, schoolId);
    const pupilPassword = decryptSecret(account.passwordEnc!);
    const browser = await browserOf(account.userId, new Date(Date.now() - 30 * 60_000));
    await api(browser).savedLogins.save({ appId, username: "leah7", password: "dragon-fruit" });
    expect((await api(browser).savedLogins.list({ schoolId })).reauth.method).toBe("pupil-password");
    expect(await refusal(() => api(browser).savedLogins.reveal({ appId }))).toBe("PRECONDITION_FAILED");
    await api(browser).savedLogins.reauthenticate({ password: pupilPassword });
    expect(await api(browser).savedLogins.reveal({ appId })).toEqual({ username: "leah7", password: "dragon-fruit" });
  });

  it("only apps on the user's own launcher: not a tile for pupils only, not another school's", async () => {
    const pupilsOnly = await tile(schoolId, "Phonics Pals", { forStaff: false, forPupils: true });
    const elsewhere = await tile((await createSchool(db)).id, "Elsewhere App");
    const browser = await browserOf(teacherId);
    for (const other of [pupilsOnly.id, elsewhere.id]) expect(await refusal(() => api(browser).savedLogins.save({ appId: other, username: "x", password: "y" }))).toBe("NOT_FOUND");
    expect(await db.savedAppLogin.count({ where: { appId: { in: [pupilsOnly.id, elsewhere.id] } } })).toBe(0);
  });

  it("forgetting deletes the login", async () => {
    const browser = await browserOf(teacherId);
    await api(browser).savedLogins.save({ appId, username: "temp", password: "temp-pw" });
    expect(await api(browser).savedLogins.forget({ appId })).toEqual({ forgotten: true });
    expect(await db.savedAppLogin.count({ where: { userId: teacherId } })).toBe(0);
  });
});

describe("nobody but the user can read them", () => {
  const USERNAME = "owl.librarian.7731";
  const PASSWORD = "Tr0ub4dor&3-xyzzy-quartz";
  let schoolId: string;
  let appId: string;
  let ownerId: string;
  beforeAll(async () => {
    const trust = await db.trust.create({ data: { name: "Vault Trust" } });
    schoolId = (await db.school.update({ where: { id: (await createSchool(db)).id }, data: { trustId: trust.id } })).id;
    appId = (await tile(schoolId, "Library Catalogue")).id;
    ownerId = (await createUser(db, { schoolId, role: "STAFF" })).id;
    await api(await browserOf(ownerId)).savedLogins.save({ appId, username: USERNAME, password: PASSWORD });
  });

  it("the database holds only ciphertext: a sealed value per field, each with its own nonce, under a wrapped data key", async () => {
    const rows = await db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "SavedAppLogin" WHERE "userId" = ${ownerId}`;
    const keys = await db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "UserDataKey" WHERE "userId" = ${ownerId}`;
    expect(rows).toHaveLength(1);
    expect(keys).toHaveLength(1);
    const stored = JSON.stringify([rows, keys]);
    for (const secret of [USERNAME, PASSWORD, Buffer.from(PASSWORD).toString("base64"), Buffer.from(PASSWORD).toString("base64url")]) expect(stored).not.toContain(secret);
    const [row] = rows as { usernameEnc: string; passwordEnc: string }[];
    const parts = (sealed: string) => sealed.split(".");
    expect(parts(row!.usernameEnc)).toHaveLength(4);
    expect(parts(row!.usernameEnc)[0]).toBe("v1");
    // Distinct nonces per secret, and saving the same password again seals it afresh.
    expect(parts(row!.usernameEnc)[1]).not.toBe(parts(row!.passwordEnc)[1]);
    await api(await browserOf(ownerId)).savedLogins.save({ appId, username: USERNAME, password: PASSWORD });
    const again = await db.savedAppLogin.findFirstOrThrow({ where: { userId: ownerId } });
    expect(again.passwordEnc).not.toBe(row!.passwordEnc);
    // The data key is wrapped by ENCRYPTION_KEY: 32 bytes once unwrapped, never stored in the clear.
    const wrapped = (keys[0] as { wrappedKey: string }).wrappedKey;
    expect(Buffer.from(decryptSecret(wrapped), "base64")).toHaveLength(32);
    expect(stored).not.toContain(decryptSecret(wrapped));
  });

  it("a sealed value moved to another user's row does not open", async () => {
    const thief = (await createUser(db, { schoolId, role: "STAFF" })).id;
    const thiefBrowser = await browserOf(thief);
    await api(thiefBrowser).savedLogins.save({ appId, username: "thief", password: "thief-pw" });
    const owners = await db.savedAppLogin.findFirstOrThrow({ where: { userId: ownerId } });
    await db.savedAppLogin.updateMany({ where: { userId: thief }, data: { usernameEnc: owners.usernameEnc, passwordEnc: owners.passwordEnc } });
    await expect(api(thiefBrowser).savedLogins.reveal({ appId })).rejects.toThrow();
  });

  it("every procedure of the router, called by the school's admin and the trust's admin (freshly re-authenticated), answers nothing of the secret", async () => {
    const admin = await createUser(db, { schoolId, role: "SCHOOL_ADMIN", password: STAFF_PASSWORD });
    const trustAdmin = await db.user.create({ data: { email: `trust-admin-${Date.now()}@example.org`, passwordHash: await hashPassword(STAFF_PASSWORD), trustId: (await db.school.findUniqueOrThrow({ where: { id: schoolId } })).trustId } });
    const owner = await db.user.findUniqueOrThrow({ where: { id: ownerId }, select: { email: true } });
    const login = await db.savedAppLogin.findFirstOrThrow({ where: { userId: ownerId } });
    // Every id a procedure's input might take, pointing at the owner and their saved login.
    const input = { schoolId, appId, userId: ownerId, loginId: login.id, id: login.id, email: owner.email, deliveryId: login.id, pageSize: 100, limit: 100, query: "owl", search: "owl", status: "all", weeks: 8 };
    const procedures = Object.keys(appRouter._def.procedures);
    expect(procedures).toEqual(expect.arrayContaining(["savedLogins.list", "savedLogins.reveal", "savedLogins.save", "savedLogins.forget", "savedLogins.reauthenticate"]));
    const seen: string[] = [];
    for (const userId of [admin.id, trustAdmin.id]) {
      await api(await browserOf(userId, new Date(Date.now() - 30 * 60_000))).savedLogins.reauthenticate({ password: STAFF_PASSWORD });
      for (const path of procedures) {
        // A browser signed in just now, so fresh enough to reveal (me.signOutEverywhere ends the one before).
        const browser = await browserOf(userId);
        const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api(browser)) as (input?: unknown) => Promise<unknown>;
        for (const given of [input, undefined]) {
          try {
            seen.push(JSON.stringify((await procedure(given)) ?? null));
          } catch (error) {
            seen.push(error instanceof Error ? error.message : String(error));
          }
        }
      }
      // Asked for the app directly, the admin gets their own login, which they don't have.
      expect(await refusal(async () => api(await browserOf(userId)).savedLogins.reveal({ appId }))).toBe("NOT_FOUND");
    }
    expect(seen.length).toBe(procedures.length * 4);
    const text = seen.join("\n");
    expect(text).not.toContain(USERNAME);
    expect(text).not.toContain(PASSWORD);
    // And the owner's login is still there, intact, for the owner (once the tile the walk's
    // apps.archive took off the launcher is back).
    await db.launcherApp.update({ where: { id: appId }, data: { archivedAt: null } });
    expect(await api(await browserOf(ownerId)).savedLogins.reveal({ appId })).toEqual({ username: USERNAME, password: PASSWORD });
  });
});

describe("lifetime: through an MIS migration, and until the person leaves", () => {
  let emulator: RunningEmulator;
  let schoolId: string;
  let appId: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "saved-logins" });
    schoolId = (await connectedSchool(db, OAKFIELD_ID)).id;
    await enableYearGroup(db, schoolId, "6", ["PASSWORD"]);
    expect((await runSync(db, emulator, schoolId)).status).toBe("SUCCEEDED");
    appId = (await tile(schoolId, "Maths Circle")).id;
  }, 180_000);
  afterAll(() => emulator.close());

  /** Everyone with an account at the school saves a login of their own. */
  async function everyoneSaves() {
    const users = await db.user.findMany({ where: { person: { schoolId, archivedAt: null }, disabledAt: null }, select: { id: true, personId: true } });
    for (const user of users) await api(await browserOf(user.id)).savedLogins.save({ appId, username: `user-${user.personId}`, password: `pw-${user.personId}` });
    return users;
  }

  it("an SIMS → Arbor migration keeps everyone's saved logins, readable by the same users", async () => {
    const users = await everyoneSaves();
    expect(users.filter((u) => u.personId).length).toBeGreaterThan(20);
    const rowsBefore = await db.savedAppLogin.findMany({ where: { schoolId }, select: { id: true, userId: true, passwordEnc: true }, orderBy: { id: "asc" } });

    emulator.state.migrateSchool(OAKFIELD_ID, { to: "Arbor" });
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("PAUSED");
    const migration = await db.misMigration.findFirstOrThrow({ where: { schoolId }, include: { candidates: { where: { outcome: "REVIEW" } } } });
    for (const item of migration.candidates) await resolveCandidate(db, schoolId, item.id, (item.options as { personId: string }[])[0]!.personId, { system: "Test admin" });
    await applyMigration(db, schoolId, migration.id, { system: "Test admin" });
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");

    expect(await db.savedAppLogin.findMany({ where: { schoolId }, select: { id: true, userId: true, passwordEnc: true }, orderBy: { id: "asc" } })).toEqual(rowsBefore);
    for (const user of users.slice(0, 5)) expect(await api(await browserOf(user.id)).savedLogins.reveal({ appId })).toEqual({ username: `user-${user.personId}`, password: `pw-${user.personId}` });
  });

  it("leavers archived by the sync lose their saved logins and data key; everyone else keeps theirs", async () => {
    const report = emulator.state.advanceTime({ students: { leavers: 6 }, employees: { leavers: 2 } }).schools.find((s) => s.schoolId === OAKFIELD_ID)!;
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");
    const left = await db.person.findMany({ where: { schoolId, archivedAt: { not: null }, externalIds: { some: { externalId: { in: [...report.students.left, ...report.employees.left] } } } }, select: { user: { select: { id: true } } } });
    const leftUsers = left.flatMap((p) => (p.user ? [p.user.id] : []));
    expect(leftUsers.length).toBeGreaterThan(0);
    expect(await db.savedAppLogin.count({ where: { userId: { in: leftUsers } } })).toBe(0);
    expect(await db.userDataKey.count({ where: { userId: { in: leftUsers } } })).toBe(0);
    const stayed = await db.user.findMany({ where: { person: { schoolId, archivedAt: null }, disabledAt: null }, select: { id: true } });
    expect(await db.savedAppLogin.count({ where: { userId: { in: stayed.map((u) => u.id) } } })).toBe(stayed.length);
  });
});
