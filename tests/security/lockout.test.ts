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
});
