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

export type QuarantinedRecord = SyncStatus["quarantine"]["rows"][number];

/** A run that succeeded but skipped records it could not read: "Synced with warnings". */
export const hasWarnings = (run: SyncRun | null | undefined) => run?.status === "SUCCEEDED" && run.quarantined > 0;

const RECORD_KIND: Record<string, string> = {
  students: "Pupil",
  "students-leaver": "Leaver",
  employees: "Staff member",
  classes: "Class",
  subjects: "Subject",
  deletions: "Deletion",
};

const TYPE_NAME: Record<string, string> = { text: "text", number: "a number", boolean: "true/false", object: "an object", list: "a list", null: "empty", missing: "missing" };

/** "education_details.data.part_time" → "part time". */
const fieldName = (path: string) => (path.split(".").filter((p) => p !== "data").at(-1) ?? path).replace(/\[\d*\]/g, "").replace(/_/g, " ");

/**
 * A skipped record in plain English, e.g. 'Pupil "Bennett, Safa" (Wonde id A19…): its part time
 * is text, which can't be read as yes or no.'
 */
export function describeQuarantined(record: QuarantinedRecord): string {
  const who = `${RECORD_KIND[record.entity] ?? "Record"}${record.label ? ` "${record.label}"` : ""}${record.wondeId ? ` (Wonde id ${record.wondeId})` : ""}`;
  const value = TYPE_NAME[record.valueType] ?? record.valueType;
  const reason = record.reason.replace(/^can't be read as /, "which can't be read as ").replace(/^has /, "so it has ").replace(/^is /, "and is ");
  return `${who}: its ${fieldName(record.field)} is ${value}, ${reason}.`;
}

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
