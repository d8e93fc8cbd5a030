// When a school's scheduled sync runs. Each school has a fixed slot derived from its id, so
// a trust's schools are spread over the window instead of all asking Wonde at 06:00. Pure
// (no Node APIs): the queue decides with it, and the dashboard shows the next sync with it.

export type SyncSchedule = "off" | "hourly" | "daily";

/** The schedule ticks this often; each school is due at one tick of its window. */
export const SCHEDULE_TICK_MINUTES = 5;
/** Daily syncs are spread over 06:00–07:59 UK time. */
export const DAILY_WINDOW = { fromHour: 6, minutes: 120 };
const TIME_ZONE = "Europe/London";

/** A school's minute in a window of `minutes`: fixed per school, spread evenly over many (FNV-1a of its id). */
export function slotMinute(schoolId: string, minutes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < schoolId.length; i++) hash = Math.imul(hash ^ schoolId.charCodeAt(i), 0x01000193) >>> 0;
  return hash % minutes;
}

const tick = (minute: number) => Math.floor(minute / SCHEDULE_TICK_MINUTES);

// Made once: nextScheduledSync reads the clock at up to 312 ticks per school, and building a
// DateTimeFormat costs far more than using one (it was most of the trust dashboard's time).
const UK_CLOCK = new Intl.DateTimeFormat("en-GB", { hour: "numeric", minute: "numeric", hourCycle: "h23", timeZone: TIME_ZONE });

function ukClock(at: Date): { hour: number; minute: number } {
  const parts = Object.fromEntries(UK_CLOCK.formatToParts(at).map((p) => [p.type, p.value]));
  return { hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** Whether the school's scheduled sync is due at the tick that contains `at`. */
export function isDue(schoolId: string, schedule: SyncSchedule, at: Date): boolean {
  if (schedule === "off") return false;
  const { hour, minute } = ukClock(at);
  const [into, minutes] = schedule === "hourly" ? [minute, 60] : [(hour - DAILY_WINDOW.fromHour) * 60 + minute, DAILY_WINDOW.minutes];
  return into >= 0 && into < minutes && tick(slotMinute(schoolId, minutes)) === tick(into);
}

/** The start of the next tick at which the school's scheduled sync is due, or null when off. */
export function nextScheduledSync(schoolId: string, schedule: SyncSchedule, from = new Date()): Date | null {
  if (schedule === "off") return null;
  const step = SCHEDULE_TICK_MINUTES * 60_000;
  const first = Math.floor(from.getTime() / step) * step + step;
  // UK time is a whole number of hours off UTC, so the school is only ever due at one tick of
  // the hour: find that tick, then try it hour by hour (26 clock reads, not 312).
  const tickOfHour = tick(slotMinute(schoolId, schedule === "hourly" ? 60 : DAILY_WINDOW.minutes) % 60);
  let at = first;
  while (tick(new Date(at).getUTCMinutes()) !== tickOfHour) at += step;
  for (; at < first + 26 * 3600_000; at += 3600_000) if (isDue(schoolId, schedule, new Date(at))) return new Date(at);
  return null;
}
