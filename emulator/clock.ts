/**
 * Time inside the emulator. All instants are whole seconds since the Unix epoch (UTC). The
 * emulator's clock starts at a fixed instant and moves only when advanced, so generated data
 * and responses never depend on when the emulator happens to run.
 */

export const DAY = 86_400;

/** 2025-01-13 08:00:00 UTC: a Monday in the spring term of academic year 2024/25. */
export const DEFAULT_START = Date.UTC(2025, 0, 13, 8, 0, 0) / 1000;

export class Clock {
  constructor(public now: number = DEFAULT_START) {}

  advance(seconds: number): number {
    if (!Number.isFinite(seconds) || seconds < 0) throw new Error("time only moves forward");
    this.now += Math.floor(seconds);
    return this.now;
  }
}

/** Wonde's date object: `{"date":"2023-07-24 13:05:36.000000","timezone_type":3,"timezone":"UTC"}`. */
export interface WondeDate {
  date: string;
  timezone_type: 3;
  timezone: "UTC";
}

/** "YYYY-MM-DD HH:MM:SS" for an instant (via toISOString, the fastest formatter V8 has). */
export function formatInstant(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

export function wondeDate(seconds: number | null): WondeDate | null {
  if (seconds === null) return null;
  return { date: `${formatInstant(seconds)}.000000`, timezone_type: 3, timezone: "UTC" };
}

/** Midnight UTC of a calendar date (month 1-12). */
export function dateOnly(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 1000;
}

export function yearOf(seconds: number): number {
  return new Date(seconds * 1000).getUTCFullYear();
}

/** The calendar year in which the academic year containing `seconds` began (Sept–Aug). */
export function academicYearStart(seconds: number): number {
  const d = new Date(seconds * 1000);
  return d.getUTCMonth() >= 8 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}

/**
 * Parses Wonde's filter format, `2016-06-24 00:00:00` (a bare date is accepted too, as Laravel
 * would). Returns null when the text is not such a date, so the caller can answer 422.
 */
export function parseFilterDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  // Reject 2024-02-31 and 25:00:00 rather than letting Date roll them over.
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    back.getUTCHours() !== hour ||
    back.getUTCMinutes() !== minute ||
    back.getUTCSeconds() !== second
  ) {
    return null;
  }
  return ms / 1000;
}
