// The Activity log as CSV: every matching event, streamed in keyset batches so an export of a
// million rows never holds more than one batch in memory.
import type { Db } from "../db";
import { roleAtSchool, seesWholeSchool } from "../schools/access";
import { activityFiltersFromSearchParamsStrictly, PERSON_KIND_LABELS, type ActivityFiltersInput } from "./filters";
import { toActivityEntry, type ActivityEntry } from "./present";
import { activityBatches, type ActivityEventRow, type SchoolScope } from "./queries";
import { dateInZone, resolveActivityFilters, schoolForActivity } from "./service";

type Column = { header: string; value: (entry: ActivityEntry, formatWhen: (at: Date) => string) => string };

const COLUMNS: Column[] = [
  { header: "When", value: (e, when) => when(e.at) },
  { header: "Action", value: (e) => e.action },
  { header: "Subject", value: (e) => e.subjectLabel ?? "" },
  { header: "Subject type", value: (e) => e.subjectType ?? "" },
  { header: "Person kind", value: (e) => (e.personKind ? PERSON_KIND_LABELS[e.personKind] : "") },
  { header: "Details", value: (e) => e.summary },
  { header: "By", value: (e) => e.actorLabel },
  { header: "Event ID", value: (e) => e.id },
];

/**
 * One CSV cell. A value a spreadsheet would run as a formula (starting = + - @, or a tab or
 * carriage return that some read past) gets a leading apostrophe; then RFC 4180 quoting.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (cells: string[]) => `${cells.map(csvCell).join(",")}\r\n`;

/** "23/11/2026 14:05:09" in the school's timezone, a form spreadsheets read as a date. */
function britishDateTime(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone });
  return (at) => format.format(at).replace(",", "");
}

/**
 * The CSV of a school's (or a trust's schools') activity matching the filters, as a byte stream.
 * With `schoolNames` (a trust-wide export) each row starts with its school.
 */
export function activityCsvStream(db: Db, scope: SchoolScope, timeZone: string, input: ActivityFiltersInput, schoolNames?: ReadonlyMap<string, string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const columns: Column[] = schoolNames ? [{ header: "School", value: (e) => (e.schoolId ? (schoolNames.get(e.schoolId) ?? "") : "") }, ...COLUMNS] : COLUMNS;
  const filters = resolveActivityFilters(input, timeZone);
  const when = britishDateTime(timeZone);
  let batches: AsyncGenerator<ActivityEventRow[]> | null = null;
  return new ReadableStream<Uint8Array>({
    // A byte-order mark, so Excel reads the names as UTF-8.
    start: (controller) => controller.enqueue(encoder.encode(`\uFEFF${csvLine(columns.map((c) => c.header))}`)),
    // One batch per pull: the database is read only as fast as the client downloads.
    async pull(controller) {
      batches ??= activityBatches(db, scope, filters);
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((row) => csvLine(columns.map((c) => c.value(toActivityEntry(row), when)))).join("")));
    },
    async cancel() {
      await batches?.return(undefined);
    },
  });
}

/** "oakfield-primary-school": a name as a file name's part. */
export const slug = (name: string, fallback = "school") =>
  name
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-") || fallback;

/** A plain-text answer to a download link (a refusal, with its reason). */
export const textResponse = (status: number, message: string) => new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** A CSV download, never cached. */
export function csvResponse(body: ReadableStream<Uint8Array> | string, filename: string): Response {
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/**
 * GET /api/activity/export?schoolId=…&from=…&action=… for the signed-in `userId`: the same
 * filters as the Activity page, for the same people (the school's admins and its trust's).
 */
export async function activityExportResponse(db: Db, userId: string | null, url: URL, now = new Date()): Promise<Response> {
  const text = textResponse;
  if (!userId) return text(401, "Please sign in.");
  const schoolId = url.searchParams.get("schoolId");
  if (!schoolId || schoolId.length > 100) return text(400, "Which school? The link is missing its schoolId.");
  const parsed = activityFiltersFromSearchParamsStrictly(url.searchParams);
  if ("error" in parsed) return text(400, `The export's filters aren't valid (${parsed.error}). Change them on the Activity page and export again.`);
  if (!seesWholeSchool(await roleAtSchool(db, userId, schoolId))) return text(403, "Only this school's administrators can export the activity log.");
  const school = await schoolForActivity(db, schoolId);
  const filename = `activity-${slug(school.name)}-${dateInZone(now, school.timezone)}.csv`;
  return csvResponse(activityCsvStream(db, schoolId, school.timezone, parsed.filters), filename);
}
