/**
 * startSyncQueue's options, in one process: how a sync job is sent, what a worker reports of
 * each job (including the runs it skips), the other job queues and scheduled jobs it runs, and
 * what stopping it undoes. pg-boss's own tables show what was sent and scheduled.
 */
import PgBoss from "pg-boss";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isDue } from "@/lib/sync-schedule";
import { encryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { requestSync, startSyncQueue, type JobQueue } from "@/server/sync/queue";
import { connectedSchool, emulatorClient, smallSchools, startEmulator, type RunningEmulator } from "../helpers/sync";

const SCHOOLS = smallSchools(3, 20);
const url = () => process.env.DATABASE_URL!;

const jobsIn = (name: string) =>
  db.$queryRawUnsafe<{ state: string; data: { runId?: string }; retryLimit: number; retryDelay: number; retryBackoff: boolean; expireSeconds: number }[]>(
    `SELECT state, data, retry_limit AS "retryLimit", retry_delay AS "retryDelay", retry_backoff AS "retryBackoff", EXTRACT(EPOCH FROM expire_in)::int AS "expireSeconds" FROM pgboss.job WHERE name = $1 ORDER BY created_on`,
    name,
  );
/** Sessions listening for other processes' sync jobs (a worker's listener, by its LISTEN). */
const listeners = async () =>
  (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN staffroom_sync_jobs'`))[0]!.n;
const schedules = () => db.$queryRawUnsafe<{ name: string; cron: string; timezone: string }[]>(`SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name`).catch(() => []);

describe("the sync queue's options", { timeout: 180_000 }, () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "queue-options", schools: SCHOOLS });
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("sends each sync once, never retried, expiring after six hours; a worker reports each job, skipping a run given up on or another's school", async () => {
    const [school, busy] = [await connectedSchool(db, SCHOOLS[0]!.id), await connectedSchool(db, SCHOOLS[1]!.id)];
    const abandoned = await db.school.create({ data: { name: "Abandoned", wondeId: "A7999999999", wondeTokenEnc: encryptSecret("demo") } });

    // A job of another queue, waiting before the web process starts.
    const early = new PgBoss({ connectionString: url(), schema: "pgboss" });
    await early.start();
    await early.createQueue("test-waiting");
    await early.send("test-waiting", { sessionId: "s-0" });
    await early.stop({ graceful: false, wait: true });
    const workedByWeb: unknown[] = [];
    const waiting: JobQueue = { name: "test-waiting", work: async (job) => void workedByWeb.push(job), useSender: () => undefined };
    // Another process, listening where a process that queues a sync wakes the workers.
    const notified: string[] = [];
    const watcher = new pg.Client({ connectionString: url() });
    await watcher.connect();
    watcher.on("notification", (message) => void notified.push(message.channel));
    await watcher.query(`LISTEN "staffroom_sync_jobs"`);

    // A web process that only queues: it schedules nothing, works nothing, and listens for nothing.
    const web = await startSyncQueue(db, url(), { concurrency: 0, schedule: false, jobQueues: [waiting] });
    const requested: string[] = [];
    try {
      expect(await listeners()).toBe(0);
      for (const id of [school.id, abandoned.id, busy.id]) requested.push((await requestSync(db, { schoolId: id, mode: "full", trigger: "MANUAL" })).runId);
      // Each sync sent wakes the other processes' workers.
      await vi.waitFor(() => expect(notified).toEqual(["staffroom_sync_jobs", "staffroom_sync_jobs", "staffroom_sync_jobs"]), { timeout: 30_000, interval: 50 });
    } finally {
      await web.stop();
      await watcher.end();
    }
    expect(await schedules()).toEqual([]);
    expect(workedByWeb).toEqual([]);
    expect((await jobsIn("test-waiting")).map((j) => j.state)).toEqual(["created"]);
    const [wanted, givenUp, blocked] = requested.map((runId) => ({ runId })) as [{ runId: string }, { runId: string }, { runId: string }];
    const sent = await jobsIn("sync-school");
    expect(sent.map((j) => [j.state, j.data.runId, j.retryLimit, j.expireSeconds])).toEqual([wanted, givenUp, blocked].map((r) => ["created", r.runId, 0, 6 * 3600]));

    // Before a worker takes them: one run is given up on, another school is held by a live run.
    await db.syncRun.update({ where: { id: givenUp.runId }, data: { status: "FAILED", finishedAt: new Date() } });
    const holder = await db.syncRun.create({ data: { schoolId: busy.id, trigger: "CLI", mode: "full", status: "SUCCEEDED" } });
    await db.school.update({ where: { id: busy.id }, data: { syncLockRunId: holder.id, syncLockHeartbeat: new Date(Date.now() + 3600_000) } });

    const done: [string, string][] = [];
    const worker = await startSyncQueue(db, url(), { concurrency: 1, schedule: false, clientFor: () => emulatorClient(emulator), onJobDone: (job, status) => void done.push([job.runId, status]) });
    try {
      // A process that works syncs listens for the ones other processes send.
      expect(await listeners()).toBe(1);
      await vi.waitFor(() => expect(done).toHaveLength(3), { timeout: 150_000, interval: 100 });
    } finally {
      await worker.stop();
    }
    // Stopped, it has closed its listener's connection.
    await vi.waitFor(async () => expect(await listeners()).toBe(0), { timeout: 15_000, interval: 100 });
    expect(new Map(done)).toEqual(
      new Map([
        [wanted.runId, "SUCCEEDED"],
        [givenUp.runId, "SKIPPED"],
        [blocked.runId, "SKIPPED"],
      ]),
    );
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: blocked.runId } })).toMatchObject({ status: "FAILED", error: "A sync of this school is already running. Wait for it to finish." });
    expect((await jobsIn("sync-school")).map((j) => j.state)).toEqual(["completed", "completed", "completed"]);

    // Stopped, the queue no longer takes requests: the next one starts in this process.
    const logged = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    try {
      await db.school.update({ where: { id: abandoned.id }, data: { wondeTokenEnc: null } });
      await requestSync(db, { schoolId: abandoned.id, mode: "full", trigger: "MANUAL" });
      await vi.waitFor(() => expect(logged).toHaveBeenCalledWith(expect.objectContaining({ schoolId: abandoned.id }), "Sync failed to start"), { timeout: 30_000, interval: 50 });
      expect(await jobsIn("sync-school")).toHaveLength(3);
    } finally {
      logged.mockRestore();
    }
  });

  it("works another queue with retries and backoff, hands it a sender until stopped, and runs the scheduled jobs on their crons", async () => {
    const received: unknown[] = [];
    const senders: (((job: object) => Promise<void>) | null)[] = [];
    const logouts: JobQueue = { name: "test-logouts", work: async (job) => void received.push(job), useSender: (send) => void senders.push(send) };
    const ran: Date[] = [];
    // Two schools, due at this tick and the next, so whichever tick the scheduled sync runs in finds one.
    const now = new Date();
    const nextTick = new Date(now.getTime() + 5 * 60_000);
    const ids = Array.from({ length: 600 }, (_, i) => `tick-${i}`);
    const dueNow = ids.find((id) => isDue(id, "hourly", now))!;
    const dueNext = ids.find((id) => isDue(id, "hourly", nextTick))!;
    for (const id of [dueNow, dueNext]) await db.school.create({ data: { id, name: id, wondeId: `W-${id}`, wondeTokenEnc: encryptSecret("demo"), syncSchedule: "hourly" } });

    const queue = await startSyncQueue(db, url(), {
      concurrency: 1,
      clientFor: () => emulatorClient(emulator),
      jobQueues: [logouts],
      scheduledJobs: [{ name: "test-nightly", cron: "0 3 * * *", run: async (at) => void ran.push(at) }],
    });
    const other = new PgBoss({ connectionString: url(), schema: "pgboss" });
    await other.start();
    try {
      expect(senders).toHaveLength(1);
      await senders[0]!({ sessionId: "s-1" });
      await vi.waitFor(() => expect(received).toEqual([{ sessionId: "s-1" }]), { timeout: 60_000, interval: 100 });
      expect((await jobsIn("test-logouts")).map((j) => [j.retryLimit, j.retryDelay, j.retryBackoff])).toEqual([[8, 30, true]]);

      expect(await schedules()).toEqual([
        { name: "sync-schedule", cron: "*/5 * * * *", timezone: "Europe/London" },
        { name: "test-nightly", cron: "0 3 * * *", timezone: "Europe/London" },
      ]);
      // What the cron would send, sent now.
      const before = Date.now();
      await other.send("test-nightly", {});
      await vi.waitFor(() => expect(ran).toHaveLength(1), { timeout: 60_000, interval: 100 });
      expect(ran[0]!.getTime()).toBeGreaterThanOrEqual(before);
      await other.send("sync-schedule", {});
      await vi.waitFor(async () => expect(await db.syncRun.count({ where: { schoolId: { in: [dueNow, dueNext] }, trigger: "SCHEDULE" } })).toBe(1), { timeout: 60_000, interval: 100 });
    } finally {
      await other.stop({ graceful: false, wait: true });
      await queue.stop();
    }
    expect(senders).toEqual([senders[0], null]);
  });

  it("stopping a worker lets the sync it is running finish: the run succeeds and its job completes", async () => {
    const school = await connectedSchool(db, SCHOOLS[2]!.id);
    // Wonde answers slowly, so the sync is still reading when the worker is told to stop.
    emulator.state.setFaults([{ kind: "delay", delayMs: 1500, path: "/students" }]);
    const worker = await startSyncQueue(db, url(), { concurrency: 1, schedule: false, clientFor: () => emulatorClient(emulator) });
    let stopped = false;
    try {
      const { runId } = await requestSync(db, { schoolId: school.id, mode: "full", trigger: "MANUAL" });
      // Taken by the worker (RUNNING: it waits on Wonde for 1.5 s per page of pupils).
      await vi.waitFor(async () => expect((await db.syncRun.findUniqueOrThrow({ where: { id: runId } })).status).not.toBe("QUEUED"), { timeout: 60_000, interval: 50 });
      await worker.stop();
      stopped = true;
      expect(await db.syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "SUCCEEDED", error: null });
      expect((await jobsIn("sync-school")).filter((j) => j.data.runId === runId).map((j) => j.state)).toEqual(["completed"]);
    } finally {
      emulator.state.setFaults([]);
      if (!stopped) await worker.stop();
    }
  });
});
