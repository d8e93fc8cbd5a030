import type { Db } from "@/server/db";
import { env } from "@/server/env";
import type { Tx } from "./types";

/** A lease whose heartbeat is older than this was left by a process that died (SYNC_LEASE_STALE_SECONDS). */
export const STALE_LEASE_MS = env.SYNC_LEASE_STALE_SECONDS * 1000;

/** What a run left behind by a dead process says, once the next sync of its school takes over. */
export const DEAD_RUN_MESSAGE = "The server stopped during this sync.";

export class SyncAlreadyRunningError extends Error {
  readonly userMessage = "A sync of this school is already running. Wait for it to finish.";
  constructor() {
    super("A sync of this school is already running");
  }
}

export class SyncLeaseLostError extends Error {
  constructor() {
    super("Another process took over this school's sync");
  }
}

export function isLeaseStale(heartbeat: Date | null, now = new Date()): boolean {
  return !heartbeat || heartbeat.getTime() < now.getTime() - STALE_LEASE_MS;
}

/**
 * Takes the school's sync lease for a run; throws if another live run holds
 * it. A stale lease is taken over, and the run that held it is marked FAILED:
 * its process died, so nothing else will ever finish it.
 */
export async function acquireSyncLease(db: Db, schoolId: string, runId: string, now = new Date()) {
  await db.$transaction(async (tx) => {
    // Locked, so two processes taking over the same stale lease queue here and the second sees the first's.
    const [school] = await tx.$queryRaw<{ syncLockRunId: string | null; syncLockHeartbeat: Date | null }[]>`
      SELECT "syncLockRunId", "syncLockHeartbeat" FROM "School" WHERE "id" = ${schoolId} FOR UPDATE`;
    if (!school) throw new Error(`School ${schoolId} not found`);
    const holder = school.syncLockRunId;
    if (holder && holder !== runId && !isLeaseStale(school.syncLockHeartbeat, now)) throw new SyncAlreadyRunningError();
    await tx.school.update({ where: { id: schoolId }, data: { syncLockRunId: runId, syncLockHeartbeat: now } });
    if (holder && holder !== runId) await failDeadRuns(tx, [holder], now);
  });
}

/** Marks runs whose process died as FAILED (only if still unfinished). */
export async function failDeadRuns(tx: Tx, runIds: string[], now = new Date()) {
  await tx.syncRun.updateMany({ where: { id: { in: runIds }, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", finishedAt: now, error: DEAD_RUN_MESSAGE } });
}

/**
 * Renews the lease inside a batch's transaction, so a batch never commits under a lost lease;
 * with `run`, also records the run's progress and counts, in the same statement (one round trip
 * a page, not two).
 */
export async function renewSyncLease(tx: Tx, schoolId: string, runId: string, now = new Date(), run?: { progress: unknown; counts: unknown }) {
  const progress = run ? JSON.stringify(run.progress) : null;
  const counts = run ? JSON.stringify(run.counts) : null;
  const [{ renewed }] = await tx.$queryRaw<[{ renewed: number }]>`
    WITH lease AS (
      UPDATE "School" SET "syncLockHeartbeat" = ${now}, "updatedAt" = ${now} WHERE "id" = ${schoolId} AND "syncLockRunId" = ${runId} RETURNING 1
    ), run AS (
      UPDATE "SyncRun" SET "progress" = ${progress}::jsonb, "counts" = ${counts}::jsonb
      WHERE "id" = ${runId} AND ${progress}::jsonb IS NOT NULL AND EXISTS (SELECT 1 FROM lease)
    )
    SELECT count(*)::int AS renewed FROM lease`;
  if (renewed !== 1) throw new SyncLeaseLostError();
}

/**
 * Beats the lease's heart between batches too (a slow Wonde page or a long
 * Retry-After must not look like a dead process). Returns the stop function.
 */
export function keepSyncLeaseAlive(db: Db, schoolId: string, runId: string): () => void {
  const every = Math.min(30_000, Math.max(100, STALE_LEASE_MS / 3));
  const timer = setInterval(() => {
    // A lost lease is noticed by the next batch's renewSyncLease; nothing to do here.
    db.school.updateMany({ where: { id: schoolId, syncLockRunId: runId }, data: { syncLockHeartbeat: new Date() } }).catch(() => undefined);
  }, every);
  timer.unref();
  return () => clearInterval(timer);
}

export async function releaseSyncLease(db: Db, schoolId: string, runId: string) {
  await db.school.updateMany({ where: { id: schoolId, syncLockRunId: runId }, data: { syncLockRunId: null, syncLockHeartbeat: null } });
}
