import { formatDate } from "@/lib/format";

/** What the migration page and the dashboard both say about a migration. */
type MigrationFacts = { status: string; fromMis: string | null; toMis: string | null; migratedAt: Date | null; detectedAt: Date };

/** Statuses where the school is mid-migration and syncing is paused. */
export const OPEN_STATUSES = ["DETECTED", "PREVIEWED", "APPLYING"] as const;
export const isOpenMigration = (status: string | null | undefined) => (OPEN_STATUSES as readonly string[]).includes(status ?? "");

/** "Your school moved from SIMS to Arbor on 13 Jan 2025." */
export function movedSentence(migration: MigrationFacts, timeZone: string): string {
  const when = formatDate(migration.migratedAt ?? migration.detectedAt, timeZone);
  const from = migration.fromMis ? ` from ${migration.fromMis}` : "";
  const to = migration.toMis ? ` to ${migration.toMis}` : " to a new MIS";
  return `Your school moved${from}${to} on ${when}.`;
}

/** How Staffroom noticed, in words. */
export const DETECTED_BY: Record<string, string> = {
  webhook: "Wonde sent a migration notice",
  "mis-change": "Wonde now reports a different MIS",
  "id-churn": "most Wonde ids changed at once",
};

/** The four outcomes of the preview, as the UI names them. */
export const OUTCOMES = [
  { value: "REVIEW", param: "review", label: "Needs review" },
  { value: "MATCHED", param: "matched", label: "Matched" },
  { value: "NEW", param: "new", label: "New" },
  { value: "ARCHIVE", param: "archive", label: "Will be archived" },
] as const;
export type Outcome = (typeof OUTCOMES)[number]["value"];

export const KINDS = [
  { entity: "student", param: "pupils", label: "Pupils", singular: "Pupil" },
  { entity: "employee", param: "staff", label: "Staff", singular: "Staff" },
] as const;
export type KindKey = "pupils" | "staff";

/** A calendar date in the school's timezone as YYYY-MM-DD, for links to the Activity log's filters. */
export function isoDateInZone(value: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(value);
}

/** "1 person" / "3 people" and friends. */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
}
