import type { Db } from "@/server/db";
import type { UnreadableRecord } from "@/server/wonde/validate";
import type { EntityName, Tx } from "./types";

/**
 * Records the sync could not read are quarantined: skipped, kept here with where and why,
 * retried by every later run, and released once a run reads them (or they leave Wonde).
 */
export type QuarantineEntity = EntityName | "students-leaver" | "deletions";

/** The school's quarantined Wonde ids, per entity: what a run must retry. */
export async function quarantinedIds(db: Db, schoolId: string): Promise<Map<QuarantineEntity, Set<string>>> {
  const rows = await db.syncQuarantine.findMany({ where: { schoolId }, select: { entity: true, wondeId: true } });
  const out = new Map<QuarantineEntity, Set<string>>();
  for (const row of rows) {
    const entity = row.entity as QuarantineEntity;
    if (!out.has(entity)) out.set(entity, new Set());
    out.get(entity)!.add(row.wondeId);
  }
  return out;
}

/** Puts (or keeps) these records in quarantine for this run. */
export async function quarantine(tx: Tx, schoolId: string, runId: string, entity: QuarantineEntity, records: readonly UnreadableRecord[], now: Date) {
  for (const r of records) {
    const fields = { endpoint: r.endpoint, label: r.label, field: r.field, valueType: r.valueType, reason: r.reason, runId, lastSeenAt: now };
    const wondeId = r.wondeId ?? "";
    await tx.syncQuarantine.upsert({
      where: { schoolId_entity_wondeId: { schoolId, entity, wondeId } },
      create: { schoolId, entity, wondeId, firstSeenAt: now, ...fields },
      update: fields,
    });
  }
}

/** Releases these records: a run read them, or Wonde no longer has them. */
export async function release(tx: Tx | Db, schoolId: string, entity: QuarantineEntity, wondeIds: readonly string[]) {
  if (wondeIds.length) await tx.syncQuarantine.deleteMany({ where: { schoolId, entity, wondeId: { in: [...wondeIds] } } });
}

/** After a full read of an entity: whatever this run did not quarantine again is gone or fixed. */
export async function releaseAllBut(tx: Tx | Db, schoolId: string, entity: QuarantineEntity, runId: string) {
  await tx.syncQuarantine.deleteMany({ where: { schoolId, entity, runId: { not: runId } } });
}

const QUARANTINE_LIST_LIMIT = 50;

/** What the Staff page and a run's detail list: the school's quarantined records (or one run's). */
export async function listQuarantine(db: Db, schoolId: string, runId?: string) {
  const where = { schoolId, ...(runId ? { runId } : {}) };
  const [rows, total] = await Promise.all([
    db.syncQuarantine.findMany({
      where,
      orderBy: [{ entity: "asc" }, { label: "asc" }, { wondeId: "asc" }],
      take: QUARANTINE_LIST_LIMIT,
      select: { id: true, entity: true, wondeId: true, label: true, field: true, valueType: true, reason: true, firstSeenAt: true, lastSeenAt: true },
    }),
    db.syncQuarantine.count({ where }),
  ]);
  return { rows, total };
}
