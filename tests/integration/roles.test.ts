import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { setMemberRole } from "@/server/users/roles";
import { createSchool, createUser } from "../helpers/fixtures";

describe("roles", () => {
  let schoolId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
  });
  afterAll(() => db.$disconnect());

  const actorOf = (user: { id: string; email: string }) => ({ userId: user.id, label: user.email });

  it("lets an admin promote and demote, and logs it", async () => {
    const admin = await createUser(db, { schoolId, role: "SCHOOL_ADMIN" });
    const staff = await createUser(db, { schoolId });
    await setMemberRole(db, { schoolId, actor: actorOf(admin), actorRole: "SCHOOL_ADMIN", userId: staff.id, role: "SCHOOL_ADMIN" });
    await setMemberRole(db, { schoolId, actor: actorOf(admin), actorRole: "SCHOOL_ADMIN", userId: staff.id, role: "STAFF" });
    const events = await db.activityEvent.findMany({ where: { schoolId, action: "Role Changed", subjectId: staff.id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.details)).toEqual([
      { from: "Staff", to: "School admin" },
      { from: "School admin", to: "Staff" },
    ]);
  });

  it("never leaves a school without an administrator, even when two admins demote each other at once", async () => {
    const school = (await createSchool(db)).id;
    const a = await createUser(db, { schoolId: school, role: "SCHOOL_ADMIN" });
    const b = await createUser(db, { schoolId: school, role: "SCHOOL_ADMIN" });
    const results = await Promise.allSettled([
      setMemberRole(db, { schoolId: school, actor: actorOf(a), actorRole: "SCHOOL_ADMIN", userId: b.id, role: "STAFF" }),
      setMemberRole(db, { schoolId: school, actor: actorOf(b), actorRole: "SCHOOL_ADMIN", userId: a.id, role: "STAFF" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason.message).toMatch(/at least one administrator/);
    expect(await db.schoolMembership.count({ where: { schoolId: school, role: "SCHOOL_ADMIN" } })).toBe(1);
  });

  it("doesn't count a disabled admin", async () => {
    const school = (await createSchool(db)).id;
    const active = await createUser(db, { schoolId: school, role: "SCHOOL_ADMIN" });
    const gone = await createUser(db, { schoolId: school, role: "SCHOOL_ADMIN" });
    await db.user.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    await expect(setMemberRole(db, { schoolId: school, actor: actorOf(active), actorRole: "SCHOOL_ADMIN", userId: active.id, role: "STAFF" })).rejects.toThrow(/at least one administrator/);
  });

  it("leaves the trust admin role to trust admins", async () => {
    const admin = await createUser(db, { schoolId, role: "SCHOOL_ADMIN" });
    const staff = await createUser(db, { schoolId });
    await expect(setMemberRole(db, { schoolId, actor: actorOf(admin), actorRole: "SCHOOL_ADMIN", userId: staff.id, role: "TRUST_ADMIN" })).rejects.toThrow(/Only a trust administrator/);
    await setMemberRole(db, { schoolId, actor: actorOf(admin), actorRole: "TRUST_ADMIN", userId: staff.id, role: "TRUST_ADMIN" });
    expect((await db.schoolMembership.findFirstOrThrow({ where: { userId: staff.id } })).role).toBe("TRUST_ADMIN");
  });
});
