import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { previewMigration } from "@/server/migrations/preview";
import type { WondeClient } from "@/server/wonde";
import { employeeSchema, studentSchema } from "@/server/wonde/schemas";
import { createSchool } from "../helpers/fixtures";

// The dry run of a migration against a stand-in Wonde client (no emulator): who each record of the
// new MIS is proposed to be, the counts, who would be archived, the warnings, the sign-in emails
// that would change, and what is saved and logged.

const EARLIER = new Date("2026-01-05T10:00:00Z");
const date = (d: string) => ({ date: `${d} 00:00:00.000000`, timezone_type: 3, timezone: "Europe/London" });
const pages = <T>(data: T[]) => (async function* () { yield { data }; })();

type Feed = { mis: string | null; scopes: string[]; students: object[]; employees: object[]; classesUnreadable?: boolean };

function wonde(feed: Feed) {
  return {
    permissions: async () => feed.scopes,
    school: async (id: string) => ({ id, name: "School", mis: feed.mis, timezone: "Europe/London" }),
    students: () => pages(feed.students.map((s) => studentSchema.parse(s))),
    employees: () => pages(feed.employees.map((e) => employeeSchema.parse(e))),
    subjects: () => (feed.classesUnreadable ? (async function* () { throw new Error("403 from Wonde"); })() : pages([])),
    classes: () => pages([]),
  } as unknown as WondeClient;
}

async function school() {
  const s = await createSchool(db);
  await db.school.update({ where: { id: s.id }, data: { wondeId: `A${randomUUID()}` } });
  return s.id;
}

async function person(schoolId: string, kind: "PUPIL" | "STAFF", forename: string, surname: string, more: { initials?: string; upn?: string; dob?: string; email?: string; staffCode?: string; wondeId?: string; supersededAt?: Date } = {}) {
  const p = await db.person.create({
    data: { schoolId, kind, forename, surname, initials: more.initials, upn: more.upn, dateOfBirth: more.dob ? new Date(`${more.dob}T00:00:00Z`) : undefined, email: more.email, staffCode: more.staffCode },
  });
  if (more.wondeId) {
    await db.externalId.create({
      data: { schoolId, entity: kind === "PUPIL" ? "student" : "employee", externalId: more.wondeId, personId: p.id, supersededAt: more.supersededAt ?? null, firstSeenAt: EARLIER, lastSeenAt: EARLIER },
    });
  }
  return p;
}

const pupil = (id: string, forename: string, surname: string, more: { upn?: string; dob?: string } = {}) => ({
  id, forename, surname, date_of_birth: more.dob ? date(more.dob) : null, education_details: { data: { upn: more.upn ?? null } },
});
const employee = (id: string, forename: string, surname: string, more: { email?: string; staffCode?: string; current?: boolean } = {}) => ({
  id, forename, surname,
  employment_details: { data: { current: more.current ?? true, staff_code: more.staffCode ?? null } },
  contact_details: { data: { emails: { work: more.email ?? null } } },
});

const candidatesOf = async (migrationId: string) =>
  (await db.migrationCandidate.findMany({ where: { migrationId }, orderBy: [{ entity: "asc" }, { label: "asc" }] })).map((c) => [c.entity, c.label, c.outcome, c.rule, c.personId, c.reason]);

describe("previewing a migration", () => {
  afterAll(() => db.$disconnect());

  it("proposes who is who, counts each outcome, lists who would be archived, warns of a shared UPN, and saves and logs the preview", async () => {
    const schoolId = await school();
    const migration = await db.misMigration.create({ data: { schoolId, detectedBy: "webhook", status: "DETECTED", fromMis: "SIMS", toMis: null } });
    // Another migration's list, which this preview must leave alone.
    const earlier = await db.misMigration.create({ data: { schoolId, detectedBy: "webhook", status: "APPLIED", detectedAt: EARLIER } });
    await db.migrationCandidate.create({ data: { migrationId: earlier.id, entity: "student", label: "Earlier, Item", outcome: "NEW" } });

    const amy = await person(schoolId, "PUPIL", "Amy", "Auto", { upn: "A100000000001" });
    const ben = await person(schoolId, "PUPIL", "Ben", "Auto", { upn: "A100000000002" });
    const sid = await person(schoolId, "PUPIL", "Sid", "Same", { wondeId: "w-sid" });
    // Oscar's Wonde id was retired by an earlier migration: a record reusing it is not him.
    const oscar = await person(schoolId, "PUPIL", "Oscar", "Old", { wondeId: "w-reused", supersededAt: EARLIER });
    const rex = await person(schoolId, "PUPIL", "Rex", "Review", { dob: "2014-05-05" });
    const gus = await person(schoolId, "PUPIL", "Gus", "Gone", { initials: "GG" });
    const mo = await person(schoolId, "STAFF", "Mo", "Moved", { email: "mo@old.example", staffCode: "MM" });
    const sue = await person(schoolId, "STAFF", "Sue", "Same", { email: "sue@school.example" });
    const ida = await person(schoolId, "STAFF", "Ida", "Idle", { staffCode: "II" });

    const client = wonde({
      mis: "Arbor",
      scopes: ["Student read", "Student UPN read"],
      students: [
        pupil("w-amy", "Amy", "Auto", { upn: "A100000000001" }),
        pupil("w-ben", "Ben", "Auto", { upn: "A100000000002" }),
        pupil("w-sid", "Sid", "Same"),
        pupil("w-reused", "Nobody", "Else"),
        pupil("w-rex", "Rex", "Review", { upn: "A100000000005", dob: "2014-05-05" }),
        pupil("w-nia", "Nia", "New", { upn: "A100000000006" }),
        pupil("w-tia", "Tia", "Twin", { upn: "A100000000999" }),
        pupil("w-tom", "Tom", "Twin", { upn: "A100000000999" }),
      ],
      employees: [
        employee("e-mo", "Mo", "Moved", { email: "mo@new.example", staffCode: "MM" }),
        employee("e-sue", "Sue", "Same", { email: "sue@school.example" }),
        employee("e-fay", "Fay", "Fresh", { email: "fay@school.example" }),
        // No longer employed: not imported, so not proposed as Ida, nor as anyone new.
        employee("e-ida", "Ida", "Idle", { staffCode: "II", current: false }),
      ],
    });

    const summary = await previewMigration(db, migration.id, client);

    expect(summary.pupils).toEqual({ matched: { UPN: 2, "same Wonde id": 1 }, review: 1, new: 4, archive: 3 });
    expect(summary.staff).toEqual({ matched: { "staff code": 1, "work email": 1 }, review: 0, new: 1, archive: 1 });
    expect(summary.warnings).toEqual([
      "The new MIS gives Twin, Tia (TT) and Twin, Tom (TT) the same UPN (…0999). Choose who is who in the review below, and fix the UPN in the MIS: until then only one of them keeps it in Staffroom.",
    ]);
    // Sue's work email is the same: only Mo's sign-in changes.
    expect(summary.emailChanges).toEqual([{ personId: mo.id, label: "Moved, Mo (MM)", from: "mo@old.example", to: "mo@new.example", conflict: false }]);

    const archived = "Not found in the new MIS by any rule: would be archived (never deleted)";
    expect(await candidatesOf(migration.id)).toEqual([
      ["employee", "Fresh, Fay (FF)", "NEW", null, null, "No existing person matches: a new record will be created"],
      ["employee", "Idle, Ida", "ARCHIVE", null, ida.id, archived],
      ["employee", "Moved, Mo (MM)", "MATCHED", "staff code", mo.id, "Same staff code (MM)"],
      ["employee", "Same, Sue (SS)", "MATCHED", "work email", sue.id, "Same work email (sue@school.example)"],
      ["student", "Auto, Amy (AA)", "MATCHED", "UPN", amy.id, "Same UPN (…0001)"],
      ["student", "Auto, Ben (BA)", "MATCHED", "UPN", ben.id, "Same UPN (…0002)"],
      ["student", "Else, Nobody (NE)", "NEW", null, null, "No existing person matches: a new record will be created"],
      // Gus's label carries the initials he has in Staffroom.
      ["student", "Gone, Gus (GG)", "ARCHIVE", null, gus.id, archived],
      ["student", "New, Nia (NN)", "NEW", null, null, "No existing person matches: a new record will be created"],
      ["student", "Old, Oscar", "ARCHIVE", null, oscar.id, archived],
      ["student", "Review, Rex", "ARCHIVE", null, rex.id, archived],
      ["student", "Review, Rex (RR)", "REVIEW", "legal name + date of birth", null, "Same legal name and date of birth, but no UPN match: please check"],
      ["student", "Same, Sid (SS)", "MATCHED", "same Wonde id", sid.id, "Wonde kept this record's id through the migration"],
      ["student", "Twin, Tia (TT)", "NEW", null, null, "No existing person matches: a new record will be created"],
      ["student", "Twin, Tom (TT)", "NEW", null, null, "No existing person matches: a new record will be created"],
    ]);
    expect(await candidatesOf(earlier.id)).toEqual([["student", "Earlier, Item", "NEW", null, null, null]]);

    expect(await db.misMigration.findUniqueOrThrow({ where: { id: migration.id } })).toMatchObject({ status: "PREVIEWED", toMis: "Arbor", summary });
    const logged = await db.activityEvent.findMany({ where: { schoolId } });
    expect(logged.map((e) => ({ actor: e.actorLabel, action: e.action, type: e.subjectType, id: e.subjectId, label: e.subjectLabel, details: e.details }))).toEqual([
      { actor: "Migration", action: "Migration Previewed", type: "MisMigration", id: migration.id, label: "SIMS → Arbor", details: summary },
    ]);
  });

  it("warns when the UPN is not shared and classes can't be read, shows a sign-in email the MIS removed, and keeps the known new system", async () => {
    const schoolId = await school();
    const migration = await db.misMigration.create({ data: { schoolId, detectedBy: "mis-change", status: "DETECTED", fromMis: null, toMis: "Arbor" } });
    const ned = await person(schoolId, "STAFF", "Ned", "Nomail", { email: "ned@old.example", staffCode: "NN" });
    const client = wonde({ mis: null, scopes: ["Student read"], classesUnreadable: true, students: [], employees: [employee("e-ned", "Ned", "Nomail", { staffCode: "NN" })] });

    const failed = vi.spyOn(console, "error").mockImplementation(() => {});
    let summary;
    try {
      summary = await previewMigration(db, migration.id, client);
    } finally {
      failed.mockRestore();
    }
    expect(summary.warnings).toEqual([
      "UPN not shared: approve Student UPN read in the Wonde portal before applying. Without it, pupils can only be matched by name and date of birth, each for you to review, and pupils who can't be matched will be created as new people (their history stays with the old record).",
      "Staffroom couldn't read the new MIS's classes and subjects, so they will be re-created under their new ids and class history starts again.",
    ]);
    expect(summary.emailChanges).toEqual([{ personId: ned.id, label: "Nomail, Ned (NN)", from: "ned@old.example", to: null, conflict: false }]);
    expect(await db.misMigration.findUniqueOrThrow({ where: { id: migration.id } })).toMatchObject({ status: "PREVIEWED", toMis: "Arbor" });
    const logged = await db.activityEvent.findFirstOrThrow({ where: { schoolId, action: "Migration Previewed" } });
    expect(logged.subjectLabel).toBe("? → ?");
  });
});
