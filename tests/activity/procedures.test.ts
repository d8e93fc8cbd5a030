import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { addEvents } from "./events";

async function errorCode(call: Promise<unknown>) {
  try {
    await call;
    return null;
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe("activity procedures", () => {
  let schoolId: string;
  let otherSchoolId: string;
  let admin: ReturnType<typeof appRouter.createCaller>;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    otherSchoolId = (await createSchool(db)).id;
    admin = appRouter.createCaller(contextFor(db, (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id));
    await addEvents(db, schoolId, Array.from({ length: 5 }, (_, i) => ({ action: i % 2 ? "Signed In" : "User Created", subjectLabel: `Person ${i}`, at: new Date(Date.UTC(2026, 10, 1 + i)) })));
    await addEvents(db, otherSchoolId, [{ action: "Signed In", subjectLabel: "Elsewhere" }]);
  });
  afterAll(() => db.$disconnect());

  it("lists a page and the next with the cursor, filtered", async () => {
    const first = await admin.activity.list({ schoolId, actions: ["User Created"], limit: 2 });
    expect(first.rows.map((r) => r.subjectLabel)).toEqual(["Person 4", "Person 2"]);
    const second = await admin.activity.list({ schoolId, actions: ["User Created"], limit: 2, cursor: first.nextCursor });
    expect(second).toMatchObject({ rows: [{ subjectLabel: "Person 0", personKind: "PUPIL" }], nextCursor: null });
  });

  it("gives the filters' choices", async () => {
    expect(await admin.activity.facets({ schoolId })).toEqual({ actions: ["Signed In", "User Created"], actors: ["Sync"], migrationDate: null });
  });

  it("refuses staff, other schools and bad cursors", async () => {
    const staff = appRouter.createCaller(contextFor(db, (await createUser(db, { schoolId, role: "STAFF" })).id));
    expect(await errorCode(staff.activity.list({ schoolId }))).toBe("FORBIDDEN");
    expect(await errorCode(staff.activity.facets({ schoolId }))).toBe("FORBIDDEN");
    expect(await errorCode(admin.activity.list({ schoolId: otherSchoolId }))).toBe("FORBIDDEN");
    expect(await errorCode(admin.activity.facets({ schoolId: otherSchoolId }))).toBe("FORBIDDEN");
    expect(await errorCode(admin.activity.list({ schoolId, cursor: "bogus" }))).toBe("BAD_REQUEST");
  });

  it("lets a trust admin see their trust's school", async () => {
    const trust = await db.trust.create({ data: { name: "Activity Trust" } });
    await db.school.update({ where: { id: otherSchoolId }, data: { trustId: trust.id } });
    const trustAdmin = await db.user.create({ data: { email: `trust-admin-${trust.id}@example.org`, trustId: trust.id } });
    const caller = appRouter.createCaller(contextFor(db, trustAdmin.id));
    expect((await caller.activity.list({ schoolId: otherSchoolId })).rows.map((r) => r.subjectLabel)).toEqual(["Elsewhere"]);
    expect(await errorCode(caller.activity.list({ schoolId }))).toBe("FORBIDDEN");
  });
});
