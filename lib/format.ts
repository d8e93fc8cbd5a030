/** British date-time in the school's timezone, e.g. "23 Nov 2026, 14:05". */
export function formatDateTime(value: Date, timeZone = "Europe/London"): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone }).format(value);
}

/** British date in the school's timezone, e.g. "23 Nov 2026". */
export function formatDate(value: Date, timeZone = "Europe/London"): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }).format(value);
}

/** A calendar date with no time of day (a date of birth, an admission date), e.g. "3 Sept 2019". */
export function formatCalendarDate(value: Date): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(value);
}
