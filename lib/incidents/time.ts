// The incident form speaks the school's wall-clock time ("2026-11-23T14:05" in Europe/London);
// the database stores instants. Client-safe.
import { Temporal } from "temporal-polyfill";
import { isCalendarDateTime } from "../calendar";

/** A real date and time, "YYYY-MM-DDTHH:MM" ("2025-02-30T10:00" and "T25:61" are not). */
export function isWallTime(value: string): boolean {
  return isCalendarDateTime(value);
}

/**
 * "2026-06-01T09:30" in the school's zone → the instant. A time the clocks skip in spring is
 * read as after the change (01:30 → 02:30 BST), one they pass twice in autumn as the first.
 */
export function wallTimeToDate(value: string, timeZone = "Europe/London"): Date {
  if (!isWallTime(value)) throw new RangeError(`Not a date and time: ${value}`);
  return new Date(Temporal.PlainDateTime.from(value, { overflow: "reject" }).toZonedDateTime(timeZone, { disambiguation: "compatible" }).epochMilliseconds);
}

/** The instant as the school's wall-clock "YYYY-MM-DDTHH:MM" (for datetime-local inputs). */
export function dateToWallTime(instant: Date, timeZone = "Europe/London"): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDateTime().toString({ smallestUnit: "minute" });
}
