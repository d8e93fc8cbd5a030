import PgBoss from "pg-boss";
import pg from "pg";
import { isDue, SCHEDULE_TICK_MINUTES, type SyncSchedule } from "@/lib/sync-schedule";
import type { Db } from "@/server/db";
import type { SyncTrigger } from "@/server/generated/prisma/client";
import type { WondeClient } from "@/server/wonde";
import { failDeadRuns, isLeaseStale, SyncAlreadyRunningError } from "./lease";
import { syncSchool, type SyncMode } from "./run";
import { ensureQueue } from "../jobs/ensure-queue";
import { logger } from "../logger";

export const SYNC_QUEUE = "sync-school";
const SCHEDULE_QUEUE = "sync-schedule";

/** A QUEUED run no worker has started in this long is taken to be lost. */
const QUEUED_RUN_EXPIRY_MS = 6 * 3600_000;
/** How often idle workers look for jobs sent by other processes (pg-boss's minimum is 0.5 s). */
const POLLING_INTERVAL_SECONDS = 0.5;

type SyncJob = { runId: string; schoolId: string; mode: SyncMode; trigger: SyncTrigger; actor?: { userId: string; label: string } };

export type SyncRequest = { schoolId: string; mode: SyncMode; trigger: SyncTrigger; actor?: { userId: string; label: string } };

type Dispatcher = (job: SyncJob) => Promise<void>;

/**
 * Where sync jobs go. On PostgreSQL, a pg-boss queue that workers (`npm run
 * worker`, or the web app itself) work, so any process can run any school's
 * sync; on the embedded database (one process by nature) the run starts in-process.
 */
let dispatcher: Dispatcher | null = null;

export function setSyncDispatcher(next: Dispatcher | null) {
  dispatcher = next;
}

/**
 * Asks for a sync. Returns the run the caller can watch: an already queued or
 * running one (a double-clicked "Sync Data" starts nothing twice) or a new one.
 * A run whose process died (its lease went stale) is marked FAILED and replaced.
 */
export async function requestSync(db: Db, request: SyncRequest, now = new Date()): Promise<{ runId: string; alreadyRunning: boolean }> {
  const active = await db.syncRun.findMany({ where: { schoolId: request.schoolId, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" } });
  const school = await db.school.findUniqueOrThrow({ where: { id: request.schoolId }, select: { syncLockRunId: true, syncLockHeartbeat: true } });
  const alive = active.find((run) =>
    run.status === "QUEUED" ? now.getTime() - run.createdAt.getTime() < QUEUED_RUN_EXPIRY_MS : school.syncLockRunId === run.id && !isLeaseStale(school.syncLockHeartbeat, now),
  );
  if (alive) return { runId: alive.id, alreadyRunning: true };
  if (active.length) await failDeadRuns(db, active.map((run) => run.id), now);
  const run = await db.syncRun.create({ data: { schoolId: request.schoolId, trigger: request.trigger, mode: request.mode } });
  const job: SyncJob = { runId: run.id, ...request };
  await (dispatcher ?? inProcess(db))(job);
  return { runId: run.id, alreadyRunning: false };
}

/** Runs the job in this process, in the background: the caller watches the SyncRun row. */
export function inProcess(db: Db, clientFor?: (schoolId: string) => WondeClient | undefined): Dispatcher {
  return async (job) => {
    void runJob(db, job, clientFor).catch((error) => logger.error({ schoolId: job.schoolId, err: error }, "Sync failed to start"));
  };
}

/** Runs a queued job, unless requestSync has since given up on its run. */
async function runJob(db: Db, job: SyncJob, clientFor?: (schoolId: string) => WondeClient | undefined) {
  const run = await db.syncRun.findUnique({ where: { id: job.runId }, select: { status: true } });
  if (run?.status !== "QUEUED") return null;
  try {
    return await syncSchool(db, job.schoolId, { runId: job.runId, mode: job.mode, trigger: job.trigger, actor: job.actor, client: clientFor?.(job.schoolId) });
  } catch (error) {
    // Another live process holds the school: syncSchool has already marked this run FAILED, saying so.
    if (error instanceof SyncAlreadyRunningError) return null;
    throw error;
  }
}

/** A job run on a cron schedule by the processes that schedule (one process per tick: pg-boss's singleton). */
export type ScheduledJob = { name: string; cron: string; run: (now: Date) => Promise<unknown> };

/**
 * Another queue worked alongside the syncs (e.g. apps' back-channel logouts): retried with
 * backoff. `useSender` is given the function that queues a job (null when the queue stops).
 */
export type JobQueue = { name: string; work: (job: unknown) => Promise<unknown>; useSender: (send: ((job: object) => Promise<void>) | null) => void };

export type SyncQueueOptions = {
  /** For tests and benchmarks: a client other than each school's own. */
  clientFor?: (schoolId: string) => WondeClient | undefined;
  /** Schools this process syncs at once; 0 only sends jobs for other processes to run. */
  concurrency: number;
  /** Whether this process also enqueues the scheduled syncs (any number of processes may). */
  schedule?: boolean;
  /** Other scheduled jobs, run alongside the scheduled syncs (e.g. the trusts' token check). */
  scheduledJobs?: ScheduledJob[];
  /** Other queues this process sends to and (with concurrency > 0) works. */
  jobQueues?: JobQueue[];
  /** Told of each job this process finished (for logs). */
  onJobDone?: (job: SyncJob, status: string) => void;
};

/**
 * Starts pg-boss on PostgreSQL: routes requestSync through the queue and works
 * it with `concurrency` schools at once. pg-boss hands each job to one worker
 * (SKIP LOCKED); the school lease keeps one run per school across all of them.
 */
export async function startSyncQueue(db: Db, connectionString: string, options: SyncQueueOptions) {
  const boss = new PgBoss({ connectionString, schema: "pgboss" });
  boss.on("error", (error) => logger.error({ err: error }, "Sync queue error"));
  await boss.start();
  await ensureQueue(boss, SYNC_QUEUE);
  await ensureQueue(boss, SCHEDULE_QUEUE);
  const workerIds: string[] = [];
  const wakeSlots = () => workerIds.forEach((id) => boss.notifyWorker(id));
  setSyncDispatcher(async (job) => {
    await boss.send(SYNC_QUEUE, job, { retryLimit: 0, expireInHours: 6 });
    // Wake every process's idle slots now rather than at their next poll: this process's
    // directly, the others' through PostgreSQL (see listenForJobs).
    wakeSlots();
    await db.$executeRaw`SELECT pg_notify(${JOBS_CHANNEL}, '')`;
  });
  // One pg-boss worker per slot. pg-boss sleeps out the rest of its polling interval after a
  // job that took less than it, so a slot would wait ~0.5 s between short syncs with a queue
  // full of them: each slot wakes itself when its job ends, and wakes its idle siblings when
  // it takes one (there may be more where that came from).
  for (let slot = 0; slot < options.concurrency; slot++) {
    const id = await boss.work<SyncJob>(SYNC_QUEUE, { pollingIntervalSeconds: POLLING_INTERVAL_SECONDS }, async ([job]) => {
      if (!job) return;
      for (const sibling of workerIds) if (sibling !== id) boss.notifyWorker(sibling);
      try {
        const summary = await runJob(db, job.data, options.clientFor);
        options.onJobDone?.(job.data, summary?.status ?? "SKIPPED");
      } finally {
        boss.notifyWorker(id);
      }
    });
    workerIds.push(id);
  }
  for (const queue of options.jobQueues ?? []) {
    await ensureQueue(boss, queue.name);
    if (options.concurrency > 0) await boss.work<object>(queue.name, async ([job]) => void (job && (await queue.work(job.data))));
    queue.useSender(async (job) => void (await boss.send(queue.name, job, { retryLimit: 8, retryDelay: 30, retryBackoff: true })));
  }
  const listener = options.concurrency > 0 ? await listenForJobs(connectionString, wakeSlots) : null;
  if (options.schedule !== false) {
    await boss.schedule(SCHEDULE_QUEUE, `*/${SCHEDULE_TICK_MINUTES} * * * *`, {}, { tz: "Europe/London" });
    await boss.work(SCHEDULE_QUEUE, async () => {
      await enqueueScheduledSyncs(db, new Date());
    });
    for (const job of options.scheduledJobs ?? []) {
      await ensureQueue(boss, job.name);
      await boss.schedule(job.name, job.cron, {}, { tz: "Europe/London" });
      await boss.work(job.name, async () => {
        await job.run(new Date());
      });
    }
  }
  return {
    async stop() {
      setSyncDispatcher(null);
      for (const queue of options.jobQueues ?? []) queue.useSender(null);
      await listener?.end();
      await boss.stop({ graceful: true, wait: true });
    },
  };
}

/** The PostgreSQL channel on which a process that queued a sync wakes the other processes' workers. */
const JOBS_CHANNEL = "staffroom_sync_jobs";

/**
 * LISTENs on JOBS_CHANNEL and calls `wake` for each notification, so a sync queued by the web
 * app starts in a worker process at once rather than at its next poll. Best effort: if the
 * connection drops, polling still finds every job.
 */
async function listenForJobs(connectionString: string, wake: () => void) {
  const client = new pg.Client({ connectionString });
  client.on("error", (error) => logger.warn({ err: error }, "Sync queue listener lost; workers fall back to polling"));
  client.on("notification", wake);
  await client.connect();
  await client.query(`LISTEN ${JOBS_CHANNEL}`);
  return { end: () => client.end().catch(() => undefined) };
}

/** From a school's planned MIS migration day, for this many days, its scheduled syncs run hourly. */
const WATCH_DAYS = 14;

/**
 * Schools due a scheduled sync at this tick: hourly ones at their minute of every hour, daily
 * ones at their minute of the 06:00–07:59 window (UK time; see lib/sync-schedule.ts), and from
 * a school's planned MIS migration day, for WATCH_DAYS, hourly, to catch the move early.
 */
export async function enqueueScheduledSyncs(db: Db, now: Date) {
  const watchFrom = new Date(now.getTime() - WATCH_DAYS * 86_400_000);
  const schools = await db.school.findMany({
    where: { wondeTokenEnc: { not: null }, OR: [{ syncSchedule: { in: ["hourly", "daily"] } }, { plannedMigrationOn: { lte: now, gte: watchFrom } }] },
    select: { id: true, syncSchedule: true, plannedMigrationOn: true },
    orderBy: { id: "asc" },
  });
  const watching = (school: { plannedMigrationOn: Date | null }) => school.plannedMigrationOn !== null && school.plannedMigrationOn <= now && school.plannedMigrationOn >= watchFrom;
  const due = schools.filter((school) => isDue(school.id, watching(school) ? "hourly" : (school.syncSchedule as SyncSchedule), now));
  for (const school of due) await requestSync(db, { schoolId: school.id, mode: "incremental", trigger: "SCHEDULE" }, now);
  return due.length;
}
