import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import type { PersonKindFilter } from "./filters";

/** What the log can be narrowed by; every filter is optional and they combine with AND. */
export type ActivityFilters = {
  /** Events at or after this instant. */
  from?: Date;
  /** Events before this instant (exclusive). */
  to?: Date;
  actions?: string[];
  /** Events about a pupil or a member of staff (details.kind, written by the sync). */
  personKind?: PersonKindFilter;
  /** The actor label exactly as the log shows it. */
  actor?: string;
  /** Case-insensitive substring of the subject, the actor or the action. */
  text?: string;
};

/** Whose log is read: one school, or the schools of a trust its member may see. */
export type SchoolScope = string | readonly string[];

export type ActivityEventRow = {
  id: string;
  schoolId: string | null;
  at: Date;
  action: string;
  actorUserId: string | null;
  actorLabel: string;
  subjectType: string | null;
  subjectId: string | null;
  subjectLabel: string | null;
  details: Prisma.JsonValue | null;
};

export type ActivityPage = { rows: ActivityEventRow[]; nextCursor: string | null };

// ---- Keyset cursor: the last row's (at, id), opaque to callers ----

type Position = { at: Date; id: string };

export function encodeCursor(row: Position): string {
  return Buffer.from(`${row.at.getTime()}:${row.id}`, "utf8").toString("base64url");
}

/** The position a cursor encodes, or null when it is not one of ours. */
export function decodeCursor(cursor: string): Position | null {
  const match = /^(\d{1,15}):([\w-]{1,64})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) return null;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? null : { at, id: match[2]! };
}

// ---- Queries ----

// "at" is timestamp(3) without time zone holding UTC: compare with UTC wall times.
const timestamp = (value: Date) => Prisma.sql`${value.toISOString().slice(0, 23)}::timestamp`;

/** LIKE pattern matching `text` anywhere, with its own % _ \ taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The scope as SQL: one school keeps the plain equality its (schoolId, at, id) index is built for. */
function schoolCondition(scope: SchoolScope): Prisma.Sql {
  if (typeof scope === "string") return Prisma.sql`"schoolId" = ${scope}`;
  return scope.length ? Prisma.sql`"schoolId" IN (${Prisma.join(scope)})` : Prisma.sql`FALSE`;
}

function whereClause(scope: SchoolScope, filters: ActivityFilters, after: Position | null): Prisma.Sql {
  const conditions = [schoolCondition(scope)];
  if (filters.from) conditions.push(Prisma.sql`"at" >= ${timestamp(filters.from)}`);
  if (filters.to) conditions.push(Prisma.sql`"at" < ${timestamp(filters.to)}`);
  if (filters.actions?.length) conditions.push(Prisma.sql`"action" IN (${Prisma.join(filters.actions)})`);
  if (filters.personKind) conditions.push(Prisma.sql`"details"->>'kind' = ${filters.personKind}`);
  if (filters.actor) conditions.push(Prisma.sql`"actorLabel" = ${filters.actor}`);
  if (filters.text) {
    const pattern = containsPattern(filters.text);
    conditions.push(Prisma.sql`("subjectLabel" ILIKE ${pattern} OR "actorLabel" ILIKE ${pattern} OR "action" ILIKE ${pattern})`);
  }
  // A row comparison, so the (schoolId, at DESC, id DESC) index seeks straight to the position.
  if (after) conditions.push(Prisma.sql`("at", "id") < (${timestamp(after.at)}, ${after.id})`);
  return Prisma.join(conditions, " AND ");
}

type ActivityPageInput = ActivityFilters & { cursor?: string | null; limit: number };

/** The SQL of one page (one row more than the limit, to tell whether another page follows). */
export function activityPageSql(scope: SchoolScope, input: ActivityPageInput): Prisma.Sql {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.cursor && !after) throw new RangeError("Not an activity-log cursor.");
  return Prisma.sql`
    SELECT "id", "schoolId", "at", "action", "actorUserId", "actorLabel", "subjectType", "subjectId", "subjectLabel", "details"
    FROM "ActivityEvent"
    WHERE ${whereClause(scope, input, after)}
    ORDER BY "at" DESC, "id" DESC
    LIMIT ${input.limit + 1}`;
}

/**
 * One page of a school's (or a trust's schools') activity, newest first, with keyset pagination on (at, id): pass
 * the previous page's `nextCursor` for the next. Never OFFSET, so page 5,000 costs what
 * page 1 does. Events written in one batch share `at`; the id breaks the tie.
 */
export async function listActivity(db: Db, scope: SchoolScope, input: ActivityPageInput): Promise<ActivityPage> {
  const rows = await db.$queryRaw<ActivityEventRow[]>(activityPageSql(scope, input));
  const more = rows.length > input.limit;
  if (more) rows.pop();
  const last = rows.at(-1);
  return { rows, nextCursor: more && last ? encodeCursor(last) : null };
}

/** Every matching event, newest first, in keyset batches: for exports of any size. */
export async function* activityBatches(db: Db, scope: SchoolScope, filters: ActivityFilters, batchSize = 1000): AsyncGenerator<ActivityEventRow[]> {
  let cursor: string | null = null;
  do {
    const page: ActivityPage = await listActivity(db, scope, { ...filters, cursor, limit: batchSize });
    if (page.rows.length) yield page.rows;
    cursor = page.nextCursor;
  } while (cursor);
}

/** The newest events of one school (the dashboard's card). */
export async function recentActivity(db: Db, schoolId: string, limit: number) {
  return (await listActivity(db, schoolId, { limit })).rows;
}

const byName = (a: string, b: string) => a.localeCompare(b, "en-GB");

/** Actors are offered from this many of the newest events (system actors and recent users). */
const ACTOR_LOOKBACK = 5000;

/**
 * The choices for the filter dropdowns, cheaply at any size: every distinct action (a loose
 * index scan: one index probe per action over (schoolId, action, at)), and the actors of
 * the newest events.
 */
export async function activityFacets(db: Db, scope: SchoolScope): Promise<{ actions: string[]; actors: string[] }> {
  // Across schools: each school's choices (two index probes each), merged.
  if (typeof scope !== "string") {
    const each = await Promise.all(scope.map((schoolId) => activityFacets(db, schoolId)));
    const merged = (key: "actions" | "actors") => [...new Set(each.flatMap((f) => f[key]))].sort(byName);
    return { actions: merged("actions"), actors: merged("actors") };
  }
  const schoolId = scope;
  const [actions, actors] = await Promise.all([
    db.$queryRaw<{ action: string }[]>`
      WITH RECURSIVE found AS (
        (SELECT "action" FROM "ActivityEvent" WHERE "schoolId" = ${schoolId} ORDER BY "action" LIMIT 1)
        UNION ALL
        SELECT (SELECT e."action" FROM "ActivityEvent" e WHERE e."schoolId" = ${schoolId} AND e."action" > found."action" ORDER BY e."action" LIMIT 1)
        FROM found WHERE found."action" IS NOT NULL
      )
      SELECT "action" FROM found WHERE "action" IS NOT NULL`,
    db.$queryRaw<{ actorLabel: string }[]>`
      SELECT DISTINCT "actorLabel" FROM (
        SELECT "actorLabel" FROM "ActivityEvent" WHERE "schoolId" = ${schoolId} ORDER BY "at" DESC, "id" DESC LIMIT ${ACTOR_LOOKBACK}
      ) recent`,
  ]);
  return { actions: actions.map((r) => r.action).sort(byName), actors: actors.map((r) => r.actorLabel).sort(byName) };
}
