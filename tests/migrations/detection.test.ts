import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { handleWondeWebhook, webhookSecretMatches } from "@/server/migrations/webhook";
import { setSyncDispatcher } from "@/server/sync/queue";
import { syncSchool } from "@/server/sync/run";
import { connectedSchool, emulatorClient, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

const HARBOUR_VIEW = "A1161584171"; // Arbor
const MEADOWBANK = "A1840362118"; // RM Integris
const LITTLE_HADHAM = "A1507281963"; // PupilAsset
const BROOKFIELD = "A2013847265"; // ScholarPack
const ELMHURST = "A1385027794"; // engage

/** Gives every pupil of the emulated school a UPN (so the UPN rule matches each of them), except `without`. */
function giveUpns(emulator: RunningEmulator, wondeId: string, without: number, prefix: string) {
  const pupils = emulator.state.school(wondeId)!.students;
  pupils.forEach((s, i) => (s.upn = `${prefix}${String(i).padStart(8, "0")}`));
  const left = pupils.filter((s) => s.dateOfBirth !== null).slice(0, without);
  for (const s of left) s.upn = null;
  return left;
}

describe("detecting an MIS migration", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "detection" });
  });
  afterEach(() => setSyncDispatcher(null));
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("accepts only webhooks carrying the shared secret", () => {
    expect(webhookSecretMatches("s3cret-webhook-value", "s3cret-webhook-value")).toBe(true);
    expect(webhookSecretMatches("s3cret-webhook-value", "s3cret-webhook-valuX")).toBe(false);
    expect(webhookSecretMatches("s3cret-webhook-value", null)).toBe(false);
    expect(webhookSecretMatches(undefined, "anything")).toBe(false);
  });

  it("opens a migration from Wonde's schoolMigration webhook and the queued sync previews it instead of writing people", async () => {
    const school = await connectedSchool(db, HARBOUR_VIEW);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    emulator.state.migrateSchool(HARBOUR_VIEW, { to: "Bromcom" });
    const runs: Promise<unknown>[] = [];
    setSyncDispatcher(async (job) => {
      runs.push(syncSchool(db, job.schoolId, { runId: job.runId, mode: job.mode, trigger: job.trigger, client: emulatorClient(emulator) }));
    });
    const result = await handleWondeWebhook(db, {
      payload_type: "schoolMigration",
      school_id: HARBOUR_VIEW,
      migrate_from: "Arbor",
      migrate_to: "Bromcom",
      scheduled_at: "2025-01-13 08:00:00",
      completed_at: { date: "2025-01-13 09:30:00.000000", timezone_type: 3, timezone: "Europe/London" },
    });
    expect(result).toEqual({ handled: true });
    await Promise.all(runs);
    const migration = await db.misMigration.findFirstOrThrow({ where: { schoolId: school.id } });
    expect(migration).toMatchObject({ detectedBy: "webhook", status: "PREVIEWED", fromMis: "Arbor", toMis: "Bromcom" });
    expect(migration.migratedAt?.toISOString()).toBe("2025-01-13T09:30:00.000Z");
    expect(await db.syncRun.findFirstOrThrow({ where: { schoolId: school.id, trigger: "WEBHOOK" } })).toMatchObject({ status: "PAUSED" });
  });

  it("notices reissued ids even when Wonde still names the same MIS", async () => {
    const school = await connectedSchool(db, MEADOWBANK);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    emulator.state.migrateSchool(MEADOWBANK, { to: "RM Integris" });
    const startedAt = Date.now();
    const paused = await runSync(db, emulator, school.id);
    const elapsed = (Date.now() - startedAt) / 1000;
    // The run says why it stopped, on its row and in the activity log.
    const why = "Your school has moved to a new MIS. Review the migration on the Migration page; syncing resumes once it is applied.";
    expect(paused).toMatchObject({ status: "PAUSED", error: why, quarantined: 0 });
    // In seconds, as the CLI prints it.
    expect(paused.seconds).toBeGreaterThan(0);
    expect(paused.seconds).toBeLessThanOrEqual(elapsed);
    const row = await db.syncRun.findUniqueOrThrow({ where: { id: paused.runId } });
    expect(row).toMatchObject({ status: "PAUSED", error: why });
    expect(row.finishedAt).not.toBeNull();
    expect(await db.activityEvent.findFirstOrThrow({ where: { subjectType: "SyncRun", subjectId: paused.runId } })).toMatchObject({
      schoolId: school.id,
      action: "Sync Paused",
      actorUserId: null,
      actorLabel: "Sync",
      subjectLabel: "Sync",
      details: { reason: "MIS migration" },
    });
    expect(await db.misMigration.findFirstOrThrow({ where: { schoolId: school.id } })).toMatchObject({ detectedBy: "id-churn", status: "PREVIEWED" });
    expect(await db.person.count({ where: { schoolId: school.id, archivedAt: { not: null } } })).toBe(0);
  });

  it("applies by itself when the school allows it and nobody needs review", async () => {
    // Every pupil has a UPN here, so nobody needs review.
    emulator.state
      .school(LITTLE_HADHAM)!
      .students.filter((s) => !s.upn)
      .forEach((s, i) => (s.upn = `Z20000000${String(i).padStart(4, "0")}`));
    const school = await connectedSchool(db, LITTLE_HADHAM);
    await db.school.update({ where: { id: school.id }, data: { autoApplyMigrations: true } });
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    const before = await db.person.findMany({ where: { schoolId: school.id }, select: { id: true }, orderBy: { id: "asc" } });
    emulator.state.migrateSchool(LITTLE_HADHAM, { to: "Arbor" });
    const summary = await runSync(db, emulator, school.id, { mode: "incremental" });
    // Just applied, the run reads everything (classes and subjects have new ids too): it is a full run.
    expect(summary).toMatchObject({ status: "SUCCEEDED", mode: "full" });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: summary.runId } })).toMatchObject({ status: "SUCCEEDED", mode: "full" });
    expect(await db.activityEvent.findFirstOrThrow({ where: { subjectType: "SyncRun", subjectId: summary.runId } })).toMatchObject({ action: "Sync Completed", subjectLabel: "Full sync" });
    expect(await db.misMigration.findFirstOrThrow({ where: { schoolId: school.id } })).toMatchObject({ status: "APPLIED", detectedBy: "mis-change" });
    const after = await db.person.findMany({ where: { schoolId: school.id }, select: { id: true, archivedAt: true }, orderBy: { id: "asc" } });
    expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id));
    expect(after.every((p) => p.archivedAt === null)).toBe(true);
    // Applied by the system, with no admin behind it: the activity log says so.
    expect(await db.activityEvent.findFirstOrThrow({ where: { schoolId: school.id, action: "Migration Applied" } })).toMatchObject({ actorUserId: null, actorLabel: "Migration", subjectType: "MisMigration" });
  });

  it("leaves the migration to the admin when the school doesn't apply them by itself, even with nobody to review; later syncs stay paused and keep the preview", async () => {
    giveUpns(emulator, BROOKFIELD, 0, "B2");
    const school = await connectedSchool(db, BROOKFIELD);
    expect(school.autoApplyMigrations).toBe(false);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    emulator.state.migrateSchool(BROOKFIELD, { to: "Arbor" });
    expect(await runSync(db, emulator, school.id, { mode: "incremental" })).toMatchObject({ status: "PAUSED" });
    const migration = await db.misMigration.findFirstOrThrow({ where: { schoolId: school.id } });
    expect(migration).toMatchObject({ status: "PREVIEWED", detectedBy: "mis-change" });
    const previewed = { schoolId: school.id, action: "Migration Previewed" };
    expect((await db.activityEvent.findFirstOrThrow({ where: previewed })).details).toMatchObject({ pupils: { review: 0 }, staff: { review: 0 } });
    const candidates = async () => (await db.migrationCandidate.findMany({ where: { migrationId: migration.id }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
    const listed = await candidates();
    expect(listed.length).toBeGreaterThan(0);

    // The next sync finds the migration already previewed: it neither previews it again (the
    // admin's list stays as it is) nor applies it.
    expect(await runSync(db, emulator, school.id, { mode: "incremental" })).toMatchObject({ status: "PAUSED" });
    expect(await db.activityEvent.count({ where: previewed })).toBe(1);
    expect(await candidates()).toEqual(listed);
    expect(await db.misMigration.findUniqueOrThrow({ where: { id: migration.id } })).toMatchObject({ status: "PREVIEWED" });
    expect(await db.activityEvent.count({ where: { schoolId: school.id, action: "Migration Applied" } })).toBe(0);
  });

  it("waits for the admin when pupils and staff need review, though the school applies migrations by itself", async () => {
    // Two pupils without a UPN (matched by name and date of birth: for review), and two members
    // of staff the new MIS gives one work email (who is who: for review).
    const school = await connectedSchool(db, ELMHURST);
    await db.school.update({ where: { id: school.id }, data: { autoApplyMigrations: true } });
    giveUpns(emulator, ELMHURST, 2, "E2");
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    emulator.state.migrateSchool(ELMHURST, { to: "Arbor" });
    const [first, second] = emulator.state.school(ELMHURST)!.employees.filter((e) => e.current && e.contact.emailWork);
    second!.contact.emailWork = first!.contact.emailWork;
    const before = await db.person.findMany({ where: { schoolId: school.id }, select: { id: true, archivedAt: true }, orderBy: { id: "asc" } });

    expect(await runSync(db, emulator, school.id, { mode: "incremental" })).toMatchObject({ status: "PAUSED" });
    expect((await db.activityEvent.findFirstOrThrow({ where: { schoolId: school.id, action: "Migration Previewed" } })).details).toMatchObject({ pupils: { review: 2 }, staff: { review: 2 } });
    expect(await db.misMigration.findFirstOrThrow({ where: { schoolId: school.id } })).toMatchObject({ status: "PREVIEWED" });
    expect(await db.activityEvent.count({ where: { schoolId: school.id, action: "Migration Applied" } })).toBe(0);
    expect(await db.person.findMany({ where: { schoolId: school.id }, select: { id: true, archivedAt: true }, orderBy: { id: "asc" } })).toEqual(before);
  });
});
