import type { Db } from "../db";

/** The run to show: the one asked for, else the school's latest. */
export async function syncRunStatus(db: Db, schoolId: string, runId?: string) {
  const run = await db.syncRun.findFirst({
    where: { schoolId, ...(runId ? { id: runId } : {}) },
    orderBy: { createdAt: "desc" },
    select: { id: true, trigger: true, mode: true, status: true, startedAt: true, finishedAt: true, counts: true, progress: true, error: true, createdAt: true },
  });
  const lastSuccess = await db.syncRun.findFirst({ where: { schoolId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, select: { finishedAt: true } });
  return { run, lastSucceededAt: lastSuccess?.finishedAt ?? null };
}
