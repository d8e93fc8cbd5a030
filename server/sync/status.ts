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
  return { run, lastSucceededAt: lastSuccess?.finishedAt ?? null, quarantine: await listQuarantine(db, schoolId) };
}
