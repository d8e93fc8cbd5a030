/**
 * The sync queue's rules, without a queue: which run a request joins or replaces, which schools
 * the schedule picks at a planned migration's edges, what the status card shows, and how
 * quarantined records are kept, listed and released. Jobs go to a dispatcher that only records them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { encryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { isDue } from "@/lib/sync-schedule";
import { DEAD_RUN_MESSAGE } from "@/server/sync/lease";
import { enqueueScheduledSyncs, requestSync, setSyncDispatcher } from "@/server/sync/queue";
import { listQuarantine, quarantine, quarantinedIds, release, releaseAllBut } from "@/server/sync/quarantine";
import { syncRunStatus } from "@/server/sync/status";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
type Job = Parameters<NonNullable<Parameters<typeof setSyncDispatcher>[0]>>[0];

let serial = 0;
const newSchool = (data: { syncSchedule?: string; plannedMigrationOn?: Date | null; wondeTokenEnc?: string | null } = {}) =>
  db.school.create({ data: { name: `Queue school ${++serial}`, wondeId: `A7${String(serial).padStart(9, "0")}`, wondeTokenEnc: encryptSecret("demo"), ...data } });

const jobs: Job[] = [];
beforeAll(() => setSyncDispatcher(async (job) => void jobs.push(job)));
afterEach(() => {
  jobs.length = 0;
  vi.restoreAllMocks();
});
afterAll(async () => {
  setSyncDispatcher(null);
  await db.$disconnect();
});

describe("requestSync", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  const actor = { userId: "user-1", label: "Ada Admin" };

  it("joins a queued run younger than six hours; at six hours it is failed and replaced by a new run, which is dispatched", async () => {
    const school = await newSchool();
    const request = { schoolId: school.id, mode: "full" as const, trigger: "MANUAL" as const, actor };
    const queued = await db.syncRun.create({ data: { schoolId: school.id, trigger: "SCHEDULE", mode: "incremental", createdAt: new Date(now.getTime() - 6 * HOUR + 1000) } });

    expect(await requestSync(db, request, now)).toEqual({ runId: queued.id, alreadyRunning: true });
    expect(jobs).toEqual([]);

    const expiry = new Date(queued.createdAt.getTime() + 6 * HOUR);
    const replaced = await requestSync(db, request, expiry);
    expect(replaced.alreadyRunning).toBe(false);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "FAILED", error: DEAD_RUN_MESSAGE, finishedAt: expiry });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: replaced.runId } })).toMatchObject({ schoolId: school.id, status: "QUEUED", trigger: "MANUAL", mode: "full" });
    expect(jobs).toEqual([{ runId: replaced.runId, schoolId: school.id, mode: "full", trigger: "MANUAL", actor }]);
  });

  it("joins a running run only while it holds the school's live lease", async () => {
    const school = await newSchool();
    const request = { schoolId: school.id, mode: "incremental" as const, trigger: "SCHEDULE" as const };
    const running = await db.syncRun.create({ data: { schoolId: school.id, trigger: "MANUAL", mode: "full", status: "RUNNING", startedAt: now } });
    await db.school.update({ where: { id: school.id }, data: { syncLockRunId: running.id, syncLockHeartbeat: now } });
    expect(await requestSync(db, request, now)).toEqual({ runId: running.id, alreadyRunning: true });

    // The lease now belongs to another run (live): this RUNNING row's process is gone.
    const holder = await db.syncRun.create({ data: { schoolId: school.id, trigger: "CLI", mode: "full", status: "SUCCEEDED" } });
    await db.school.update({ where: { id: school.id }, data: { syncLockRunId: holder.id, syncLockHeartbeat: now } });
    const replaced = await requestSync(db, request, now);
    expect(replaced.alreadyRunning).toBe(false);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: running.id } })).toMatchObject({ status: "FAILED", error: DEAD_RUN_MESSAGE });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: replaced.runId } })).toMatchObject({ status: "QUEUED", trigger: "SCHEDULE", mode: "incremental" });
    expect(jobs).toEqual([{ runId: replaced.runId, schoolId: school.id, mode: "incremental", trigger: "SCHEDULE" }]);
  });

  it("joins the newest of the school's queued runs, never another school's, and leaves finished runs alone", async () => {
    const [school, other] = [await newSchool(), await newSchool()];
    await db.syncRun.create({ data: { schoolId: other.id, trigger: "MANUAL", mode: "full", createdAt: now } });
    const finished = await db.syncRun.create({ data: { schoolId: school.id, trigger: "MANUAL", mode: "full", status: "SUCCEEDED", createdAt: now } });
    const request = { schoolId: school.id, mode: "full" as const, trigger: "MANUAL" as const };
    const first = await requestSync(db, request, now);
    expect(first.alreadyRunning).toBe(false);
    expect(first.runId).not.toBe(finished.id);
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: finished.id } })).status).toBe("SUCCEEDED");

    const older = await db.syncRun.create({ data: { schoolId: school.id, trigger: "MANUAL", mode: "full", createdAt: new Date(now.getTime() - HOUR) } });
    // Newer than the run requestSync just made, which the database stamped with the real clock (not `now`).
    const newer = await db.syncRun.create({ data: { schoolId: school.id, trigger: "MANUAL", mode: "full", createdAt: new Date(Math.max(Date.now(), now.getTime()) + 60_000) } });
    expect(await requestSync(db, request, now)).toEqual({ runId: newer.id, alreadyRunning: true });
    expect(older.id).not.toBe(newer.id);
  });

  it("with no queue, runs the job in this process, and logs a sync that could not start", async () => {
    setSyncDispatcher(null);
    try {
      const school = await newSchool({ wondeTokenEnc: null });
      const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
      await requestSync(db, { schoolId: school.id, mode: "full", trigger: "MANUAL" });
      await vi.waitFor(() => expect(logged).toHaveBeenCalled(), { timeout: 30_000, interval: 50 });
      expect(logged).toHaveBeenCalledWith({ schoolId: school.id, err: expect.objectContaining({ message: expect.stringMatching(/not connected to Wonde/) }) }, "Sync failed to start");
    } finally {
      setSyncDispatcher(async (job) => void jobs.push(job));
    }
  });
});

describe("enqueueScheduledSyncs at a planned migration's edges", () => {
  it("watches from the planned day's first instant to exactly 14 days later, only schools connected to Wonde, and returns how many it queued", async () => {
    // The planned day is a date (midnight UTC): schools whose hourly slot is the tick at :00, so
    // they are due at midnight and the watch's edges fall inside their tick (and a daily school,
    // due in the morning, is not).
    const day = new Date("2027-04-12T00:00:00Z");
    const ids = Array.from({ length: 400 }, (_, i) => `queue-edge-${i}`).filter((id) => isDue(id, "hourly", day) && !isDue(id, "daily", day)).slice(0, 6);
    expect(ids).toHaveLength(6);
    const school = (id: string, plannedMigrationOn: Date, wondeTokenEnc: string | null = encryptSecret("demo"), syncSchedule = "off") =>
      db.school.create({ data: { id, name: id, syncSchedule, wondeId: `W-${id}`, wondeTokenEnc, plannedMigrationOn } });
    // Created out of id order: the tick queues them by id.
    const startsToday = await school(ids[3]!, day);
    const startedFortnightAgo = await school(ids[1]!, new Date(day.getTime() - 14 * DAY));
    await school(ids[2]!, new Date(day.getTime() + DAY));
    await school(ids[4]!, day, null);
    // A daily school whose watch ends at this tick: hourly at it, back to its mornings after it.
    const dailyFortnightAgo = await school(ids[0]!, new Date(day.getTime() - 14 * DAY), encryptSecret("demo"), "daily");
    // A daily school whose migration is planned for tomorrow: not watched yet, so not hourly today.
    await school(ids[5]!, new Date(day.getTime() + DAY), encryptSecret("demo"), "daily");

    const queuedAt = async (at: Date) => {
      const before = jobs.length;
      const count = await enqueueScheduledSyncs(db, at);
      const queued = jobs.slice(before);
      expect(count).toBe(queued.length);
      await db.syncRun.updateMany({ where: { status: "QUEUED" }, data: { status: "SUCCEEDED" } });
      return queued.map((job) => job.schoolId);
    };
    expect(await queuedAt(day)).toEqual([startsToday.id, startedFortnightAgo.id, dailyFortnightAgo.id].sort());
    expect(await queuedAt(new Date(day.getTime() + 1))).toEqual([startsToday.id]);
    expect(jobs.every((job) => job.mode === "incremental" && job.trigger === "SCHEDULE")).toBe(true);
  });
});

describe("syncRunStatus", () => {
  it("shows the run asked for or the latest, who started a manual one, and when the school last synced", async () => {
    const school = await newSchool();
    const other = await newSchool();
    const t = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, minutes));
    const run = (data: { trigger: "MANUAL" | "SCHEDULE"; status: "SUCCEEDED" | "FAILED" | "PAUSED" | "RUNNING"; minute: number }, schoolId = school.id) =>
      db.syncRun.create({ data: { schoolId, trigger: data.trigger, mode: "full", status: data.status, createdAt: t(data.minute), finishedAt: data.status === "RUNNING" ? null : t(data.minute + 1) } });
    const outcome = (runId: string, action: string, actorUserId: string | null, actorLabel: string, schoolId = school.id) =>
      db.activityEvent.create({ data: { schoolId, action, subjectType: "SyncRun", subjectId: runId, subjectLabel: "Full sync", actorUserId, actorLabel } });

    const older = await run({ trigger: "MANUAL", status: "SUCCEEDED", minute: 0 });
    const succeeded = await run({ trigger: "MANUAL", status: "SUCCEEDED", minute: 10 });
    const failed = await run({ trigger: "MANUAL", status: "FAILED", minute: 20 });
    const paused = await run({ trigger: "MANUAL", status: "PAUSED", minute: 30 });
    const bySystem = await run({ trigger: "MANUAL", status: "SUCCEEDED", minute: 35 });
    const scheduled = await run({ trigger: "SCHEDULE", status: "SUCCEEDED", minute: 37 });
    const elsewhere = await run({ trigger: "MANUAL", status: "FAILED", minute: 38 });
    await run({ trigger: "MANUAL", status: "SUCCEEDED", minute: 50 }, other.id);
    const latest = await run({ trigger: "SCHEDULE", status: "RUNNING", minute: 40 });
    await outcome(older.id, "Sync Completed", "user-0", "Old Admin");
    await outcome(succeeded.id, "Sync Completed", "user-1", "Ada Admin");
    await outcome(failed.id, "Sync Failed", "user-2", "Bo Admin");
    await outcome(paused.id, "Sync Paused", "user-3", "Cy Admin");
    await outcome(paused.id, "Sync Started", "user-9", "Not An Outcome");
    await outcome(bySystem.id, "Sync Completed", null, "Sync");
    // Only a manual run was started by someone (an applied migration's admin is not who synced).
    await outcome(scheduled.id, "Sync Completed", "user-5", "Applier");
    await outcome(elsewhere.id, "Sync Failed", "user-4", "Subject Elsewhere").then((e) => db.activityEvent.update({ where: { id: e.id }, data: { subjectType: "Person" } }));
    await quarantine(db, school.id, failed.id, "students", [{ endpoint: "students", pageNumber: 1, wondeId: "S1", label: "Doe, Jo", field: "date_of_birth", valueType: "list", reason: "can't be read as a date" }], t(20));

    const status = await syncRunStatus(db, school.id);
    expect(status.run).toMatchObject({ id: latest.id, status: "RUNNING", trigger: "SCHEDULE", startedBy: null });
    expect(status.lastSucceededAt).toEqual(scheduled.finishedAt);
    expect(status.quarantine).toMatchObject({ total: 1, rows: [{ entity: "students", wondeId: "S1", label: "Doe, Jo" }] });

    const startedBy = async (runId: string) => (await syncRunStatus(db, school.id, runId)).run?.startedBy;
    expect((await syncRunStatus(db, school.id, succeeded.id)).run).toMatchObject({ id: succeeded.id, status: "SUCCEEDED", mode: "full", finishedAt: t(11) });
    // What the card shows of a run: when it was asked for and started, its progress and counts, why it failed.
    const progress = { students: { done: 3, total: 4 } };
    const counts = { students: { created: 3, updated: 0, archived: 0, unchanged: 0 } };
    await db.syncRun.update({ where: { id: failed.id }, data: { startedAt: t(20), progress, counts, error: "Wonde answered 500", quarantined: 1 } });
    expect((await syncRunStatus(db, school.id, failed.id)).run).toEqual({
      id: failed.id, trigger: "MANUAL", mode: "full", status: "FAILED", createdAt: t(20), startedAt: t(20), finishedAt: t(21),
      progress, counts, error: "Wonde answered 500", quarantined: 1, startedBy: "Bo Admin",
    });
    expect(await startedBy(succeeded.id)).toBe("Ada Admin");
    expect(await startedBy(failed.id)).toBe("Bo Admin");
    expect(await startedBy(paused.id)).toBe("Cy Admin");
    expect(await startedBy(bySystem.id)).toBeNull();
    expect(await startedBy(scheduled.id)).toBeNull();
    expect(await startedBy(elsewhere.id)).toBeNull();
    // Another school's run is not this school's to show.
    const otherRun = await db.syncRun.findFirstOrThrow({ where: { schoolId: other.id } });
    expect((await syncRunStatus(db, school.id, otherRun.id)).run).toBeNull();
    // A school that never synced successfully.
    expect((await syncRunStatus(db, (await newSchool()).id)).lastSucceededAt).toBeNull();
  });
});

describe("quarantine", () => {
  const record = (wondeId: string | null, label: string | null, field = "date_of_birth") => ({ endpoint: "schools/A1/students", pageNumber: 1, wondeId, label, field, valueType: "list" as const, reason: "can't be read as a date" });

  it("keeps a record's first sighting, updates the rest from the latest run, and files a record without an id under an empty one", async () => {
    const school = await newSchool();
    const first = new Date("2026-12-01T09:00:00Z");
    const later = new Date("2026-12-02T09:00:00Z");
    await quarantine(db, school.id, "run-1", "students", [record("S1", "Doe, Jo"), record(null, null)], first);
    await quarantine(db, school.id, "run-2", "students", [record("S1", "Doe, Joanna", "gender")], later);
    // Another school's quarantine is not this school's to retry.
    const other = await newSchool();
    await quarantine(db, other.id, "run-3", "employees", [record("E1", "Theirs")], later);
    const rows = await db.syncQuarantine.findMany({ where: { schoolId: school.id }, orderBy: { wondeId: "asc" } });
    expect(rows).toMatchObject([
      { entity: "students", wondeId: "", label: null, runId: "run-1", firstSeenAt: first, lastSeenAt: first },
      { entity: "students", wondeId: "S1", endpoint: "schools/A1/students", label: "Doe, Joanna", field: "gender", valueType: "list", reason: "can't be read as a date", runId: "run-2", firstSeenAt: first, lastSeenAt: later },
    ]);
    expect(await quarantinedIds(db, school.id)).toEqual(new Map([["students", new Set(["S1", ""])]]));
  });

  it("releases only the named records of the entity and school; after a full read, all but this run's", async () => {
    const [school, other] = [await newSchool(), await newSchool()];
    const now = new Date("2026-12-01T09:00:00Z");
    for (const id of [school.id, other.id]) {
      await quarantine(db, id, "run-1", "students", [record("S1", "a"), record("S2", "b")], now);
      await quarantine(db, id, "run-1", "employees", [record("S1", "c")], now);
    }
    await release(db, school.id, "students", ["S1"]);
    const left = async (schoolId: string) => (await db.syncQuarantine.findMany({ where: { schoolId }, orderBy: [{ entity: "asc" }, { wondeId: "asc" }] })).map((r) => `${r.entity}/${r.wondeId}`);
    expect(await left(school.id)).toEqual(["employees/S1", "students/S2"]);
    expect(await left(other.id)).toEqual(["employees/S1", "students/S1", "students/S2"]);

    await quarantine(db, school.id, "run-2", "students", [record("S3", "d")], now);
    await releaseAllBut(db, school.id, "students", "run-2");
    expect(await left(school.id)).toEqual(["employees/S1", "students/S3"]);
    expect(await left(other.id)).toEqual(["employees/S1", "students/S1", "students/S2"]);
  });

  it("lists the first 50 by entity, label and id with the total, for the school or one run", async () => {
    const [school, other] = [await newSchool(), await newSchool()];
    const now = new Date("2026-12-01T09:00:00Z");
    const many = Array.from({ length: 53 }, (_, i) => record(`S${String(i).padStart(2, "0")}`, `Pupil ${String(52 - i).padStart(2, "0")}`));
    await quarantine(db, school.id, "run-1", "students", many, now);
    await quarantine(db, school.id, "run-2", "employees", [record("E2", "Same"), record("E1", "Same")], now);
    await quarantine(db, other.id, "run-1", "classes", [record("C1", "Theirs")], now);

    const all = await listQuarantine(db, school.id);
    expect(all.total).toBe(55);
    expect(all.rows).toHaveLength(50);
    expect(all.rows.slice(0, 4).map((r) => `${r.entity}/${r.label}/${r.wondeId}`)).toEqual(["employees/Same/E1", "employees/Same/E2", "students/Pupil 00/S52", "students/Pupil 01/S51"]);
    expect(Object.keys(all.rows[0]!).sort()).toEqual(["entity", "field", "firstSeenAt", "id", "label", "lastSeenAt", "reason", "valueType", "wondeId"]);

    const one = await listQuarantine(db, school.id, "run-2");
    expect(one.total).toBe(2);
    expect(one.rows.map((r) => r.wondeId)).toEqual(["E1", "E2"]);
  });

  it("lists records of one label (a feed missing every name) by id, the same first 50 each time", async () => {
    const school = await newSchool();
    const now = new Date("2026-12-01T09:00:00Z");
    const ids = Array.from({ length: 120 }, (_, i) => `S${String(i).padStart(3, "0")}`);
    await quarantine(db, school.id, "run-1", "students", [...ids].reverse().map((id) => record(id, null)), now);
    const listed = await listQuarantine(db, school.id);
    expect(listed.total).toBe(120);
    expect(listed.rows.map((r) => r.wondeId)).toEqual(ids.slice(0, 50));
  });
});
