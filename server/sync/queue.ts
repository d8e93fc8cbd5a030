import PgBoss from "pg-boss";
import type { Db } from "@/server/db";
import type { SyncTrigger } from "@/server/generated/prisma/client";
import type { WondeClient } from "@/server/wonde";
import { syncSchool, type SyncMode } from "./run";

export const SYNC_QUEUE = "sync-school";
const SCHEDULE_QUEUE = "sync-schedule";

type SyncJob = { runId: string; schoolId: string; mode: SyncMode; trigger: SyncTrigger; actor?: { userId: string; label: string } };

export type SyncRequest = { schoolId: string; mode: SyncMode; trigger: SyncTrigger; actor?: { userId: string; label: string } };

type Dispatcher = (job: SyncJob) => Promise<void>;

/**
 * Where sync jobs go. On PostgreSQL, a pg-boss queue that every app instance
 * works, so any instance can run any school's sync; on the embedded database
 * (one process by nature) the run starts in-process.
 */
let dispatcher: Dispatcher | null = null;

export function setSyncDispatcher(next: Dispatcher | null) {
  dispatcher = next;
}

/**
 * Asks for a sync. Returns the run the caller can watch: an already queued or
 * running one (a double-clicked "Sync Data" starts nothing twice) or a new one.
 */
export async function requestSync(db: Db, request: SyncRequest): Promise<{ runId: string; alreadyRunning: boolean }> {
  const active = await db.syncRun.findFirst({ where: { schoolId: request.schoolId, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" } });
  const school = await db.school.findUniqueOrThrow({ where: { id: request.schoolId }, select: { syncLockRunId: true } });
  // A QUEUED/RUNNING row whose process died holds no lease: don't wait on it.
  if (active && (active.status === "QUEUED" || school.syncLockRunId === active.id)) return { runId: active.id, alreadyRunning: true };
  if (active) await db.syncRun.update({ where: { id: active.id }, data: { status: "FAILED", finishedAt: new Date(), error: "The sync was interrupted." } });
  const run = await db.syncRun.create({ data: { schoolId: request.schoolId, trigger: request.trigger, mode: request.mode } });
  const job: SyncJob = { runId: run.id, ...request };
  await (dispatcher ?? inProcess(db))(job);
  return { runId: run.id, alreadyRunning: false };
}

/** Runs the job in this process, in the background: the caller watches the SyncRun row. */
export function inProcess(db: Db, clientFor?: (schoolId: string) => WondeClient | undefined): Dispatcher {
  return async (job) => {
    void syncSchool(db, job.schoolId, { runId: job.runId, mode: job.mode, trigger: job.trigger, actor: job.actor, client: clientFor?.(job.schoolId) }).catch((error) =>
      console.error(`Sync of school ${job.schoolId} failed to start:`, error),
    );
  };
}

/**
 * Starts pg-boss on PostgreSQL: routes requestSync through the queue, works
 * it (one job at a time per instance; the school lease keeps one run per
 * school across instances), and schedules the daily/hourly syncs.
 */
export async function startSyncQueue(db: Db, connectionString: string, options: { clientFor?: (schoolId: string) => WondeClient | undefined } = {}) {
  const boss = new PgBoss({ connectionString, schema: "pgboss" });
  boss.on("error", (error) => console.error("Sync queue error:", error));
  await boss.start();
  await boss.createQueue(SYNC_QUEUE);
  await boss.createQueue(SCHEDULE_QUEUE);
  setSyncDispatcher(async (job) => {
    await boss.send(SYNC_QUEUE, job, { singletonKey: job.schoolId, retryLimit: 0 });
  });
  await boss.work<SyncJob>(SYNC_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const { runId, schoolId, mode, trigger, actor } = job.data;
    await syncSchool(db, schoolId, { runId, mode, trigger, actor, client: options.clientFor?.(schoolId) });
  });
  // Every hour, each school whose schedule is due gets an incremental sync.
  await boss.schedule(SCHEDULE_QUEUE, "0 * * * *", {}, { tz: "Europe/London" });
  await boss.work(SCHEDULE_QUEUE, async () => {
    await enqueueScheduledSyncs(db, new Date());
  });
  return {
    async stop() {
      setSyncDispatcher(null);
      await boss.stop({ graceful: true, wait: true });
    },
  };
}

/** From a school's planned MIS migration day, for this many days, scheduled syncs run hourly. */
const WATCH_DAYS = 14;

/**
 * Schools due a scheduled sync: hourly ones every hour, daily ones at 06:00 UK time, and
 * every hour from a school's planned MIS migration day for WATCH_DAYS, to catch the move early.
 */
export async function enqueueScheduledSyncs(db: Db, now: Date) {
  const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone: "Europe/London" }).format(now));
  const schedules = hour === 6 ? ["hourly", "daily"] : ["hourly"];
  const watchFrom = new Date(now.getTime() - WATCH_DAYS * 86_400_000);
  const schools = await db.school.findMany({
    where: { wondeTokenEnc: { not: null }, OR: [{ syncSchedule: { in: schedules } }, { plannedMigrationOn: { lte: now, gte: watchFrom } }] },
    select: { id: true },
  });
  for (const school of schools) await requestSync(db, { schoolId: school.id, mode: "incremental", trigger: "SCHEDULE" });
  return schools.length;
}
