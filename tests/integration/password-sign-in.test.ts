import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { checkPasswordSignIn } from "@/server/auth/credentials";
import { createSchool, createUser } from "../helpers/fixtures";

describe("email + password sign-in", () => {
  let schoolId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
  });
  afterAll(() => db.$disconnect());

  it("accepts the right password, case-insensitively on the email, and logs it", async () => {
    const user = await createUser(db, { schoolId, password: "correct horse battery", email: "ada@example.org" });
    const result = await checkPasswordSignIn(db, { email: "  ADA@example.org ", password: "correct horse battery" });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: "ada@example.org", name: null } });
    const events = await db.activityEvent.findMany({ where: { subjectId: user.id } });
    expect(events.map((e) => [e.schoolId, e.action])).toEqual([[schoolId, "Signed In"]]);
  });

  it("gives the same answer for a wrong password and an unknown email, and logs the real reason", async () => {
    await createUser(db, { schoolId, password: "right password 1", email: "bea@example.org" });
    const wrong = await checkPasswordSignIn(db, { email: "bea@example.org", password: "wrong" });
    const unknown = await checkPasswordSignIn(db, { email: "nobody@example.org", password: "wrong" });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    const failures = await db.activityEvent.findMany({ where: { action: "Sign-in Failed", subjectLabel: { in: ["bea@example.org", "nobody@example.org"] } }, orderBy: { at: "asc" } });
    expect(failures.map((e) => [e.subjectLabel, (e.details as { reason: string }).reason])).toEqual([
      ["bea@example.org", "wrong password"],
      ["nobody@example.org", "no such account"],
    ]);
  });

  it("refuses disabled accounts and accounts without a password", async () => {
    const disabled = await createUser(db, { schoolId, password: "pw for disabled" });
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const noPassword = await createUser(db, { schoolId });
    expect(await checkPasswordSignIn(db, { email: disabled.email, password: "pw for disabled" })).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPasswordSignIn(db, { email: noPassword.email, password: "" })).toEqual({ ok: false, reason: "invalid" });
    const failures = await db.activityEvent.findMany({ where: { action: "Sign-in Failed", subjectId: { in: [disabled.id, noPassword.id] } }, orderBy: { at: "asc" } });
    expect(failures.map((e) => [e.actorLabel, e.subjectType, e.subjectId, e.details])).toEqual([
      ["Sign-in", "User", disabled.id, { method: "password", reason: "account disabled" }],
      ["Sign-in", "User", noPassword.id, { method: "password", reason: "no password set" }],
    ]);
  });

  it("locks an address after five failures, even with the right password, whether or not it exists", async () => {
    const user = await createUser(db, { schoolId, password: "the real one" });
    for (let i = 0; i < 5; i++) await checkPasswordSignIn(db, { email: user.email, password: "guess" });
    const locked = await checkPasswordSignIn(db, { email: user.email, password: "the real one" });
    expect(locked).toMatchObject({ ok: false, reason: "locked" });

    for (let i = 0; i < 5; i++) await checkPasswordSignIn(db, { email: "ghost@example.org", password: "guess" });
    expect(await checkPasswordSignIn(db, { email: "ghost@example.org", password: "guess" })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("still lets the right password in after four failures, and then resets the count", async () => {
    const user = await createUser(db, { schoolId, password: "resettable" });
    for (let i = 0; i < 4; i++) await checkPasswordSignIn(db, { email: user.email, password: "guess" });
    expect((await checkPasswordSignIn(db, { email: user.email, password: "resettable" })).ok).toBe(true);
    await checkPasswordSignIn(db, { email: user.email, password: "guess" });
    expect((await checkPasswordSignIn(db, { email: user.email, password: "resettable" })).ok).toBe(true);
  });
});
