import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { verifyPassword } from "@/server/auth/password";
import { consumeToken, findUsableToken, hashToken, issuePasswordToken } from "@/server/auth/password-tokens";
import { endAllSessions, listSessions, sessionIsActive, startSession } from "@/server/auth/sessions";
import { reserveAttempt } from "@/server/auth/throttle";
import { createSchool, createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";

// The password links', sessions' and lockout's rules one by one (written for the mutants that
// survived StrykerJS on server/auth; see tests/MUTANTS.md).

describe("password links", () => {
  afterAll(() => db.$disconnect());

  it("a new link of one purpose ends the user's older one of that purpose only, nobody else's", async () => {
    const ada = await createUser(db);
    const bea = await createUser(db);
    const first = await issuePasswordToken(db, ada.id, "RESET");
    const invite = await issuePasswordToken(db, ada.id, "INVITE");
    const beas = await issuePasswordToken(db, bea.id, "RESET");
    const second = await issuePasswordToken(db, ada.id, "RESET");
    expect(await findUsableToken(db, first)).toBeNull();
    expect(await findUsableToken(db, second)).toMatchObject({ purpose: "RESET", user: { id: ada.id } });
    expect(await findUsableToken(db, invite)).toMatchObject({ purpose: "INVITE", user: { id: ada.id } });
    expect(await findUsableToken(db, beas)).toMatchObject({ purpose: "RESET", user: { id: bea.id } });
  });

  it("answers with the link's id, purpose and the user's id, email and name, nothing more", async () => {
    const user = await db.user.create({ data: { email: `named-${Date.now()}@example.org`, name: "Ada Lovelace", passwordHash: "not-for-the-answer" } });
    const token = await issuePasswordToken(db, user.id, "INVITE");
    const row = await db.passwordToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(await findUsableToken(db, token)).toEqual({ id: row.id, purpose: "INVITE", user: { id: user.id, email: user.email, name: "Ada Lovelace" } });
  });

  it("refuses an empty or over-200-character token before looking it up, and looks up one of 200", async () => {
    const user = await createUser(db);
    const expiresAt = new Date(Date.now() + 3_600_000);
    for (const token of ["", "t".repeat(200), "u".repeat(201)]) {
      await db.passwordToken.create({ data: { userId: user.id, purpose: "RESET", tokenHash: hashToken(token), expiresAt } });
    }
    expect(await findUsableToken(db, "")).toBeNull();
    expect(await findUsableToken(db, "u".repeat(201))).toBeNull();
    expect(await findUsableToken(db, "t".repeat(200))).toMatchObject({ user: { id: user.id } });
  });

  it("a disabled account's link no longer works", async () => {
    const user = await createUser(db);
    const token = await issuePasswordToken(db, user.id, "RESET");
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await findUsableToken(db, token)).toBeNull();
  });

  it("a used link works no more, and only the first of two uses counts", async () => {
    const user = await createUser(db);
    const token = await issuePasswordToken(db, user.id, "RESET");
    const { id } = (await findUsableToken(db, token))!;
    expect(await db.$transaction((tx) => consumeToken(tx, id))).toBe(true);
    expect(await findUsableToken(db, token)).toBeNull();
    expect(await db.$transaction((tx) => consumeToken(tx, id))).toBe(false);
  });

  it("a reset link works until the instant its hour is up, and can't be used from that instant", async () => {
    const user = await createUser(db);
    const now = new Date();
    const token = await issuePasswordToken(db, user.id, "RESET", now);
    const lastMoment = new Date(now.getTime() + 3_600_000 - 1);
    const expiry = new Date(now.getTime() + 3_600_000);
    const { id } = (await findUsableToken(db, token, lastMoment))!;
    expect(await findUsableToken(db, token, expiry)).toBeNull();
    // Looked up just in time, but the password is set a moment after the link ran out: refused.
    expect(await db.$transaction((tx) => consumeToken(tx, id, expiry))).toBe(false);
    expect(await db.passwordToken.findUniqueOrThrow({ where: { id } })).toMatchObject({ usedAt: null });
    expect(await db.$transaction((tx) => consumeToken(tx, id, lastMoment))).toBe(true);
  });
});

describe("sessions", () => {
  let schoolId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
  });

  it("keeps the first 300 characters of the browser's name, and none when it sent none", async () => {
    const user = await createUser(db);
    const long = await startSession(db, user.id, "B".repeat(400));
    const none = await startSession(db, user.id, null);
    const stored = await listSessions(db, user.id, long);
    expect(stored.find((s) => s.current)!.userAgent).toBe("B".repeat(300));
    expect(stored.find((s) => !s.current)!.userAgent).toBeNull();
    expect(await sessionIsActive(db, user.id, none)).toBe(true);
  });

  it("is active only for its own user, until it expires, while the account may sign in", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    const now = new Date();
    const session = await startSession(db, user.id, "Firefox", now);
    expect(await sessionIsActive(db, user.id, session, now)).toBe(true);
    expect(await sessionIsActive(db, other.id, session, now)).toBe(false);
    expect(await sessionIsActive(db, user.id, session, new Date(now.getTime() + 13 * 3_600_000))).toBe(false);
    expect(await sessionIsActive(db, user.id, "no-such-session", now)).toBe(false);
  });

  it("ends at the instant its twelve hours are up", async () => {
    const user = await createUser(db);
    const now = new Date();
    const session = await startSession(db, user.id, null, now);
    expect(await sessionIsActive(db, user.id, session, new Date(now.getTime() + 12 * 3_600_000 - 1))).toBe(true);
    expect(await sessionIsActive(db, user.id, session, new Date(now.getTime() + 12 * 3_600_000))).toBe(false);
  });

  it("ends when the account's staff record is archived", async () => {
    const person = await createStaffPerson(db, schoolId);
    const user = await db.user.create({ data: { email: `archived-${Date.now()}@example.org`, personId: person.id } });
    const session = await startSession(db, user.id, null);
    expect(await sessionIsActive(db, user.id, session)).toBe(true);
    await db.person.update({ where: { id: person.id }, data: { archivedAt: new Date() } });
    expect(await sessionIsActive(db, user.id, session)).toBe(false);
  });

  it("ending all of one user's sessions leaves other users' alone", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    const mine = await startSession(db, user.id, null);
    const theirs = await startSession(db, other.id, null);
    await endAllSessions(db, user.id);
    expect(await sessionIsActive(db, user.id, mine)).toBe(false);
    expect(await sessionIsActive(db, other.id, theirs)).toBe(true);
  });

  it("lists the user's current sessions newest first, marking the one asking, without expired or other users' ones", async () => {
    const user = await createUser(db);
    const other = await createUser(db);
    const now = new Date();
    const older = await startSession(db, user.id, "Older", new Date(now.getTime() - 60_000));
    const newer = await startSession(db, user.id, "Newer", now);
    await startSession(db, user.id, "Expired", new Date(now.getTime() - 13 * 3_600_000));
    await startSession(db, other.id, "Someone else's", now);
    // Created in this order; the list is by sign-in time, newest first.
    await db.session.updateMany({ where: { userId: user.id, userAgent: "Older" }, data: { createdAt: new Date(now.getTime() - 60_000) } });
    const listed = await listSessions(db, user.id, older, now);
    expect(listed.map((s) => [s.userAgent, s.current])).toEqual([
      ["Newer", false],
      ["Older", true],
    ]);
    expect(listed[0]).toEqual({ id: expect.any(String), signedInAt: expect.any(Date), userAgent: "Newer", current: false });
    expect((await listSessions(db, user.id, newer, now)).map((s) => s.current)).toEqual([true, false]);
    expect((await listSessions(db, user.id, undefined, now)).map((s) => s.current)).toEqual([false, false]);
  });
});

describe("sign-in lockout", () => {
  it("lets attempts in again from the moment the lock said it ends", async () => {
    const email = `lock-${Date.now()}@example.org`;
    const now = new Date();
    expect(await reserveAttempt(db, email, now, 1)).toEqual({ ok: true });
    expect(await reserveAttempt(db, email, now, 1)).toEqual({ ok: false, until: new Date(now.getTime() + 60_000) });
    // "Locked until 10:01" means 10:01 is free again.
    expect(await reserveAttempt(db, email, new Date(now.getTime() + 60_000), 1)).toEqual({ ok: true });
  });

  it("never refuses an attempt while free ones are left, even one that read the clock before the attempt counted ahead of it", async () => {
    // Concurrent sign-ins read the time, then queue for the address's row: the later clock can
    // be counted first. A free attempt sets no lock, so the earlier clock is not refused.
    const email = `order-${Date.now()}@example.org`;
    const now = new Date();
    expect(await reserveAttempt(db, email, now, 3)).toEqual({ ok: true });
    expect(await reserveAttempt(db, email, new Date(now.getTime() - 5), 3)).toEqual({ ok: true });
  });
});

describe("password hashes", () => {
  it("treats a stored value that isn't an argon2 hash as a wrong password", async () => {
    expect(await verifyPassword("not-an-argon2-hash", "anything")).toBe(false);
  });
});
