/**
 * The sync's writers called directly, without Wonde: which existing person an unknown MIS id
 * is matched to (and when not), what is logged, which columns count as changed, archiving,
 * restoring, line managers, leaving dates and class links. Written for the sync-write
 * mutants the whole-sync tests left alive (tests/MUTANTS.md).
 */
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { PersonKind } from "@/server/generated/prisma/client";
import { archiveGroups, archivePeople, archivePeopleById, storeLeavingDates } from "@/server/sync/archive";
import { linkLineManagers } from "@/server/sync/line-managers";
import { contentHash, type MappedClass, type PersonFields } from "@/server/sync/map";
import { writeClassesBatch, writeSubjectsBatch } from "@/server/sync/write-classes";
import { personLabel, writePeopleBatch, type BatchScope, type PersonRecord } from "@/server/sync/write-people";
import { createSchool } from "../helpers/fixtures";

afterAll(() => db.$disconnect());

const NOW = new Date("2026-11-02T08:00:00Z");
const counts = () => ({ created: 0, updated: 0, archived: 0, unchanged: 0 });
const scopeOf = (schoolId: string, kind: PersonKind, extra: Partial<BatchScope> = {}): BatchScope => ({
  schoolId,
  kind,
  entity: kind === "PUPIL" ? "student" : "employee",
  now: NOW,
  claimed: new Set(),
  ...extra,
});
const record = (externalId: string, fields: Partial<PersonFields>, current = true): PersonRecord => ({
  externalId,
  misId: `mis-${externalId}`,
  upi: `upi-${externalId}`,
  fields: { forename: "F", surname: externalId, ...fields },
  current,
});
const person = (schoolId: string, kind: PersonKind, data: Record<string, unknown>) =>
  db.person.create({ data: { schoolId, kind, forename: "F", surname: "S", ...data } });
const linkId = (schoolId: string, entity: string, externalId: string, personId: string) =>
  db.externalId.create({ data: { schoolId, entity, externalId, personId } });
const eventsOf = (schoolId: string) => db.activityEvent.findMany({ where: { schoolId }, orderBy: { subjectLabel: "asc" } });

describe("personLabel", () => {
  it("is surname, forename and the initials when there are any", () => {
    expect(personLabel({ surname: "Smith", forename: "Jane", initials: "JS" })).toBe("Smith, Jane (JS)");
    expect(personLabel({ surname: "Smith", forename: "Jane", initials: null })).toBe("Smith, Jane");
    expect(personLabel({ surname: "Smith", forename: "Jane", initials: "" })).toBe("Smith, Jane");
  });
});

describe("writePeopleBatch: matching unknown MIS ids", () => {
  it("matches pupils by UPN, then a former UPN either way round, only to a single unclaimed candidate", async () => {
    const school = await createSchool(db);
    const byUpn = await person(school.id, "PUPIL", { surname: "ByUpn", upn: "U1" });
    const byFormer = await person(school.id, "PUPIL", { surname: "ByFormer", upn: "U2" });
    const byTheirFormer = await person(school.id, "PUPIL", { surname: "ByTheirFormer", upn: "OLD3", formerUpn: "U3" });
    await person(school.id, "PUPIL", { surname: "Twin1", upn: "U4" });
    await person(school.id, "PUPIL", { surname: "Twin2", upn: "U4" });
    const claimedPupil = await person(school.id, "PUPIL", { surname: "Claimed", upn: "U5" });
    const sharedUpn = await person(school.id, "PUPIL", { surname: "Shared", upn: "U6" });
    await person(school.id, "STAFF", { surname: "Staff", upn: "U7" });
    const other = await createSchool(db);
    await person(other.id, "PUPIL", { surname: "Elsewhere", upn: "U8" });
    await linkId(school.id, "student", "OLD-1", byUpn.id);

    const scope = scopeOf(school.id, "PUPIL", { claimed: new Set([claimedPupil.id]) });
    const c = counts();
    const written = await writePeopleBatch(
      db,
      scope,
      [
        record("N1", { upn: "U1", formerUpn: "X1" }),
        record("N2", { upn: "NEW2", formerUpn: "U2" }),
        record("N3", { upn: "U3" }),
        record("N4", { upn: "U4" }),
        record("N5", { upn: "U5" }),
        record("N6a", { upn: "U6" }),
        record("N6b", { upn: "U6" }),
        record("N7", { upn: "U7" }),
        record("N8", { upn: "U8" }),
      ],
      c,
    );
    const personOf = Object.fromEntries(written.map((w) => [w.externalId, w.personId]));
    expect(personOf.N1).toBe(byUpn.id);
    expect(personOf.N2).toBe(byFormer.id);
    expect(personOf.N3).toBe(byTheirFormer.id);
    expect(personOf.N6a).toBe(sharedUpn.id);
    const created = written.filter((w) => w.created).map((w) => w.externalId).sort();
    expect(created).toEqual(["N4", "N5", "N6b", "N7", "N8"]);
    expect(c).toEqual({ created: 5, updated: 4, archived: 0, unchanged: 0 });
    for (const id of [byUpn.id, byFormer.id, byTheirFormer.id, sharedUpn.id]) expect(scope.claimed.has(id)).toBe(true);

    const matched = (await eventsOf(school.id)).filter((e) => e.action === "User Matched");
    expect(matched.map((e) => [e.subjectId, e.details])).toEqual([
      [byUpn.id, { kind: "PUPIL", rule: "UPN", reason: "Same UPN as the existing record" }],
      [byFormer.id, { kind: "PUPIL", rule: "former UPN", reason: "Same former UPN as the existing record" }],
      [byTheirFormer.id, { kind: "PUPIL", rule: "former UPN", reason: "Same former UPN as the existing record" }],
      [sharedUpn.id, { kind: "PUPIL", rule: "UPN", reason: "Same UPN as the existing record" }],
    ]);
    // The new MIS id is the person's now; the one it replaces stays, superseded.
    const ids = await db.externalId.findMany({ where: { personId: byUpn.id }, orderBy: { externalId: "asc" } });
    expect(ids.map((i) => [i.externalId, i.supersededAt?.toISOString() ?? null, i.misId, i.upi])).toEqual([
      ["N1", null, "mis-N1", "upi-N1"],
      ["OLD-1", NOW.toISOString(), null, null],
    ]);
    expect(await db.person.findUniqueOrThrow({ where: { id: byUpn.id } })).toMatchObject({ surname: "N1", upn: "U1", formerUpn: "X1", lastSyncedAt: NOW, archivedAt: null });
  });

  it("matches staff by work email, then by staff code; never with matching off, and never for someone not current", async () => {
    const school = await createSchool(db);
    const byEmail = await person(school.id, "STAFF", { surname: "ByEmail", email: "a@school.test", staffCode: "ZZZ" });
    const byCode = await person(school.id, "STAFF", { surname: "ByCode", email: "old@school.test", staffCode: "BBB" });
    const notCurrent = await person(school.id, "STAFF", { surname: "Gone", email: "gone@school.test" });
    const c = counts();
    const written = await writePeopleBatch(
      db,
      scopeOf(school.id, "STAFF"),
      [record("E1", { email: "a@school.test", staffCode: "BBB" }), record("E2", { email: "b@school.test", staffCode: "BBB" }), record("E3", { email: "gone@school.test" }, false)],
      c,
    );
    expect(written.map((w) => [w.externalId, w.personId])).toEqual([
      ["E1", byEmail.id],
      ["E2", byCode.id],
    ]);
    expect(c).toEqual({ created: 0, updated: 2, archived: 0, unchanged: 0 });
    expect((await db.externalId.count({ where: { personId: notCurrent.id } }))).toBe(0);
    const rules = (await eventsOf(school.id)).filter((e) => e.action === "User Matched").map((e) => (e.details as { rule: string }).rule);
    expect(rules).toEqual(["work email", "staff code"]);

    const again = await createSchool(db);
    const existing = await person(again.id, "STAFF", { email: "c@school.test" });
    const off = await writePeopleBatch(db, scopeOf(again.id, "STAFF", { matchUnknown: false }), [record("E9", { email: "c@school.test" })], counts());
    expect(off[0]).toMatchObject({ created: true });
    expect(off[0]!.personId).not.toBe(existing.id);
  });
});

describe("writePeopleBatch: known people", () => {
  it("skips the unchanged, logs the changed columns, restores the archived, archives the no longer current", async () => {
    const school = await createSchool(db);
    const scope = () => scopeOf(school.id, "STAFF");
    const fields: PersonFields = { forename: "Jane", surname: "Smith", initials: "JS", dateOfBirth: "1980-01-02", address: { street: "1 High St", town: "Leeds" }, email: "j@school.test", teaching: true };
    const first = counts();
    const [created] = await writePeopleBatch(db, scope(), [record("E1", fields), record("X", {}, false)], first);
    expect(first).toEqual({ created: 1, updated: 0, archived: 0, unchanged: 0 });
    expect(created).toMatchObject({ externalId: "E1", created: true, archived: false });
    const id = created!.personId;
    expect(await db.person.findUniqueOrThrow({ where: { id } })).toMatchObject({ kind: "STAFF", contentHash: contentHash(fields), email: "j@school.test", teaching: true, address: { town: "Leeds", street: "1 High St" } });
    expect(await db.externalId.findFirstOrThrow({ where: { personId: id } })).toMatchObject({ entity: "employee", source: "wonde", misId: "mis-E1", upi: "upi-E1", firstSeenAt: NOW, lastSeenAt: NOW });

    const unchanged = counts();
    expect(await writePeopleBatch(db, scope(), [record("E1", fields)], unchanged)).toEqual([{ personId: id, externalId: "E1", created: false, archived: false }]);
    expect(unchanged).toEqual({ created: 0, updated: 0, archived: 0, unchanged: 1 });

    // Same dates and address as stored, a new surname, a field this MIS does not send.
    const changedFields = { ...fields, surname: "Jones", teaching: undefined, jobTitle: "Teacher" };
    const updated = counts();
    await writePeopleBatch(db, scope(), [record("E1", changedFields)], updated);
    expect(updated).toEqual({ created: 0, updated: 1, archived: 0, unchanged: 0 });
    const row = await db.person.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ surname: "Jones", jobTitle: "Teacher", teaching: true, contentHash: contentHash(changedFields) });
    const update = (await eventsOf(school.id)).find((e) => e.action === "User Updated");
    expect(update).toMatchObject({ subjectId: id, subjectLabel: "Jones, Jane (JS)", actorLabel: "Sync", subjectType: "Person", details: { kind: "STAFF", changed: ["surname", "jobTitle"] } });

    const leaving = counts();
    expect(await writePeopleBatch(db, scope(), [record("E1", changedFields, false)], leaving)).toEqual([{ personId: id, externalId: "E1", created: false, archived: true }]);
    expect(leaving).toEqual({ created: 0, updated: 0, archived: 1, unchanged: 0 });
    expect((await db.person.findUniqueOrThrow({ where: { id } })).archivedAt).toEqual(NOW);
    const archivedEvent = (await eventsOf(school.id)).find((e) => e.action === "User Archived");
    expect(archivedEvent).toMatchObject({ subjectId: id, details: { kind: "STAFF", reason: "no longer current in the MIS" } });
    // Archived already: nothing more to do.
    const twice = counts();
    expect(await writePeopleBatch(db, scope(), [record("E1", changedFields, false)], twice)).toEqual([]);
    expect(twice.archived).toBe(0);

    // Current again with the same content: restored, not skipped.
    const back = counts();
    await writePeopleBatch(db, scope(), [record("E1", changedFields)], back);
    expect(back).toEqual({ created: 0, updated: 1, archived: 0, unchanged: 0 });
    expect((await db.person.findUniqueOrThrow({ where: { id } })).archivedAt).toBeNull();
    const restored = (await eventsOf(school.id)).find((e) => e.action === "User Restored");
    expect(restored).toMatchObject({ subjectId: id, details: { kind: "STAFF", changed: [] } });
  });

  it("updates only the columns the MIS sends, clearing the ones it sends empty", async () => {
    const school = await createSchool(db);
    const scope = scopeOf(school.id, "PUPIL");
    const [a, b] = await writePeopleBatch(db, scope, [record("P1", { upn: "U1", ncYear: "5", leavingDate: "2027-07-20" }), record("P2", { upn: "U2", ncYear: "6" })], counts());
    await writePeopleBatch(db, scope, [record("P1", { upn: undefined, ncYear: null, leavingDate: "2027-07-21" }), record("P2", { upn: undefined, ncYear: "7" })], counts());
    expect(await db.person.findUniqueOrThrow({ where: { id: a!.personId } })).toMatchObject({ upn: "U1", ncYear: null, leavingDate: new Date("2027-07-21T00:00:00Z") });
    expect(await db.person.findUniqueOrThrow({ where: { id: b!.personId } })).toMatchObject({ upn: "U2", ncYear: "7" });
    const changed = (await eventsOf(school.id)).filter((e) => e.action === "User Updated").map((e) => (e.details as { changed: string[] }).changed);
    expect(changed).toEqual([["ncYear", "leavingDate"], ["ncYear"]]);
  });
});

describe("linkLineManagers", () => {
  it("sets, changes and clears line managers, never a person as their own, and counts only the changes", async () => {
    const school = await createSchool(db);
    const [boss, deputy, teacher, self] = await Promise.all(["Boss", "Deputy", "Teacher", "Self"].map((surname) => person(school.id, "STAFF", { surname })));
    await linkId(school.id, "employee", "M-BOSS", boss!.id);
    await linkId(school.id, "employee", "M-DEP", deputy!.id);
    await linkId(school.id, "employee", "M-SELF", self!.id);
    const old = await person(school.id, "STAFF", { surname: "Old" });
    await db.externalId.create({ data: { schoolId: school.id, entity: "employee", externalId: "M-OLD", personId: old.id, supersededAt: NOW } });
    const elsewhere = await createSchool(db);
    const stranger = await person(elsewhere.id, "STAFF", { surname: "Stranger" });
    await linkId(elsewhere.id, "employee", "M-STRANGER", stranger.id);

    const managerOf = async (id: string) => (await db.person.findUniqueOrThrow({ where: { id } })).lineManagerId;
    expect(await linkLineManagers(db, school.id, [{ personId: teacher!.id, managerExternalId: "M-BOSS" }, { personId: deputy!.id, managerExternalId: "M-BOSS" }, { personId: self!.id, managerExternalId: "M-SELF" }], NOW)).toBe(2);
    expect(await managerOf(teacher!.id)).toBe(boss!.id);
    expect(await managerOf(deputy!.id)).toBe(boss!.id);
    expect(await managerOf(self!.id)).toBeNull();
    expect((await db.person.findUniqueOrThrow({ where: { id: teacher!.id } })).updatedAt).toEqual(NOW);

    expect(await linkLineManagers(db, school.id, [{ personId: teacher!.id, managerExternalId: "M-BOSS" }, { personId: deputy!.id, managerExternalId: "M-BOSS" }], NOW)).toBe(0);
    expect(await linkLineManagers(db, school.id, [{ personId: teacher!.id, managerExternalId: "M-DEP" }, { personId: deputy!.id, managerExternalId: null }], NOW)).toBe(2);
    expect(await managerOf(teacher!.id)).toBe(deputy!.id);
    expect(await managerOf(deputy!.id)).toBeNull();
    // A manager Staffroom does not know, a superseded id, another school's: no manager.
    for (const unknown of ["M-NOBODY", "M-OLD", "M-STRANGER"]) {
      await db.person.update({ where: { id: teacher!.id }, data: { lineManagerId: boss!.id } });
      expect(await linkLineManagers(db, school.id, [{ personId: teacher!.id, managerExternalId: unknown }], NOW)).toBe(1);
      expect(await managerOf(teacher!.id)).toBeNull();
    }
  });
});

describe("archive", () => {
  it("archives the people behind the chosen MIS ids, or all but them, once, with the reason and in this school only", async () => {
    const school = await createSchool(db);
    const [a, b, c] = await Promise.all(["A", "B", "C"].map((surname) => person(school.id, "PUPIL", { surname, initials: "X" })));
    await linkId(school.id, "student", "S-A", a!.id);
    await linkId(school.id, "student", "S-B", b!.id);
    await linkId(school.id, "student", "S-C", c!.id);
    await db.externalId.create({ data: { schoolId: school.id, entity: "student", externalId: "S-A-OLD", personId: a!.id, supersededAt: NOW } });
    await linkId(school.id, "employee", "S-B", b!.id);

    expect(await archivePeople(db, school.id, "student", [], NOW, "left")).toEqual([]);
    expect(await archivePeople(db, school.id, "student", ["S-A-OLD", "S-NONE"], NOW, "left")).toEqual([]);
    expect(await archivePeople(db, school.id, "student", ["S-A", "S-A"], NOW, "left the school")).toEqual([a!.id]);
    expect(await archivePeople(db, school.id, "student", ["S-A"], NOW, "left the school")).toEqual([]);
    expect((await archivePeople(db, school.id, "student", { notIn: ["S-C"] }, NOW, "not in the full list")).sort()).toEqual([b!.id]);
    expect((await db.person.findUniqueOrThrow({ where: { id: c!.id } })).archivedAt).toBeNull();
    const events = (await eventsOf(school.id)).filter((e) => e.action === "User Archived");
    expect(events.map((e) => [e.subjectLabel, e.actorLabel, e.subjectType, e.details])).toEqual([
      ["A, F (X)", "Sync", "Person", { kind: "PUPIL", reason: "left the school" }],
      ["B, F (X)", "Sync", "Person", { kind: "PUPIL", reason: "not in the full list" }],
    ]);
    const other = await createSchool(db);
    expect(await archivePeopleById(db, other.id, [c!.id], NOW, "wrong school")).toEqual([]);
    expect(await archivePeopleById(db, school.id, [], NOW, "nobody")).toEqual([]);
  });

  it("archives classes and subjects by MIS id, counting only those not archived yet", async () => {
    const school = await createSchool(db);
    const c = counts();
    await writeSubjectsBatch(db, school.id, NOW, [{ externalId: "SU1", misId: null, fields: { name: "Maths", code: "MA", description: null } }, { externalId: "SU2", misId: null, fields: { name: "Art", code: null, description: null } }], c);
    await writeClassesBatch(db, school.id, NOW, [cls("C1", {}), cls("C2", {})], c);
    expect(await archiveGroups(db, school.id, "class", [], NOW)).toBe(0);
    expect(await archiveGroups(db, school.id, "class", ["SU1"], NOW)).toBe(0);
    expect(await archiveGroups(db, school.id, "class", ["C1"], NOW)).toBe(1);
    expect(await archiveGroups(db, school.id, "class", ["C1"], NOW)).toBe(0);
    expect(await archiveGroups(db, school.id, "subject", { notIn: ["SU1"] }, NOW)).toBe(1);
    const archived = async () => ({
      classes: (await db.class.findMany({ where: { schoolId: school.id, archivedAt: { not: null } }, select: { name: true } })).map((r) => r.name),
      subjects: (await db.subject.findMany({ where: { schoolId: school.id, archivedAt: { not: null } }, select: { name: true } })).map((r) => r.name),
    });
    expect(await archived()).toEqual({ classes: ["C1"], subjects: ["Art"] });
  });

  it("stores leaving dates by MIS id, keeping a known date when asked to", async () => {
    const school = await createSchool(db);
    const [a, b, c] = await Promise.all(["A", "B", "C"].map((surname) => person(school.id, "PUPIL", { surname })));
    await db.person.update({ where: { id: b!.id }, data: { leavingDate: new Date("2027-07-01T00:00:00Z") } });
    await linkId(school.id, "student", "S-A", a!.id);
    await linkId(school.id, "student", "S-B", b!.id);
    await linkId(school.id, "student", "S-C", c!.id);
    const dateOf = async (id: string) => (await db.person.findUniqueOrThrow({ where: { id } })).leavingDate?.toISOString().slice(0, 10) ?? null;

    const dates = new Map([["S-A", "2027-07-20"], ["S-B", "2027-07-20"], ["S-C", "2027-04-01"]]);
    expect(await storeLeavingDates(db, school.id, dates, { keepKnown: true })).toBe(2);
    expect([await dateOf(a!.id), await dateOf(b!.id), await dateOf(c!.id)]).toEqual(["2027-07-20", "2027-07-01", "2027-04-01"]);
    expect(await storeLeavingDates(db, school.id, dates, { keepKnown: false })).toBe(1);
    expect(await dateOf(b!.id)).toBe("2027-07-20");
    expect(await storeLeavingDates(db, school.id, dates, { keepKnown: false })).toBe(0);
  });
});

function cls(externalId: string, over: Partial<MappedClass>): MappedClass {
  return { externalId, misId: null, fields: { name: externalId, code: null, description: null }, subjectExternalId: null, staff: undefined, pupilExternalIds: [], ...over };
}

describe("writeClassesBatch", () => {
  it("links a class to its subject, staff (main teacher or not) and pupils, and its teachers to the subject; rewrites links only when they change", async () => {
    const school = await createSchool(db);
    const [t1, t2, p1, p2] = await Promise.all([["STAFF", "T1"], ["STAFF", "T2"], ["PUPIL", "P1"], ["PUPIL", "P2"]].map(([kind, surname]) => person(school.id, kind as PersonKind, { surname })));
    await linkId(school.id, "employee", "E-T1", t1!.id);
    await linkId(school.id, "employee", "E-T2", t2!.id);
    await linkId(school.id, "student", "S-P1", p1!.id);
    await linkId(school.id, "student", "S-P2", p2!.id);
    const subjectCounts = counts();
    await writeSubjectsBatch(db, school.id, NOW, [{ externalId: "SU1", misId: "9", fields: { name: "Maths", code: "MA", description: null } }], subjectCounts);
    expect(subjectCounts).toEqual({ created: 1, updated: 0, archived: 0, unchanged: 0 });
    const subject = await db.subject.findFirstOrThrow({ where: { schoolId: school.id } });
    expect(await db.externalId.findFirstOrThrow({ where: { subjectId: subject.id } })).toMatchObject({ entity: "subject", externalId: "SU1", misId: "9", firstSeenAt: NOW });

    const links = async (classId: string) => ({
      staff: (await db.classStaff.findMany({ where: { classId }, orderBy: { personId: "asc" } })).map((s) => [s.personId, s.isMainTeacher]),
      pupils: (await db.classPupil.findMany({ where: { classId } })).map((p) => p.personId).sort(),
    });
    const maths = cls("C1", {
      misId: "500",
      fields: { name: "7A/Ma", code: "7AMA", description: "Maths" },
      subjectExternalId: "SU1",
      staff: [{ externalId: "E-T1", isMainTeacher: true }, { externalId: "E-T2", isMainTeacher: false }, { externalId: "E-NOBODY", isMainTeacher: false }],
      pupilExternalIds: ["S-P1", "S-P2", "S-P1", "S-NOBODY"],
    });
    const first = counts();
    await writeClassesBatch(db, school.id, NOW, [maths, cls("C2", { subjectExternalId: "SU-UNKNOWN", staff: [{ externalId: "E-T2", isMainTeacher: true }] })], first);
    expect(first).toEqual({ created: 2, updated: 0, archived: 0, unchanged: 0 });
    const c1 = await db.class.findFirstOrThrow({ where: { schoolId: school.id, name: "7A/Ma" } });
    const c2 = await db.class.findFirstOrThrow({ where: { schoolId: school.id, name: "C2" } });
    expect(c1).toMatchObject({ code: "7AMA", description: "Maths", subjectId: subject.id, archivedAt: null });
    expect(c2.subjectId).toBeNull();
    expect(await links(c1.id)).toEqual({ staff: [[t1!.id, true], [t2!.id, false]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))), pupils: [p1!.id, p2!.id].sort() });
    expect((await db.subjectStaff.findMany({ where: { subjectId: subject.id } })).map((s) => s.personId).sort()).toEqual([t1!.id, t2!.id].sort());

    const same = counts();
    await writeClassesBatch(db, school.id, NOW, [maths], same);
    expect(same).toEqual({ created: 0, updated: 0, archived: 0, unchanged: 1 });

    // T2 leaves the class, P2 leaves it: the class is rewritten with its new links.
    const fewer = { ...maths, staff: [{ externalId: "E-T1", isMainTeacher: false }], pupilExternalIds: ["S-P1"] };
    const changed = counts();
    await writeClassesBatch(db, school.id, NOW, [fewer], changed);
    expect(changed).toEqual({ created: 0, updated: 1, archived: 0, unchanged: 0 });
    expect(await links(c1.id)).toEqual({ staff: [[t1!.id, false]], pupils: [p1!.id] });
    // A MIS without class staff links: the pupils change, the staff links are left alone.
    await writeClassesBatch(db, school.id, NOW, [{ ...fewer, staff: undefined, pupilExternalIds: ["S-P2"] }], counts());
    expect(await links(c1.id)).toEqual({ staff: [[t1!.id, false]], pupils: [p2!.id] });

    // An archived class that comes back unchanged is restored.
    await db.class.update({ where: { id: c2.id }, data: { archivedAt: NOW } });
    const restored = counts();
    await writeClassesBatch(db, school.id, NOW, [cls("C2", { subjectExternalId: "SU-UNKNOWN", staff: [{ externalId: "E-T2", isMainTeacher: true }] })], restored);
    expect(restored).toEqual({ created: 0, updated: 1, archived: 0, unchanged: 0 });
    expect((await db.class.findUniqueOrThrow({ where: { id: c2.id } })).archivedAt).toBeNull();
    expect(await links(c2.id)).toEqual({ staff: [[t2!.id, true]], pupils: [] });
  });
});
