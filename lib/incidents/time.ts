// The incident form speaks the school's wall-clock time ("2026-11-23T14:05" in Europe/London);
// the database stores instants. Client-safe.

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function parts(instant: Date, timeZone: string) {
  const values = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(instant)
      .filter((p) => p.type !== "literal")
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<"year" | "month" | "day" | "hour" | "minute" | "second", number>;
  return values;
}

/** Minutes the zone is ahead of UTC at that instant (60 in British Summer Time). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000) / 60_000;
}

export function isWallTime(value: string): boolean {
  return WALL_TIME.test(value);
}

/** "2026-06-01T09:30" in the school's zone → the instant. */
export function wallTimeToDate(value: string, timeZone = "Europe/London"): Date {
  const m = WALL_TIME.exec(value);
  if (!m) throw new RangeError(`Not a date and time: ${value}`);
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // Two passes settle the offset across a clock change.
  let instant = asUtc - offsetMinutes(new Date(asUtc), timeZone) * 60_000;
  instant = asUtc - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}

/** The instant as the school's wall-clock "YYYY-MM-DDTHH:MM" (for datetime-local inputs). */
export function dateToWallTime(instant: Date, timeZone = "Europe/London"): string {
  const p = parts(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
