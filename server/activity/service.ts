// The Activity page's service: filters as the page and the export send them (calendar dates in
// the school's timezone) → the queries, and rows → what the log shows.
import type { Db } from "../db";
import { wallTimeToInstant } from "../wonde/dates";
import type { ActivityFiltersInput } from "./filters";
import { toActivityEntry } from "./present";
import { activityFacets, listActivity, type ActivityFilters, type SchoolScope } from "./queries";

/** The day after a "YYYY-MM-DD" date. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The calendar date ("YYYY-MM-DD") of an instant in a timezone. */
export function dateInZone(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(instant);
}

/** Whole days in the school's timezone: `from` from its midnight, `to` up to the next midnight. */
export function resolveActivityFilters(input: ActivityFiltersInput, timeZone: string): ActivityFilters {
  return {
    from: input.from ? wallTimeToInstant(input.from, timeZone) : undefined,
    to: input.to ? wallTimeToInstant(nextDay(input.to), timeZone) : undefined,
    actions: input.actions,
    personKind: input.kind,
    actor: input.actor,
    text: input.q,
  };
}

export async function schoolForActivity(db: Db, schoolId: string) {
  return db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { name: true, timezone: true } });
}

type ActivityPageRequest = ActivityFiltersInput & { cursor?: string | null; limit: number };

/** One page of the log over a scope, its calendar dates read in `timeZone`. */
export async function activityPage(db: Db, scope: SchoolScope, timeZone: string, input: ActivityPageRequest) {
  const page = await listActivity(db, scope, { ...resolveActivityFilters(input, timeZone), cursor: input.cursor, limit: input.limit });
  return { rows: page.rows.map(toActivityEntry), nextCursor: page.nextCursor };
}

/** One page of the log as the Activity page shows it. */
export async function searchActivity(db: Db, schoolId: string, input: ActivityPageRequest) {
  const { timezone } = await schoolForActivity(db, schoolId);
  return activityPage(db, schoolId, timezone, input);
}

/**
 * The filter dropdowns' choices, and the date of the school's latest MIS migration (when it
 * moved, else when we noticed) for the "since the migration date" shortcut. Cancelled
 * migrations (a false alarm) don't count.
 */
export async function activityFilterOptions(db: Db, schoolId: string) {
  const [facets, school, migration] = await Promise.all([
    activityFacets(db, schoolId),
    schoolForActivity(db, schoolId),
    db.misMigration.findFirst({
      where: { schoolId, status: { not: "CANCELLED" } },
      orderBy: { detectedAt: "desc" },
      select: { migratedAt: true, detectedAt: true },
    }),
  ]);
  const migratedAt = migration ? (migration.migratedAt ?? migration.detectedAt) : null;
  return { ...facets, migrationDate: migratedAt ? dateInZone(migratedAt, school.timezone) : null };
}
