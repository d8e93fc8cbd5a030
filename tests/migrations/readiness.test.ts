import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { migrationReadiness, planMigration } from "@/server/migrations/readiness";
import { createSchool } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";

const ADMIN = { system: "Test admin" };

async function pupil(schoolId: string, surname: string, upn: string | null) {
  return db.person.create({ data: { schoolId, kind: "PUPIL", forename: "Pupil", surname, upn } });
}

describe("migration readiness", () => {
  afterAll(() => db.$disconnect());

  it("counts and lists pupils without or sharing a UPN and staff without or sharing an email, and forecasts the review", async () => {
    const school = await createSchool(db);
    await db.school.update({ where: { id: school.id }, data: { grantedScopes: ["Student UPN read"] } });
    await pupil(school.id, "Unique", "A123456789012");
    await pupil(school.id, "Missing", null);
    await pupil(school.id, "Twin", "B123456789012");
    await pupil(school.id, "Twin", "B123456789012");
    await createStaffPerson(db, school.id, { surname: "NoEmail", email: null });
    await createStaffPerson(db, school.id, { email: "office@school.example" });
    await createStaffPerson(db, school.id, { email: "office@school.example" });
    await createStaffPerson(db, school.id);
    // Another school's gaps are not this school's.
    await pupil((await createSchool(db)).id, "Elsewhere", null);

    const r = await migrationReadiness(db, school.id);
    expect(r.pupilsWithoutUpn).toMatchObject({ count: 1, people: [{ label: "Missing, Pupil" }] });
    expect(r.pupilsSharingUpn.count).toBe(2);
    expect(r.pupilsSharingUpn.people.map((p) => p.detail)).toEqual(["UPN …9012", "UPN …9012"]);
    expect(r.staffWithoutEmail.count).toBe(1);
    expect(r.staffSharingEmail).toMatchObject({ count: 2, people: [{ detail: "office@school.example" }, { detail: "office@school.example" }] });
    expect(r.pupilsNeedingReview).toBe(3);

    // Without the UPN shared, every pupil would need review.
    await db.school.update({ where: { id: school.id }, data: { grantedScopes: [] } });
    expect((await migrationReadiness(db, school.id)).pupilsNeedingReview).toBe(4);
  });

  it("records the planned migration date and logs it", async () => {
    const school = await createSchool(db);
    await planMigration(db, school.id, "2027-04-12", ADMIN);
    expect((await migrationReadiness(db, school.id)).plannedMigrationOn?.toISOString().slice(0, 10)).toBe("2027-04-12");
    expect(await db.activityEvent.count({ where: { schoolId: school.id, action: "Migration Date Planned" } })).toBe(1);
    await planMigration(db, school.id, null, ADMIN);
    expect((await migrationReadiness(db, school.id)).plannedMigrationOn).toBeNull();
  });
});
