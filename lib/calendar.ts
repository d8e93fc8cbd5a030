// Real calendar validation for dates typed or put in URLs: "2025-02-30" and "2025-13-01" are
// refused, not rolled over into March or the next year as Date would. Client-safe.
import { Temporal } from "temporal-polyfill";
import { z } from "zod";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const WALL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function parses(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}

/** "YYYY-MM-DD" that exists in the calendar. */
export function isCalendarDate(value: string): boolean {
  return DAY.test(value) && parses(() => Temporal.PlainDate.from(value, { overflow: "reject" }));
}

/** "YYYY-MM-DDTHH:MM" that exists in the calendar and on a 24-hour clock. */
export function isCalendarDateTime(value: string): boolean {
  return WALL_TIME.test(value) && parses(() => Temporal.PlainDateTime.from(value, { overflow: "reject" }));
}

/** A "YYYY-MM-DD" date for schemas (filters, due dates). */
export const calendarDay = z.string().max(10).refine(isCalendarDate, "Use a real date, like 2026-11-23.");
