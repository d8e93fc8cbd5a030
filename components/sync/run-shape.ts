import type { RouterOutputs } from "@/lib/router-types";

export type SyncStatus = RouterOutputs["sync"]["status"];
export type SyncRun = NonNullable<SyncStatus["run"]>;

/** The lists a sync reads, in the order it reads them, as the UI names them. */
export const SYNC_ENTITIES = [
  { key: "subjects", label: "Subjects" },
  { key: "employees", label: "Staff" },
  { key: "students", label: "Pupils" },
  { key: "classes", label: "Classes" },
] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number]["key"];

export type EntityProgress = { done: number; total: number | null };
export type EntityCounts = { created: number; updated: number; archived: number; unchanged: number };

export const isActive = (run: SyncRun | null | undefined) => run?.status === "QUEUED" || run?.status === "RUNNING";

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const asCount = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : 0);

/** The run's per-list progress (stored as JSON), with anything missing as "not started". */
export function readProgress(run: SyncRun): Record<SyncEntity, EntityProgress | null> {
  const progress = asRecord(run.progress);
  return Object.fromEntries(
    SYNC_ENTITIES.map(({ key }) => {
      const entry = progress[key];
      if (!entry) return [key, null];
      const { done, total } = asRecord(entry);
      return [key, { done: asCount(done), total: typeof total === "number" ? total : null }];
    }),
  ) as Record<SyncEntity, EntityProgress | null>;
}

/** The run's per-list outcome counts (stored as JSON). */
export function readCounts(run: SyncRun): Record<SyncEntity, EntityCounts> {
  const counts = asRecord(run.counts);
  return Object.fromEntries(
    SYNC_ENTITIES.map(({ key }) => {
      const entry = asRecord(counts[key]);
      return [key, { created: asCount(entry.created), updated: asCount(entry.updated), archived: asCount(entry.archived), unchanged: asCount(entry.unchanged) }];
    }),
  ) as Record<SyncEntity, EntityCounts>;
}

/** "Staff: 2 new, 3 updated, 1 left" — one line per list, for the toast. */
export function summariseCounts(run: SyncRun): string {
  const counts = readCounts(run);
  return SYNC_ENTITIES.map(({ key, label }) => {
    const c = counts[key];
    const parts = [c.created && `${c.created} new`, c.updated && `${c.updated} updated`, c.archived && `${c.archived} archived`].filter(Boolean);
    return `${label}: ${parts.length ? parts.join(", ") : "no changes"}`;
  }).join(" · ");
}
