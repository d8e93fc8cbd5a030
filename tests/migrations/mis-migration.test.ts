import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { db } from "@/server/db";
import { applyMigration } from "@/server/migrations/apply";
import { resolveCandidate } from "@/server/migrations/review";
import { connectedSchool, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

const ADMIN = { system: "Test admin" };
const GREYFRIARS_ID = "A1776403258"; // WCBS, withholds "Student UPN read" and dates of birth
const ST_MARYS_ID = "A2102984463"; // SIMS

/** A school that synced from its old MIS on an earlier day than the migration, as schools do. */
async function syncedSchool(emulator: RunningEmulator, wondeId: string) {
  const school = await connectedSchool(db, wondeId);
  expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
  await db.$executeRaw`UPDATE "ActivityEvent" SET "at" = "at" - interval '3 days' WHERE "schoolId" = ${school.id}`;
  return school.id;
}

/** Who each pupil or staff member is, by a key that survives the move. */
async function idsBy(schoolId: string, kind: "PUPIL" | "STAFF", key: "upn" | "email") {
  const people = await db.person.findMany({ where: { schoolId, kind, archivedAt: null, [key]: { not: null } }, select: { id: true, [key]: true } });
  return new Map(people.map((p) => [(p as unknown as Record<string, string>)[key]!, p.id]));
}

async function latestMigration(schoolId: string) {
  return db.misMigration.findFirstOrThrow({ where: { schoolId }, orderBy: { detectedAt: "desc" }, include: { candidates: true } });
}

describe("MIS migration", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "migration" });
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("SIMS → Arbor without Wonde's UPN option: pupils keep their record by UPN, staff by email, and links, history and sign-ins survive (scenario A)", async () => {
    const schoolId = await syncedSchool(emulator, OAKFIELD_ID);
    const pupilsBefore = await idsBy(schoolId, "PUPIL", "upn");
    const staffBefore = await idsBy(schoolId, "STAFF", "email");
    const peopleBefore = await db.person.count({ where: { schoolId } });
    // A teacher with a Google sign-in linked, and history in the log.
    const teacher = await db.user.findFirstOrThrow({ where: { person: { schoolId, kind: "STAFF" } } });
    await db.account.create({ data: { userId: teacher.id, type: "oidc", provider: "google", providerAccountId: "google-sub-123" } });
    const teacherHistory = await db.activityEvent.count({ where: { subjectId: teacher.personId } });

    emulator.state.migrateSchool(OAKFIELD_ID, { to: "Arbor" });
    const paused = await runSync(db, emulator, schoolId, { mode: "incremental" });
    expect(paused.status).toBe("PAUSED");
    // Nothing about people was written while paused.
    expect(await db.person.count({ where: { schoolId } })).toBe(peopleBefore);
    expect(await db.person.count({ where: { schoolId, archivedAt: { not: null } } })).toBe(0);

    const migration = await latestMigration(schoolId);
    expect(migration).toMatchObject({ status: "PREVIEWED", detectedBy: "mis-change", fromMis: "SIMS", toMis: "Arbor" });
    const summary = migration.summary as { pupils: { matched: Record<string, number>; review: number; new: number; archive: number }; staff: { matched: Record<string, number> }; warnings: string[] };
    expect(summary.pupils.matched.UPN).toBe(pupilsBefore.size);
    expect(summary.staff.matched["work email"]).toBe(staffBefore.size);
    expect(summary.warnings).toEqual([]);
    const matchedPupil = migration.candidates.find((c) => c.rule === "UPN")!;
    expect(matchedPupil.reason).toMatch(/^Same UPN \(…\w{4}\)$/);

    // Pupils without a UPN were proposed by legal name + date of birth, for review: accept the proposals.
    const proposals = migration.candidates.filter((c) => c.outcome === "REVIEW");
    expect(proposals.length).toBeGreaterThan(0);
    expect(proposals).toHaveLength(summary.pupils.review);
    for (const item of proposals) {
      expect(item.rule).toBe("legal name + date of birth");
      await resolveCandidate(db, schoolId, item.id, (item.options as { personId: string }[])[0]!.personId, ADMIN);
    }
    const report = await applyMigration(db, schoolId, migration.id, ADMIN);
    expect(report.verdict).toBe("A");
    expect(report.counts.pupils.created).toBe(0);
    expect(report.createdSince).toEqual([]);

    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");
    expect(await idsBy(schoolId, "PUPIL", "upn")).toEqual(pupilsBefore);
    expect(await idsBy(schoolId, "STAFF", "email")).toEqual(staffBefore);
    expect(await db.person.count({ where: { schoolId } })).toBe(peopleBefore);
    expect(await db.person.count({ where: { schoolId, archivedAt: null } })).toBe(emulator.state.counts(OAKFIELD_ID).students + emulator.state.counts(OAKFIELD_ID).currentEmployees);

    // The sign-in, the SSO link and the history are still this teacher's.
    const after = await db.user.findUniqueOrThrow({ where: { id: teacher.id }, include: { accounts: true } });
    expect(after.personId).toBe(teacher.personId);
    expect(after.disabledAt).toBeNull();
    expect(after.accounts.map((a) => a.providerAccountId)).toEqual(["google-sub-123"]);
    expect(await db.activityEvent.count({ where: { subjectId: teacher.personId, action: { not: "Identity Kept" } } })).toBeGreaterThanOrEqual(teacherHistory);
    // Every old MIS id is kept as history.
    const ids = await db.externalId.findMany({ where: { personId: teacher.personId! } });
    expect(ids.filter((i) => i.supersededAt === null)).toHaveLength(1);
    expect(ids.filter((i) => i.supersededAt !== null)).toHaveLength(1);
    // Classes were re-read under their new ids; the teacher still teaches.
    expect(await db.classStaff.count({ where: { personId: teacher.personId!, class: { archivedAt: null } } })).toBeGreaterThan(0);
  });

  it("without Student UPN read, the preview says so, pupils go to review or are created, and the verdict is B", async () => {
    const schoolId = await syncedSchool(emulator, GREYFRIARS_ID);
    const pupilIds = await db.person.findMany({ where: { schoolId, kind: "PUPIL" }, select: { id: true } });
    emulator.state.migrateSchool(GREYFRIARS_ID, { to: "Bromcom", preserveStudentIdsByUpn: true });
    expect((await runSync(db, emulator, schoolId)).status).toBe("PAUSED");
    const migration = await latestMigration(schoolId);
    const summary = migration.summary as { pupils: { matched: Record<string, number>; review: number; new: number }; warnings: string[] };
    expect(summary.warnings.join(" ")).toMatch(/UPN not shared: approve Student UPN read in the Wonde portal/);
    expect(summary.pupils.matched.UPN ?? 0).toBe(0);
    expect(summary.pupils.review + summary.pupils.new).toBe(pupilIds.length);
    for (const item of migration.candidates.filter((c) => c.outcome === "REVIEW")) await resolveCandidate(db, schoolId, item.id, "new", ADMIN);
    const report = await applyMigration(db, schoolId, migration.id, ADMIN);
    expect(report.verdict).toBe("B");
    expect(report.todo.join(" ")).toMatch(/Re-issue login credentials to the \d+ pupils created as new/);
    expect(report.todo.join(" ")).toMatch(/Re-match the Google or Microsoft sign-ins/);
    expect(report.newPupils).toHaveLength(report.counts.pupils.created);
    // The old pupils are archived, never deleted.
    expect(await db.person.count({ where: { id: { in: pupilIds.map((p) => p.id) }, archivedAt: { not: null } } })).toBe(pupilIds.length);
  });

  it("sends duplicate UPNs to review and matches a changed UPN by the former UPN, saying so", async () => {
    const schoolId = await syncedSchool(emulator, ST_MARYS_ID);
    emulator.state.migrateSchool(ST_MARYS_ID, { to: "Arbor" });
    const pupils = emulator.state.school(ST_MARYS_ID)!.students.filter((s) => s.upn);
    const [first, second, changed] = [pupils[0]!, pupils[1]!, pupils[2]!];
    // The new MIS holds a duplicate UPN, and one pupil's UPN was corrected (the old one kept as former UPN).
    second.upn = first.upn;
    const oldUpn = changed.upn;
    changed.formerUpn = oldUpn;
    changed.upn = `${oldUpn!.slice(0, 10)}999`;

    expect((await runSync(db, emulator, schoolId)).status).toBe("PAUSED");
    const migration = await latestMigration(schoolId);
    const byExternal = new Map(migration.candidates.map((c) => [c.externalId, c]));
    for (const dup of [first, second]) {
      expect(byExternal.get(dup.id)).toMatchObject({ outcome: "REVIEW", rule: "UPN", personId: null });
      expect(byExternal.get(dup.id)!.reason).toMatch(/2 records in the new MIS share this UPN/);
    }
    const corrected = byExternal.get(changed.id)!;
    expect(corrected).toMatchObject({ outcome: "MATCHED", rule: "former UPN" });
    expect(corrected.reason).toMatch(/UPN changed/);
    const before = await db.person.findFirstOrThrow({ where: { schoolId, upn: oldUpn } });
    expect(corrected.personId).toBe(before.id);

    // Review can't be skipped.
    await expect(applyMigration(db, schoolId, migration.id, ADMIN)).rejects.toThrow(/need review/);
  });
});
