// Patterns in the book: per person, place, type, hour of the day and day of the week, and who
// is "frequent" (at or above the school's threshold within its period).
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { INCIDENT_TYPES, TYPE_LABELS } from "@/lib/incidents/labels";
import { wallTimeToDate } from "@/lib/incidents/time";
import { formatPersonName } from "@/lib/person-name";
import { yearGroupLabel } from "@/lib/year-group";
import { getIncidentSettings } from "./settings";

export type PatternsInput = { schoolId: string; from: string; to: string; type?: (typeof INCIDENT_TYPES)[number] };
/** The charts' scope: one school, or a trust's schools (dates read in `timeZone`, theirs). */
export type PatternsScope = { schoolIds: readonly string[]; timeZone: string; from: string; to: string; type?: (typeof INCIDENT_TYPES)[number] };

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The first instant of `from` and the instant after `to`, as calendar days in the timezone. */
function periodBounds(scope: { timeZone: string; from: string; to: string }) {
  const from = wallTimeToDate(`${scope.from}T00:00`, scope.timeZone);
  const to = new Date(wallTimeToDate(`${scope.to}T00:00`, scope.timeZone).getTime() + 24 * 3_600_000);
  return { from, to };
}

function scopeSql(scope: PatternsScope) {
  const { from, to } = periodBounds(scope);
  const typeFilter = scope.type ? Prisma.sql`AND i."type" = ${scope.type}::"IncidentType"` : Prisma.empty;
  const schools = scope.schoolIds.length ? Prisma.sql`i."schoolId" IN (${Prisma.join([...scope.schoolIds])})` : Prisma.sql`FALSE`;
  return Prisma.sql`${schools} AND i."occurredAt" >= ${from} AND i."occurredAt" < ${to} ${typeFilter}`;
}

/** The charts: by type, place (by name, so one "Playground" across schools), hour, weekday and week, and per school. */
export async function patternCharts(db: Db, input: PatternsScope) {
  const scope = scopeSql(input);
  const local = Prisma.sql`(i."occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE ${input.timeZone}`;
  const [byType, byLocation, byHour, byWeekday, byWeek, bySchool] = await Promise.all([
    db.$queryRaw<{ type: string; count: number }[]>`SELECT i."type"::text AS "type", count(*)::int AS "count" FROM "Incident" i WHERE ${scope} GROUP BY 1`,
    db.$queryRaw<{ name: string | null; count: number }[]>`
      SELECT l."name", count(*)::int AS "count" FROM "Incident" i LEFT JOIN "IncidentLocation" l ON l."id" = i."locationId"
      WHERE ${scope} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15`,
    db.$queryRaw<{ hour: number; count: number }[]>`SELECT extract(hour FROM ${local})::int AS "hour", count(*)::int AS "count" FROM "Incident" i WHERE ${scope} GROUP BY 1`,
    db.$queryRaw<{ dow: number; count: number }[]>`SELECT extract(isodow FROM ${local})::int AS "dow", count(*)::int AS "count" FROM "Incident" i WHERE ${scope} GROUP BY 1`,
    db.$queryRaw<{ week: string; count: number }[]>`SELECT to_char(date_trunc('week', ${local}), 'YYYY-MM-DD') AS "week", count(*)::int AS "count" FROM "Incident" i WHERE ${scope} GROUP BY 1 ORDER BY 1`,
    db.$queryRaw<{ schoolId: string; count: number }[]>`SELECT i."schoolId", count(*)::int AS "count" FROM "Incident" i WHERE ${scope} GROUP BY 1`,
  ]);
  const typeCounts = new Map(byType.map((r) => [r.type, r.count]));
  const hourCounts = new Map(byHour.map((r) => [r.hour, r.count]));
  const dayCounts = new Map(byWeekday.map((r) => [r.dow, r.count]));
  return {
    total: bySchool.reduce((sum, r) => sum + r.count, 0),
    bySchool,
    byType: INCIDENT_TYPES.map((type) => ({ type, label: TYPE_LABELS[type], count: typeCounts.get(type) ?? 0 })),
    byLocation: byLocation.map((r) => ({ location: r.name ?? "Other (described)", count: r.count })),
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour: `${String(hour).padStart(2, "0")}:00`, count: hourCounts.get(hour) ?? 0 })),
    byWeekday: WEEKDAYS.map((day, i) => ({ day, count: dayCounts.get(i + 1) ?? 0 })),
    byWeek: byWeek.map((r) => ({ week: r.week, count: r.count })),
  };
}

/** One school's patterns: the charts, and the people involved most often with the "frequent" flag. */
export async function incidentPatterns(db: Db, input: PatternsInput) {
  const school = await db.school.findUniqueOrThrow({ where: { id: input.schoolId }, select: { timezone: true } });
  const patternsScope: PatternsScope = { schoolIds: [input.schoolId], timeZone: school.timezone, from: input.from, to: input.to, type: input.type };
  const scope = scopeSql(patternsScope);
  const { to } = periodBounds(patternsScope);
  const settings = await getIncidentSettings(db, input.schoolId);
  const frequentSince = new Date(Math.min(to.getTime(), Date.now()) - settings.frequentDays * 24 * 3_600_000);

  const [charts, people] = await Promise.all([
    patternCharts(db, patternsScope),
    db.$queryRaw<{ personId: string; count: number; recent: number; forename: string; surname: string; initials: string | null; kind: string; ncYear: string | null; jobTitle: string | null }[]>`
      SELECT p."id" AS "personId", count(*)::int AS "count",
             count(*) FILTER (WHERE i."occurredAt" >= ${frequentSince})::int AS "recent",
             p."forename", p."surname", p."initials", p."kind"::text AS "kind", p."ncYear", p."jobTitle"
      FROM "Incident" i JOIN "IncidentPerson" a ON a."incidentId" = i."id" JOIN "Person" p ON p."id" = a."personId"
      WHERE ${scope} GROUP BY p."id" ORDER BY 2 DESC, p."surname", p."forename" LIMIT 25`,
  ]);

  return {
    ...charts,
    settings,
    people: people.map((p) => ({
      personId: p.personId,
      label: formatPersonName(p),
      secondary: p.kind === "PUPIL" ? yearGroupLabel(p.ncYear) : (p.jobTitle ?? "Staff"),
      count: p.count,
      recent: p.recent,
      frequent: p.recent >= settings.frequentThreshold,
    })),
  };
}

/** One person's incidents, newest first (their history on the Patterns tab). */
export async function personHistory(db: Db, schoolId: string, personId: string) {
  const person = await db.person.findFirst({ where: { id: personId, OR: [{ schoolId }, { incidentsAffected: { some: { incident: { schoolId } } } }] }, select: { id: true, forename: true, surname: true, initials: true, kind: true, ncYear: true, jobTitle: true } });
  const rows = await db.incidentPerson.findMany({
    where: { personId, incident: { schoolId } },
    orderBy: { incident: { occurredAt: "desc" } },
    take: 200,
    select: { injury: true, bodyPart: true, incident: { select: { id: true, number: true, occurredAt: true, type: true, severity: true, status: true, location: { select: { name: true } }, locationDetail: true } } },
  });
  return {
    person: person ? { id: person.id, label: formatPersonName(person), secondary: person.kind === "PUPIL" ? yearGroupLabel(person.ncYear) : (person.jobTitle ?? "Staff") } : null,
    incidents: rows.map((r) => ({ ...r.incident, injury: r.injury, bodyPart: r.bodyPart })),
  };
}
