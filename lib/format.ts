/** British date-time in the school's timezone, e.g. "23 Nov 2026, 14:05". */
export function formatDateTime(value: Date, timeZone = "Europe/London"): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone }).format(value);
}

/** British date in the school's timezone, e.g. "23 Nov 2026". */
export function formatDate(value: Date, timeZone = "Europe/London"): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }).format(value);
}
