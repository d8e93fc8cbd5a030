import type { Db } from "../db";
import { listQuarantine } from "./quarantine";

/** The run to show (the one asked for, else the school's latest), and the records the sync is skipping. */
export async function syncRunStatus(db: Db, schoolId: string, runId?: string) {
  const run = await db.syncRun.findFirst({
    where: { schoolId, ...(runId ? { id: runId } : {}) },
    orderBy: { createdAt: "desc" },
    select: { id: true, trigger: true, mode: true, status: true, startedAt: true, finishedAt: true, counts: true, progress: true, error: true, quarantined: true, createdAt: true },
  });
  const lastSuccess = await db.syncRun.findFirst({ where: { schoolId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, select: { finishedAt: true } });
  return { run: run && { ...run, startedBy: run.trigger === "MANUAL" ? await startedBy(db, schoolId, run.id) : null }, lastSucceededAt: lastSuccess?.finishedAt ?? null, quarantine: await listQuarantine(db, schoolId) };
}

/** Who pressed Sync Data: the actor of the run's outcome event (none while it runs). */
async function startedBy(db: Db, schoolId: string, runId: string) {
  const event = await db.activityEvent.findFirst({
    // By action first: the (schoolId, action, at) index keeps this quick in a long log.
    where: { schoolId, action: { in: ["Sync Completed", "Sync Failed", "Sync Paused"] }, subjectType: "SyncRun", subjectId: runId, actorUserId: { not: null } },
    orderBy: { at: "desc" },
    select: { actorLabel: true },
  });
  return event?.actorLabel ?? null;
}
