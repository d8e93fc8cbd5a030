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
    expect((await migrationReadiness(db, school.id)).plannedMigrationOn?.toISOString()).toBe("2027-04-12T00:00:00.000Z");
    expect(await db.activityEvent.count({ where: { schoolId: school.id, action: "Migration Date Planned" } })).toBe(1);
    await planMigration(db, school.id, null, ADMIN);
    expect((await migrationReadiness(db, school.id)).plannedMigrationOn).toBeNull();
    const logged = await db.activityEvent.findMany({ where: { schoolId: school.id }, orderBy: { at: "asc" } });
    expect(logged.map((e) => ({ action: e.action, actor: e.actorLabel, subject: [e.subjectType, e.subjectId, e.subjectLabel], details: e.details }))).toEqual([
      { action: "Migration Date Planned", actor: "Test admin", subject: ["School", school.id, school.name], details: { date: "2027-04-12" } },
      { action: "Migration Date Cleared", actor: "Test admin", subject: ["School", school.id, school.name], details: {} },
    ]);
  });

  // Forenames in another order than surnames, so that each sort key shows.
  it("lists by surname then forename (people sharing a UPN or email by the shared value first), leaves archived people out, and finds the UPN scope among others", async () => {
    const school = await createSchool(db);
    // Wonde's spelling varies; the UPN scope is one of several.
    await db.school.update({ where: { id: school.id }, data: { grantedScopes: ["Student read", "student-upn-read", "Employee read"] } });
    const named = (surname: string, forename: string, upn: string | null, archived = false) =>
      db.person.create({ data: { schoolId: school.id, kind: "PUPIL", forename, surname, upn, archivedAt: archived ? new Date() : null } });
    await named("Young", "Abe", null);
    await named("Adams", "Will", null);
    await named("Adams", "Beth", null);
    await named("Gone", "Long", null, true);
    await named("Zed", "Amy", "C000000000002");
    await named("Able", "Ben", "C000000000002");
    await named("Middle", "Cal", "B000000000001");
    await named("Middle", "Dan", "B000000000001");
    // Shares a UPN only with an archived pupil: not a clash.
    await named("Solo", "Eve", "D000000000003");
    await named("Gone", "Fay", "D000000000003", true);
    await createStaffPerson(db, school.id, { surname: "Smith", forename: "Aaron", email: null });
    await createStaffPerson(db, school.id, { surname: "Brown", forename: "Cy", email: null });
    await createStaffPerson(db, school.id, { surname: "Brown", forename: "Al", email: null });
    await createStaffPerson(db, school.id, { surname: "Old", email: null, archived: true });
    await createStaffPerson(db, school.id, { surname: "Zulu", email: "b@school.example" });
    await createStaffPerson(db, school.id, { surname: "Alpha", email: "b@school.example" });
    await createStaffPerson(db, school.id, { surname: "Kilo", email: "a@school.example" });
    await createStaffPerson(db, school.id, { surname: "Kilo", email: "a@school.example" });
    await createStaffPerson(db, school.id, { surname: "Past", email: "c@school.example" });
    await createStaffPerson(db, school.id, { surname: "Past", email: "c@school.example", archived: true });

    const r = await migrationReadiness(db, school.id);
    expect(r.upnShared).toBe(true);
    expect(r.pupilsWithoutUpn).toEqual({ count: 3, people: ["Adams, Beth", "Adams, Will", "Young, Abe"].map((label) => ({ id: expect.any(String), label, detail: null })) });
    expect(r.pupilsSharingUpn.count).toBe(4);
    expect(r.pupilsSharingUpn.people.map((p) => [p.label, p.detail])).toEqual([
      ["Middle, Cal", "UPN …0001"],
      ["Middle, Dan", "UPN …0001"],
      ["Able, Ben", "UPN …0002"],
      ["Zed, Amy", "UPN …0002"],
    ]);
    expect(r.staffWithoutEmail).toEqual({ count: 3, people: ["Brown, Al", "Brown, Cy", "Smith, Aaron"].map((label) => ({ id: expect.any(String), label, detail: null })) });
    expect(r.staffSharingEmail.count).toBe(4);
    expect(r.staffSharingEmail.people.map((p) => [p.label.split(",")[0], p.detail])).toEqual([
      ["Kilo", "a@school.example"],
      ["Kilo", "a@school.example"],
      ["Alpha", "b@school.example"],
      ["Zulu", "b@school.example"],
    ]);
    expect(r.pupils).toBe(8);
    expect(r.pupilsNeedingReview).toBe(7);

    // Other scopes without the UPN's: every pupil would need review.
    await db.school.update({ where: { id: school.id }, data: { grantedScopes: ["Student read", "Employee read"] } });
    expect(await migrationReadiness(db, school.id)).toMatchObject({ upnShared: false, pupilsNeedingReview: 8 });
  });
});
