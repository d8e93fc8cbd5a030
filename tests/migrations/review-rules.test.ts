import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { assertClaimedOnce, resolveCandidate, unclaimedRecords } from "@/server/migrations/review";
import { createSchool } from "../helpers/fixtures";

// Review of a previewed migration: which item can be decided, what the search box offers, the
// log entry of a decision, and the refusal to keep one old record twice.

const ADMIN = { system: "Test admin" };

async function previewed(status: "PREVIEWED" | "APPLIED" = "PREVIEWED") {
  const school = await createSchool(db);
  const migration = await db.misMigration.create({ data: { schoolId: school.id, detectedBy: "webhook", status } });
  return { schoolId: school.id, migrationId: migration.id };
}

const person = (schoolId: string, kind: "PUPIL" | "STAFF", forename: string, surname: string, more: { upn?: string; email?: string; dateOfBirth?: Date; archived?: boolean; initials?: string; id?: string } = {}) =>
  db.person.create({ data: { id: more.id, schoolId, kind, forename, surname, initials: more.initials, upn: more.upn, email: more.email, dateOfBirth: more.dateOfBirth, archivedAt: more.archived ? new Date() : null } });

const item = (migrationId: string, label: string, more: { entity?: string; outcome?: "REVIEW" | "MATCHED" | "NEW"; personId?: string; resolution?: string; options?: object[] } = {}) =>
  db.migrationCandidate.create({ data: { migrationId, entity: more.entity ?? "student", label, outcome: more.outcome ?? "REVIEW", personId: more.personId, resolution: more.resolution, options: more.options, rule: "name + date of birth" } });

describe("migration review", () => {
  afterAll(() => db.$disconnect());

  it("decides only this school's open review items", async () => {
    const { schoolId, migrationId } = await previewed();
    const other = await previewed();
    const matched = await item(migrationId, "Matched, Pupil", { outcome: "MATCHED" });
    const elsewhere = await item(other.migrationId, "Other, Pupil");
    const applied = await previewed("APPLIED");
    const late = await item(applied.migrationId, "Late, Pupil");
    for (const id of [matched.id, elsewhere.id, "no-such-item"]) {
      await expect(resolveCandidate(db, schoolId, id, "new", ADMIN)).rejects.toMatchObject({ code: "NOT_FOUND", message: "That review item doesn't exist." });
      await expect(unclaimedRecords(db, schoolId, { candidateId: id, search: "", limit: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(resolveCandidate(db, applied.schoolId, late.id, "new", ADMIN)).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: "This migration is no longer waiting for review." });
  });

  it("offers current unclaimed records of the item's kind by name or email, in name order, with a hint and date of birth", async () => {
    const { schoolId, migrationId } = await previewed();
    const other = await createSchool(db);
    const taken = await person(schoolId, "PUPIL", "Tia", "Taken", { upn: "A000000000001" });
    const zed = await person(schoolId, "PUPIL", "Ann", "Zed", { upn: "A000000001234", dateOfBirth: new Date("2015-03-04T00:00:00Z") });
    // Ids in the opposite order to their names: the list is sorted by name, not by id.
    const able = await person(schoolId, "PUPIL", "Cy", "Bell", { id: `a-${schoolId}` });
    const bell = await person(schoolId, "PUPIL", "Bo", "Bell", { initials: "BB", id: `z-${schoolId}` });
    await person(schoolId, "PUPIL", "Old", "Archived", { archived: true });
    await person(other.id, "PUPIL", "Far", "Away");
    const teacher = await person(schoolId, "STAFF", "Tom", "Teacher", { email: "tom@school.example", upn: undefined });
    await item(migrationId, "Matched, Tia", { outcome: "MATCHED", personId: taken.id });
    const pupilItem = await item(migrationId, "New, Pupil");
    const staffItem = await item(migrationId, "New, Staff", { entity: "employee" });

    const found = await unclaimedRecords(db, schoolId, { candidateId: pupilItem.id, search: "", limit: 10 });
    expect(found).toEqual([
      { personId: bell.id, label: "Bell, Bo (BB)", dateOfBirth: null, hint: null },
      { personId: able.id, label: "Bell, Cy", dateOfBirth: null, hint: null },
      { personId: zed.id, label: "Zed, Ann", dateOfBirth: "2015-03-04", hint: "UPN …1234" },
    ]);
    expect((await unclaimedRecords(db, schoolId, { candidateId: pupilItem.id, search: "zed", limit: 10 })).map((f) => f.personId)).toEqual([zed.id]);
    expect((await unclaimedRecords(db, schoolId, { candidateId: pupilItem.id, search: "", limit: 2 })).map((f) => f.personId)).toEqual([bell.id, able.id]);
    // Two pupils of one name come in a fixed order (by id), whichever was written first, so a page never repeats or skips one.
    const twinZ = await person(schoolId, "PUPIL", "Tam", "Twin", { id: `z-twin-${schoolId}` });
    const twinA = await person(schoolId, "PUPIL", "Tam", "Twin", { id: `a-twin-${schoolId}` });
    expect((await unclaimedRecords(db, schoolId, { candidateId: pupilItem.id, search: "twin", limit: 10 })).map((f) => f.personId)).toEqual([twinA.id, twinZ.id]);
    expect((await unclaimedRecords(db, schoolId, { candidateId: pupilItem.id, search: "twin", limit: 1 })).map((f) => f.personId)).toEqual([twinA.id]);
    expect(await unclaimedRecords(db, schoolId, { candidateId: staffItem.id, search: "school.example", limit: 10 })).toEqual([
      { personId: teacher.id, label: "Teacher, Tom", dateOfBirth: null, hint: "tom@school.example" },
    ]);
  });

  it("logs a decision with who made it and how the record was found, and refuses another kind's or a claimed record", async () => {
    const { schoolId, migrationId } = await previewed();
    const proposed = await person(schoolId, "PUPIL", "Pat", "Proposed");
    const searched = await person(schoolId, "PUPIL", "Sam", "Searched");
    const staff = await person(schoolId, "STAFF", "Stan", "Staff");
    const archived = await person(schoolId, "PUPIL", "Arch", "Ived", { archived: true });
    const first = await item(migrationId, "First, Pupil", { options: [{ personId: proposed.id, label: "Proposed, Pat", rule: "UPN" }] });
    const second = await item(migrationId, "Second, Pupil", { options: [{ personId: proposed.id, label: "Proposed, Pat", rule: "UPN" }] });
    const third = await item(migrationId, "Third, Pupil");

    await resolveCandidate(db, schoolId, first.id, proposed.id, { userId: "u1", label: "Ada Admin" });
    for (const wrong of [staff.id, archived.id, "no-such-person"]) {
      await expect(resolveCandidate(db, schoolId, third.id, wrong, ADMIN)).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "That record isn't one of this school's current pupils: search again, or mark the record as new.",
      });
    }
    await expect(resolveCandidate(db, schoolId, second.id, proposed.id, ADMIN)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "That old record is already claimed by First, Pupil. Each old record can be kept by one person only: choose another, or mark this record as new.",
    });
    // Deciding the same item again may keep the same record.
    await resolveCandidate(db, schoolId, first.id, proposed.id, ADMIN);
    await resolveCandidate(db, schoolId, third.id, searched.id, ADMIN);
    await resolveCandidate(db, schoolId, second.id, "new", ADMIN);

    expect(await db.migrationCandidate.findUniqueOrThrow({ where: { id: third.id } })).toMatchObject({ resolution: searched.id, resolvedBy: "Test admin" });
    const logged = await db.activityEvent.findMany({ where: { schoolId, action: "Migration Review Resolved" }, orderBy: { at: "asc" } });
    expect(logged.map((e) => ({ actor: e.actorLabel, subject: [e.subjectType, e.subjectId, e.subjectLabel], details: e.details }))).toEqual([
      { actor: "Ada Admin", subject: ["MigrationCandidate", first.id, "First, Pupil"], details: { resolution: proposed.id, rule: "name + date of birth", reason: "chosen by Ada Admin" } },
      { actor: "Test admin", subject: ["MigrationCandidate", first.id, "First, Pupil"], details: { resolution: proposed.id, rule: "name + date of birth", reason: "chosen by Test admin" } },
      { actor: "Test admin", subject: ["MigrationCandidate", third.id, "Third, Pupil"], details: { resolution: searched.id, rule: "name + date of birth", reason: "chosen by Test admin (found by search)" } },
      { actor: "Test admin", subject: ["MigrationCandidate", second.id, "Second, Pupil"], details: { resolution: "new", rule: "name + date of birth", reason: "chosen by Test admin" } },
    ]);
  });

  it("refuses to apply when two decisions keep one old record, naming both", async () => {
    const { schoolId, migrationId } = await previewed();
    const old = await person(schoolId, "PUPIL", "Olive", "Old");
    const other = await person(schoolId, "PUPIL", "Otto", "Other");
    await item(migrationId, "Auto, Pupil", { outcome: "MATCHED", personId: old.id });
    await item(migrationId, "New, One", { resolution: "new" });
    await item(migrationId, "New, Two", { resolution: "new" });
    await item(migrationId, "Kept, Other", { resolution: other.id });
    await item(migrationId, "Undecided, Pupil");
    await expect(assertClaimedOnce(db, migrationId)).resolves.toBeUndefined();
    // Saved at the same moment as the automatic match, past the check in resolveCandidate.
    await item(migrationId, "Racer, Pupil", { resolution: old.id });
    const refusal = await assertClaimedOnce(db, migrationId).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: "CONFLICT" });
    expect((refusal as Error).message).toMatch(/^(Auto, Pupil and Racer, Pupil|Racer, Pupil and Auto, Pupil) are both kept as the same old record: change one of the choices in review\.$/);
  });
});
