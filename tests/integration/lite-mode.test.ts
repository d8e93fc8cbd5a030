import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideSsoSignIn } from "@/server/auth/sso";
import { db } from "@/server/db";
import { appRouter } from "@/server/trpc/root";
import { provisionStaffAccounts } from "@/server/users/provision";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";

let n = 0;
const identity = (email: string, sub: string) => ({ provider: "google", providerAccountId: sub, email, emailVerified: true, name: `Someone ${++n}` });

describe("Staffroom Lite", () => {
  let schoolId: string;
  let adminId: string;
  const admin = () => appRouter.createCaller(contextFor(db, adminId));

  async function staffWithAccount(school: string, email: string) {
    const person = await createStaffPerson(db, school, { email });
    await db.$transaction((tx) => provisionStaffAccounts(tx, school, [person.id]));
    return db.user.findUniqueOrThrow({ where: { personId: person.id } });
  }

  beforeAll(async () => {
    schoolId = (await db.school.create({ data: { name: "Lite Primary", ssoDomains: ["lite.example"] } })).id;
    adminId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id;
  });
  afterAll(() => db.$disconnect());

  it("is off by default, and turning it on or off is logged once", async () => {
    expect((await admin().schools.get({ schoolId })).liteMode).toBe(false);
    await admin().schools.setLiteMode({ schoolId, liteMode: true });
    await admin().schools.setLiteMode({ schoolId, liteMode: true });
    expect((await admin().schools.get({ schoolId })).liteMode).toBe(true);
    await admin().schools.setLiteMode({ schoolId, liteMode: false });
    const events = await db.activityEvent.findMany({ where: { schoolId, action: { startsWith: "Lite Mode" } }, orderBy: { at: "asc" }, select: { action: true, actorUserId: true } });
    expect(events).toEqual([
      { action: "Lite Mode On", actorUserId: adminId },
      { action: "Lite Mode Off", actorUserId: adminId },
    ]);
    const staff = appRouter.createCaller(contextFor(db, (await createUser(db, { schoolId, role: "STAFF" })).id));
    await expect(staff.schools.setLiteMode({ schoolId, liteMode: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("switches User Matching off: its procedures refuse, and the launcher drops its tile", async () => {
    await admin().schools.setLiteMode({ schoolId, liteMode: true });
    for (const call of [() => admin().matching.listStaff({ schoolId }), () => admin().matching.listUnmatched({ schoolId }), () => admin().matching.matchAll({ schoolId }), () => admin().matching.setDomains({ schoolId, domains: [] })])
      await expect(call()).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining("Staffroom Lite") });
    expect((await admin().apps.launcher({ schoolId })).tiles.map((t) => t.name)).not.toContain("User matching");
    await admin().schools.setLiteMode({ schoolId, liteMode: false });
    await expect(admin().matching.listUnmatched({ schoolId })).resolves.toBeDefined();
    expect((await admin().apps.launcher({ schoolId })).tiles.map((t) => t.name)).toContain("User matching");
  });

  it("refuses Google/Microsoft sign-in of an account whose schools are all Lite, keeping its link for later", async () => {
    const school = (await db.school.create({ data: { name: "Lite Academy", ssoDomains: ["academy.example"] } })).id;
    const user = await staffWithAccount(school, "teacher@academy.example");
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "google", providerAccountId: "g-lite" } });
    await db.school.update({ where: { id: school }, data: { liteMode: true } });

    expect(await decideSsoSignIn(db, identity("teacher@academy.example", "g-lite"))).toEqual({ ok: false, reason: "school uses Staffroom Lite", lite: true });
    expect(await db.account.count({ where: { userId: user.id } })).toBe(1);
    expect(await db.activityEvent.findFirst({ where: { schoolId: school, action: "Sign-in Refused", subjectId: user.id }, select: { details: true } })).toMatchObject({ details: { reason: "school uses Staffroom Lite" } });
    // An unlinked identity whose verified email would match is not matched (nor linked) either.
    const other = await staffWithAccount(school, "head@academy.example");
    expect(await decideSsoSignIn(db, identity("head@academy.example", "g-head"))).toMatchObject({ ok: false, lite: true });
    expect(await db.account.count({ where: { userId: other.id } })).toBe(0);

    // Lite off: the kept link works again.
    await db.school.update({ where: { id: school }, data: { liteMode: false } });
    expect(await decideSsoSignIn(db, identity("teacher@academy.example", "g-lite"))).toEqual({ ok: true, userId: user.id, how: "linked" });
  });

  it("still lets in someone who also works at a school that isn't Lite", async () => {
    const lite = (await db.school.create({ data: { name: "Lite Infants", liteMode: true } })).id;
    const full = (await createSchool(db)).id;
    const user = await staffWithAccount(lite, "both@infants.example");
    await db.schoolMembership.create({ data: { userId: user.id, schoolId: full, role: "STAFF" } });
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "google", providerAccountId: "g-both" } });
    expect(await decideSsoSignIn(db, identity("both@infants.example", "g-both"))).toMatchObject({ ok: true });
  });
});
