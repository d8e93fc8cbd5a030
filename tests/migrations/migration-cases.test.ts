import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { db } from "@/server/db";
import { dateInZone, searchActivity } from "@/server/activity/service";
import { checkPasswordSignIn } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { applyMigration } from "@/server/migrations/apply";
import { migrationReport } from "@/server/migrations/report";
import type { MigrationSummary } from "@/server/migrations/preview";
import { resolveCandidate, unclaimedRecords } from "@/server/migrations/review";
import { updateSyncSettings } from "@/server/schools/wonde-settings";
import { connectedSchool, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

const ADMIN = { system: "Test admin" };
const ST_MARYS_ID = "A2102984463"; // SIMS
const GREYFRIARS_ID = "A1776403258"; // WCBS, withholds "Student UPN read"
const HARBOUR_VIEW_ID = "A1161584171"; // Arbor
const LITTLE_HADHAM_ID = "A1507281963"; // PupilAsset
const PARKSIDE_ID = "A1954736102"; // Progresso, shares photos
const KINGSWAY_ID = "A2075312549"; // CMIS

type Options = { personId: string; label: string; rule: string }[];

/** A school that synced from its old MIS on an earlier day than the migration, as schools do. */
async function syncedSchool(emulator: RunningEmulator, wondeId: string) {
  const school = await connectedSchool(db, wondeId);
  const run = await runSync(db, emulator, school.id);
  expect(run.error).toBeNull();
  await db.$executeRaw`UPDATE "ActivityEvent" SET "at" = "at" - interval '3 days' WHERE "schoolId" = ${school.id}`;
  return school.id;
}

async function pausedMigration(emulator: RunningEmulator, schoolId: string) {
  expect((await runSync(db, emulator, schoolId)).status).toBe("PAUSED");
  return db.misMigration.findFirstOrThrow({ where: { schoolId }, orderBy: { detectedAt: "desc" }, include: { candidates: true } });
}

/** Accepts the first proposal of every review item still open (or marks it new when nobody is proposed). */
async function resolveTheRest(schoolId: string, migrationId: string) {
  const open = await db.migrationCandidate.findMany({ where: { migrationId, outcome: "REVIEW", resolution: null } });
  for (const item of open) await resolveCandidate(db, schoolId, item.id, (item.options as Options)[0]?.personId ?? "new", ADMIN).catch(() => resolveCandidate(db, schoolId, item.id, "new", ADMIN));
}

const personOfExternal = async (schoolId: string, externalId: string) =>
  (await db.externalId.findFirstOrThrow({ where: { schoolId, externalId, supersededAt: null } })).personId;

/** Emulator seconds for "now" (its clock is UTC "YYYY-MM-DD HH:MM:SS"). */
const emulatorNow = (emulator: RunningEmulator) => Date.parse(`${emulator.state.now().replace(" ", "T")}Z`) / 1000;

describe("MIS migration: the cases a real school hits", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "migration" });
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("duplicate UPN: both pupils end on their own records via review, a record claimed twice is refused, and all kept after review is scenario A", async () => {
    const schoolId = await syncedSchool(emulator, ST_MARYS_ID);
    emulator.state.migrateSchool(ST_MARYS_ID, { to: "Arbor" });
    const school = emulator.state.school(ST_MARYS_ID)!;
    const [a, b] = school.students.filter((s) => s.upn && s.dateOfBirth);
    const personA = await db.person.findFirstOrThrow({ where: { schoolId, upn: a!.upn } });
    const personB = await db.person.findFirstOrThrow({ where: { schoolId, upn: b!.upn } });
    // The new MIS gives B pupil A's UPN; B's own UPN exists nowhere any more.
    b!.upn = a!.upn;
    school.version++;

    const migration = await pausedMigration(emulator, schoolId);
    const summary = migration.summary as MigrationSummary;
    expect(summary.warnings.some((w) => w.includes(personA.surname) && w.includes(personB.surname) && /same UPN .* fix the UPN in the MIS/.test(w))).toBe(true);
    const itemA = migration.candidates.find((c) => c.externalId === a!.id)!;
    const itemB = migration.candidates.find((c) => c.externalId === b!.id)!;
    expect(itemA.outcome).toBe("REVIEW");
    expect(itemB.outcome).toBe("REVIEW");
    // B is offered her own record too (name + date of birth), not only A's.
    expect((itemB.options as Options).map((o) => o.personId)).toEqual(expect.arrayContaining([personA.id, personB.id]));
    expect((itemB.options as Options).find((o) => o.personId === personB.id)!.rule).toMatch(/name \+ date of birth/);

    await resolveCandidate(db, schoolId, itemA.id, personA.id, ADMIN);
    await expect(resolveCandidate(db, schoolId, itemB.id, personA.id, ADMIN)).rejects.toThrow(/already claimed by .*Each old record can be kept by one person only/);
    await resolveCandidate(db, schoolId, itemB.id, personB.id, ADMIN);
    await resolveTheRest(schoolId, migration.id);

    const report = await applyMigration(db, schoolId, migration.id, ADMIN);
    expect(report.verdict).toBe("A");
    expect(report.counts.pupils.created).toBe(0);
    expect(report.counts.pupils.keptAfterReview).toBeGreaterThanOrEqual(2);
    expect(report.newPupils).toEqual([]);
    expect(report.todo.join(" ")).not.toMatch(/Student UPN read|Re-issue/);

    expect(await personOfExternal(schoolId, a!.id)).toBe(personA.id);
    expect(await personOfExternal(schoolId, b!.id)).toBe(personB.id);
    const shared = await db.person.groupBy({ by: ["upn"], where: { schoolId, kind: "PUPIL", archivedAt: null, upn: { not: null } }, having: { upn: { _count: { gt: 1 } } } });
    expect(shared).toEqual([]);
    const kept = await db.activityEvent.findFirstOrThrow({ where: { schoolId, action: "Identity Kept", subjectId: personB.id } });
    expect(kept.details).toMatchObject({ reason: "chosen by Test admin" });
  });

  it("finds a pupil's old record through the search when no rule proposes it, and refuses a record that isn't a current pupil", async () => {
    const schoolId = await syncedSchool(emulator, HARBOUR_VIEW_ID);
    emulator.state.migrateSchool(HARBOUR_VIEW_ID, { to: "SIMS" });
    const school = emulator.state.school(HARBOUR_VIEW_ID)!;
    const [c, d] = school.students.filter((s) => s.upn);
    const personC = await db.person.findFirstOrThrow({ where: { schoolId, upn: c!.upn } });
    const personD = await db.person.findFirstOrThrow({ where: { schoolId, upn: d!.upn } });
    // C's name was re-keyed in the new MIS and she was given D's UPN: no rule points at her old record.
    c!.upn = d!.upn;
    c!.forename = c!.legalForename = "Zephyrine";
    c!.surname = c!.legalSurname = "Quillfeather";
    school.version++;

    const migration = await pausedMigration(emulator, schoolId);
    const itemC = migration.candidates.find((x) => x.externalId === c!.id)!;
    const itemD = migration.candidates.find((x) => x.externalId === d!.id)!;
    expect(itemC.outcome).toBe("REVIEW");
    expect((itemC.options as Options).map((o) => o.personId)).not.toContain(personC.id);

    await resolveCandidate(db, schoolId, itemD.id, personD.id, ADMIN);
    const found = await unclaimedRecords(db, schoolId, { candidateId: itemC.id, search: personC.surname, limit: 8 });
    expect(found.map((f) => f.personId)).toContain(personC.id);
    // A claimed record is not offered again.
    expect((await unclaimedRecords(db, schoolId, { candidateId: itemC.id, search: personD.surname, limit: 8 })).map((f) => f.personId)).not.toContain(personD.id);
    const staff = await db.person.findFirstOrThrow({ where: { schoolId, kind: "STAFF" } });
    await expect(resolveCandidate(db, schoolId, itemC.id, staff.id, ADMIN)).rejects.toThrow(/isn't one of this school's current pupils/);

    await resolveCandidate(db, schoolId, itemC.id, personC.id, ADMIN);
    const decided = await db.activityEvent.findFirstOrThrow({ where: { schoolId, action: "Migration Review Resolved", subjectId: itemC.id } });
    expect(decided.details).toMatchObject({ reason: "chosen by Test admin (found by search)" });
    await resolveTheRest(schoolId, migration.id);
    await applyMigration(db, schoolId, migration.id, ADMIN);
    expect(await personOfExternal(schoolId, c!.id)).toBe(personC.id);
  });

  it("scenario B names the new pupils and says what to do, and the Activity log's User Created since the migration date equals the report's count", async () => {
    const schoolId = await syncedSchool(emulator, GREYFRIARS_ID);
    const accountsBefore = await db.activityEvent.count({ where: { schoolId, action: "Account Created" } });
    expect(accountsBefore).toBeGreaterThan(0);
    expect(await db.activityEvent.count({ where: { schoolId, action: "User Created", subjectType: "User" } })).toBe(0);

    emulator.state.migrateSchool(GREYFRIARS_ID, { to: "Bromcom" });
    const migration = await pausedMigration(emulator, schoolId);
    for (const item of migration.candidates.filter((c) => c.outcome === "REVIEW")) await resolveCandidate(db, schoolId, item.id, "new", ADMIN);
    const report = await applyMigration(db, schoolId, migration.id, ADMIN);
    expect(report.verdict).toBe("B");
    expect(report.newPupils.length).toBe(report.counts.pupils.created);
    expect(report.newPupils.length).toBeGreaterThan(0);
    expect(report.todo.join(" ")).toMatch(/Re-issue login credentials .*Re-match the Google or Microsoft sign-ins/s);
    // A Staffroom Lite school has no Google/Microsoft sign-ins to re-match: only credentials to re-issue.
    await db.school.update({ where: { id: schoolId }, data: { liteMode: true } });
    const lite = await migrationReport(db, migration.id);
    expect(lite.todo.join(" ")).toMatch(/Re-issue login credentials/);
    expect(lite.todo.join(" ")).not.toMatch(/Re-match|User matching/);
    await db.school.update({ where: { id: schoolId }, data: { liteMode: false } });

    const school = await db.school.findUniqueOrThrow({ where: { id: schoolId } });
    const applied = await db.misMigration.findUniqueOrThrow({ where: { id: migration.id } });
    const shortcut = await searchActivity(db, schoolId, { actions: ["User Created"], from: dateInZone(applied.migratedAt!, school.timezone), limit: 1000 });
    const createdByMigration = report.counts.pupils.created + report.counts.staff.created;
    expect(shortcut.rows).toHaveLength(createdByMigration);
    expect(report.createdSince).toHaveLength(createdByMigration);
    // Once per person: kept people and login accounts don't show as "User Created".
    expect(new Set(shortcut.rows.map((r) => r.subjectLabel)).size).toBe(shortcut.rows.length);
  });

  it("classes and subjects keep their ids, members and history; unmatched ones are listed in the preview", async () => {
    const schoolId = await syncedSchool(emulator, OAKFIELD_ID);
    const classesBefore = await db.class.findMany({ where: { schoolId, archivedAt: null }, select: { id: true, name: true }, orderBy: { id: "asc" } });
    const subjectsBefore = await db.subject.findMany({ where: { schoolId, archivedAt: null }, select: { id: true }, orderBy: { id: "asc" } });
    const membersBefore = await db.classPupil.count({ where: { class: { schoolId } } });
    expect(classesBefore.length).toBeGreaterThan(1);

    emulator.state.migrateSchool(OAKFIELD_ID, { to: "Arbor" });
    const school = emulator.state.school(OAKFIELD_ID)!;
    const renamed = school.classes.find((c) => c.name === classesBefore[0]!.name)!;
    renamed.name = "Renamed in Arbor";
    school.version++;

    const migration = await pausedMigration(emulator, schoolId);
    const groups = (migration.summary as MigrationSummary).groups;
    expect(groups.subjects.matched).toBe(subjectsBefore.length);
    expect(groups.classes.matched).toBe(classesBefore.length - 1);
    expect(groups.classes.created.join()).toContain("Renamed in Arbor");
    expect(groups.classes.archived.join()).toContain(classesBefore[0]!.name);

    await resolveTheRest(schoolId, migration.id);
    await applyMigration(db, schoolId, migration.id, ADMIN);
    expect((await runSync(db, emulator, schoolId)).status).toBe("SUCCEEDED");

    const classesAfter = await db.class.findMany({ where: { schoolId, archivedAt: null, name: { not: "Renamed in Arbor" } }, select: { id: true }, orderBy: { id: "asc" } });
    expect(classesAfter.map((c) => c.id)).toEqual(classesBefore.slice(1).map((c) => c.id).sort());
    expect((await db.subject.findMany({ where: { schoolId, archivedAt: null }, select: { id: true }, orderBy: { id: "asc" } })).map((s) => s.id)).toEqual(subjectsBefore.map((s) => s.id));
    expect(await db.classPupil.count({ where: { class: { schoolId, archivedAt: null } } })).toBeGreaterThan(0);
    expect(await db.classPupil.count({ where: { class: { schoolId } } })).toBeGreaterThanOrEqual(membersBefore);
  });

  it("a changed work email shows in the preview, then becomes the sign-in: the old address is refused, the new one signs in, people are told; a taken address waits", async () => {
    const schoolId = await syncedSchool(emulator, LITTLE_HADHAM_ID);
    const school = emulator.state.school(LITTLE_HADHAM_ID)!;
    const [mover, clash] = school.employees.filter((e) => e.current && e.contact.emailWork);
    const moverUser = await db.user.findFirstOrThrow({ where: { email: mover!.contact.emailWork!.toLowerCase() } });
    await db.user.update({ where: { id: moverUser.id }, data: { passwordHash: await hashPassword("correct horse battery") } });
    const admin = await db.user.create({ data: { email: "office@little-hadham.example", memberships: { create: { schoolId, role: "SCHOOL_ADMIN" } } } });

    emulator.state.migrateSchool(LITTLE_HADHAM_ID, { to: "Arbor" });
    mover!.contact.emailWork = "new.address@little-hadham-academy.example";
    clash!.contact.emailWork = admin.email;
    school.version++;

    const migration = await pausedMigration(emulator, schoolId);
    const changes = (migration.summary as MigrationSummary).emailChanges;
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: moverUser.email, to: "new.address@little-hadham-academy.example", conflict: false }),
        expect.objectContaining({ to: admin.email, conflict: true }),
      ]),
    );
    await resolveTheRest(schoolId, migration.id);
    const report = await applyMigration(db, schoolId, migration.id, ADMIN);

    expect((await db.user.findUniqueOrThrow({ where: { id: moverUser.id } })).email).toBe("new.address@little-hadham-academy.example");
    expect((await checkPasswordSignIn(db, { email: moverUser.email!, password: "correct horse battery" })).ok).toBe(false);
    expect((await checkPasswordSignIn(db, { email: "new.address@little-hadham-academy.example", password: "correct horse battery" })).ok).toBe(true);
    const told = await db.outboxEmail.findMany({ where: { subject: { contains: "sign-in email" } } });
    expect(told.map((m) => m.to)).toEqual(expect.arrayContaining(["new.address@little-hadham-academy.example", admin.email]));
    expect(told.find((m) => m.to === "new.address@little-hadham-academy.example")!.text).toContain(moverUser.email);

    // The taken address: the account keeps its email, the report says so.
    expect(report.emailsWaiting.map((w) => w.to)).toEqual([admin.email]);
    expect(report.todo.join(" ")).toMatch(/1 sign-in email could not follow the MIS/);
    expect(await db.activityEvent.count({ where: { schoolId, action: "Sign-in Email Changed" } })).toBe(1);
  });

  it("imports every photo on the first incremental sync after photos are switched on, then only changed ones, as bytes off the person row", async () => {
    const schoolId = await syncedSchool(emulator, PARKSIDE_ID);
    expect(await db.personPhoto.count()).toBe(0);
    await updateSyncSettings(db, schoolId, { importPhotos: true }, ADMIN);
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).mode).toBe("incremental");
    const staff = await db.person.count({ where: { schoolId, kind: "STAFF", archivedAt: null } });
    const first = await db.personPhoto.findMany({ where: { schoolId } });
    expect(first).toHaveLength(staff);
    expect(first.every((p) => p.contentType === "image/png" && Buffer.from(p.bytes).subarray(1, 4).toString() === "PNG")).toBe(true);
    expect(await db.person.count({ where: { schoolId, photoUrl: { not: null } } })).toBe(0);

    const edited = emulator.state.advanceTime({ seconds: 3600, schoolIds: [PARKSIDE_ID], employees: { edits: 2 } }).schools[0]!.employees.edited;
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");
    const after = await db.personPhoto.findMany({ where: { schoolId } });
    const editedPeople = new Set((await db.externalId.findMany({ where: { schoolId, externalId: { in: edited } } })).map((e) => e.personId));
    const before = new Map(first.map((p) => [p.personId, p]));
    for (const photo of after) {
      const changed = photo.updatedAt.getTime() !== before.get(photo.personId)!.updatedAt.getTime();
      expect(changed).toBe(editedPeople.has(photo.personId));
    }
  });

  it("a returning member of staff gets their account back and the admins are told", async () => {
    const schoolId = await syncedSchool(emulator, KINGSWAY_ID);
    await db.user.create({ data: { email: "head@kingsway.example", memberships: { create: { schoolId, role: "SCHOOL_ADMIN" } } } });
    const leaver = emulator.state.advanceTime({ seconds: 3600, schoolIds: [KINGSWAY_ID], employees: { contractEnds: 1 } }).schools[0]!.employees.contractsEnded[0]!;
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");
    const personId = await personOfExternal(schoolId, leaver);
    const user = await db.user.findFirstOrThrow({ where: { personId } });
    expect(user.disabledAt).not.toBeNull();

    emulator.state.advanceTime({ seconds: 3600 });
    const record = emulator.state.school(KINGSWAY_ID)!.employees.find((e) => e.id === leaver)!;
    record.current = true;
    record.endDate = null;
    record.updatedAt = emulatorNow(emulator);
    emulator.state.school(KINGSWAY_ID)!.version++;
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");

    expect((await db.person.findUniqueOrThrow({ where: { id: personId! } })).archivedAt).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).toBeNull();
    expect(await db.activityEvent.count({ where: { schoolId, action: "Account Re-enabled", subjectId: user.id } })).toBe(1);
    expect(await db.outboxEmail.count({ where: { to: "head@kingsway.example", subject: { contains: "Returning staff" } } })).toBe(1);
  });
});
