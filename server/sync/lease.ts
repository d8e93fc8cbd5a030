import type { Db } from "@/server/db";
import type { Tx } from "./types";

/** A lease older than this was left by a process that died. */
export const STALE_LEASE_MS = 5 * 60_000;

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

/** Takes the school's sync lease for a run, atomically; throws if another live run holds it. */
export async function acquireSyncLease(db: Db, schoolId: string, runId: string, now = new Date()) {
  const { count } = await db.school.updateMany({
    where: { id: schoolId, OR: [{ syncLockRunId: null }, { syncLockRunId: runId }, { syncLockHeartbeat: { lt: new Date(now.getTime() - STALE_LEASE_MS) } }] },
    data: { syncLockRunId: runId, syncLockHeartbeat: now },
  });
  if (count !== 1) throw new SyncAlreadyRunningError();
}

/** Renews the lease inside a batch's transaction, so a batch never commits under a lost lease. */
export async function renewSyncLease(tx: Tx, schoolId: string, runId: string, now = new Date()) {
  const { count } = await tx.school.updateMany({ where: { id: schoolId, syncLockRunId: runId }, data: { syncLockHeartbeat: now } });
  if (count !== 1) throw new SyncLeaseLostError();
}

export async function releaseSyncLease(db: Db, schoolId: string, runId: string) {
  await db.school.updateMany({ where: { id: schoolId, syncLockRunId: runId }, data: { syncLockRunId: null, syncLockHeartbeat: null } });
}
