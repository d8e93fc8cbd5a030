// Finding 2: the lockout could be raced (40 concurrent guesses checked 10–16 passwords).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { checkPasswordSignIn } from "@/server/auth/credentials";
import { FREE_ATTEMPTS } from "@/server/auth/throttle";
import { createSchool, createUser } from "../helpers/fixtures";

describe("sign-in lockout under concurrent guesses", () => {
  let schoolId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
  });
  afterAll(() => db.$disconnect());

  it("checks at most FREE_ATTEMPTS passwords out of 40 concurrent wrong guesses, then refuses the right one", async () => {
    const user = await createUser(db, { schoolId, password: "the right password 1" });
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => checkPasswordSignIn(db, { email: user.email, password: `guess ${i}` })));
    // Each password actually checked logs one "Sign-in Failed"; a locked attempt logs "Sign-in Refused".
    const checked = await db.activityEvent.count({ where: { subjectId: user.id, action: "Sign-in Failed" } });
    expect(checked).toBeLessThanOrEqual(FREE_ATTEMPTS);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(40 - checked);
    expect(await checkPasswordSignIn(db, { email: user.email, password: "the right password 1" })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("still lets the right password in within the free attempts", async () => {
    const user = await createUser(db, { schoolId, password: "another right one 2" });
    await Promise.all(Array.from({ length: FREE_ATTEMPTS - 1 }, () => checkPasswordSignIn(db, { email: user.email, password: "nope" })));
    expect((await checkPasswordSignIn(db, { email: user.email, password: "another right one 2" })).ok).toBe(true);
  });

  it("keeps a locked address locked when someone else signs in, and logs each refusal with its reason", async () => {
    const victim = await createUser(db, { schoolId, password: "the victim's password 3" });
    const attacker = await createUser(db, { schoolId, password: "the attacker's own 4" });
    for (let i = 0; i < FREE_ATTEMPTS; i++) await checkPasswordSignIn(db, { email: victim.email, password: `guess ${i}` });
    // A correct password clears its own address's count, not everyone's.
    expect((await checkPasswordSignIn(db, { email: attacker.email, password: "the attacker's own 4" })).ok).toBe(true);
    expect(await checkPasswordSignIn(db, { email: victim.email, password: "the victim's password 3" })).toMatchObject({ ok: false, reason: "locked" });
    const refusals = await db.activityEvent.findMany({ where: { subjectId: victim.id, action: "Sign-in Refused" }, select: { schoolId: true, details: true } });
    expect(refusals).toEqual([{ schoolId, details: { method: "password", reason: "locked after repeated failures" } }]);
  });
});
