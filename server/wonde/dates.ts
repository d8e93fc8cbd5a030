/**
 * Wonde date handling.
 *
 * Wonde (a PHP/Carbon backend) serialises dates as
 *   {"date":"2023-07-24 13:05:36.000000","timezone_type":3,"timezone":"UTC"}
 * where `date` is a *wall-clock* time in `timezone` (IANA name for type 3, an
 * abbreviation such as "BST" for type 2, an offset such as "+01:00" for type 1).
 * We turn timestamps into real instants (JS Date) and date-only fields
 * (date_of_birth, admission_date, …) into plain "YYYY-MM-DD" strings, because
 * converting a midnight-local birthday to UTC would shift it to the day before.
 */

export interface WondeDateObject {
  date: string;
  timezone_type?: number | undefined;
  timezone?: string | undefined;
}

const WALL_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

const OFFSET = /^(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})$/i;

/** Abbreviations PHP emits for timezone_type 2. Fixed offsets, in minutes. */
const ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, IST: 60, WEST: 60, CET: 60, CEST: 120,
  EET: 120, EEST: 180, SAST: 120, AWST: 480, ACST: 570, ACDT: 630, AEST: 600,
  AEDT: 660, NZST: 720, NZDT: 780, EST: -300, EDT: -240, CST: -360, CDT: -300,
  MST: -420, MDT: -360, PST: -480, PDT: -420,
};

interface WallTime {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number; ms: number;
  /** Offset written inside the string itself ("…Z", "…+01:00"), in minutes. */
  inlineOffset: number | undefined;
}

export class WondeDateError extends Error {}

function parseWallTime(text: string): WallTime {
  const m = WALL_TIME.exec(text.trim());
  if (!m) throw new WondeDateError(`unrecognised date "${text}"`);
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const wall: WallTime = {
    year: Number(y), month: Number(mo), day: Number(d),
    hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0),
    // Microseconds are truncated: JS Dates hold milliseconds.
    ms: frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0,
    inlineOffset: off === undefined ? undefined : parseOffset(off),
  };
  // Reject impossible calendar values (2023-02-30, 25:00) rather than letting Date roll them over.
  const probe = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second));
  if (
    probe.getUTCFullYear() !== wall.year || probe.getUTCMonth() !== wall.month - 1 ||
    probe.getUTCDate() !== wall.day || probe.getUTCHours() !== wall.hour ||
    probe.getUTCMinutes() !== wall.minute || probe.getUTCSeconds() !== wall.second
  ) {
    throw new WondeDateError(`impossible date "${text}"`);
  }
  return wall;
}

function parseOffset(text: string): number {
  if (text.toUpperCase() === "Z") return 0;
  const m = OFFSET.exec(text);
  if (!m) throw new WondeDateError(`bad UTC offset "${text}"`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

// Intl.DateTimeFormat construction is slow; one formatter per zone is reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-GB", {
        timeZone: zone, hourCycle: "h23",
        year: "numeric", month: "2-digit", day: "2-digit",
        hour: "2-digit", minute: "2-digit", second: "2-digit",
      });
    } catch {
      throw new WondeDateError(`unknown time zone "${zone}"`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC at instant `epochMs`, in milliseconds. */
function zoneOffsetMs(epochMs: number, zone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(zone).formatToParts(new Date(whole))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1,
    parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0,
  );
  return asUtc - whole;
}

const DAY_MS = 86_400_000;

/**
 * The instant at which clocks in `zone` read `wallMs` (wall time encoded as if UTC).
 * Ambiguous times (autumn fall-back) take the earlier instant, and times inside the
 * spring-forward gap are read with the pre-transition offset (01:30 → 02:30 BST),
 * matching PHP's DateTime, which produced the value.
 */
function zonedWallTimeToEpoch(wallMs: number, zone: string): number {
  const before = zoneOffsetMs(wallMs - DAY_MS, zone);
  const candidates = new Set([before, zoneOffsetMs(wallMs, zone), zoneOffsetMs(wallMs + DAY_MS, zone)]);
  let best: number | undefined;
  for (const offset of candidates) {
    const t = wallMs - offset;
    if (zoneOffsetMs(t, zone) === offset && (best === undefined || t < best)) best = t;
  }
  return best ?? wallMs - before;
}

function zoneOffsetMinutes(zone: string): number | undefined {
  const upper = zone.trim().toUpperCase();
  if (upper in ABBREVIATIONS) return ABBREVIATIONS[upper];
  if (OFFSET.test(zone.trim())) return parseOffset(zone.trim());
  return undefined;
}

/** Wall time `text` in `zone` (IANA name, abbreviation or offset) → instant. */
export function wallTimeToInstant(text: string, zone = "UTC"): Date {
  const w = parseWallTime(text);
  const wallMs = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  const fixed = w.inlineOffset ?? zoneOffsetMinutes(zone);
  const epoch = fixed !== undefined ? wallMs - fixed * 60_000 : zonedWallTimeToEpoch(wallMs, zone);
  return new Date(epoch);
}

/** A Wonde date object (or bare date string, read as UTC) → instant. */
export function parseWondeInstant(value: WondeDateObject | string): Date {
  if (typeof value === "string") return wallTimeToInstant(value, "UTC");
  return wallTimeToInstant(value.date, value.timezone ?? "UTC");
}

/**
 * A Wonde date object or string → "YYYY-MM-DD" as written (the wall-clock date in
 * the school's zone). No zone conversion on purpose: a birthday is not an instant.
 */
export function parseWondeDateOnly(value: WondeDateObject | string): string {
  const text = typeof value === "string" ? value : value.date;
  const w = parseWallTime(text);
  return `${String(w.year).padStart(4, "0")}-${pad(w.month)}-${pad(w.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * Date → the filter format Wonde documents ("2016-06-24 00:00:00"), in UTC.
 * Wonde does not document the zone it reads filters in [?]; its own timestamps are
 * UTC (timezone_type 3, "UTC"), so we send UTC. Callers doing incremental syncs
 * should overlap windows a little rather than rely on sub-second precision.
 */
export function formatWondeDateParam(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new RangeError("invalid Date passed as a Wonde filter");
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}
