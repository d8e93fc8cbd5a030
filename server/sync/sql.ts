import type { Tx } from "./types";

/** Postgres column types of the rows a bulk statement carries. */
export type ColumnTypes = Record<string, string>;

const quote = (name: string) => `"${name}"`;
const recordset = (types: ColumnTypes) => `jsonb_to_recordset($1::jsonb) AS v(${Object.entries(types).map(([c, t]) => `${quote(c)} ${t}`).join(", ")})`;

// Prisma's createMany builds one parameter per value, which costs far more
// than the database's own work for a page of people; these statements send
// the whole batch as a single JSON parameter instead. Table and column names
// always come from code, never from input.

/** INSERT … SELECT FROM jsonb_to_recordset: one statement, one parameter, any number of rows. */
export async function insertRows(tx: Tx, table: string, types: ColumnTypes, rows: Record<string, unknown>[], options: { ignoreConflicts?: boolean } = {}) {
  if (rows.length === 0) return;
  const columns = Object.keys(types).map(quote).join(", ");
  await tx.$executeRawUnsafe(
    `INSERT INTO ${quote(table)} (${columns}) SELECT ${columns} FROM ${recordset(types)}${options.ignoreConflicts ? " ON CONFLICT DO NOTHING" : ""}`,
    JSON.stringify(rows),
  );
}

/** UPDATE … FROM jsonb_to_recordset, matching on "id"; `also` sets further columns to $2 (e.g. "updatedAt"). */
export async function updateRows(tx: Tx, table: string, types: ColumnTypes, rows: Record<string, unknown>[], also: { now: Date; columns: string[]; nullColumns?: string[] }) {
  if (rows.length === 0) return;
  const set = [
    ...Object.keys(types).filter((c) => c !== "id").map((c) => `${quote(c)} = v.${quote(c)}`),
    ...also.columns.map((c) => `${quote(c)} = $2`),
    ...(also.nullColumns ?? []).map((c) => `${quote(c)} = NULL`),
  ];
  await tx.$executeRawUnsafe(`UPDATE ${quote(table)} AS t SET ${set.join(", ")} FROM ${recordset(types)} WHERE t."id" = v."id"`, JSON.stringify(rows), also.now);
}

export const EXTERNAL_ID_COLUMNS: ColumnTypes = {
  id: "text",
  schoolId: "text",
  source: "text",
  entity: "text",
  externalId: "text",
  misId: "text",
  upi: "text",
  personId: "text",
  classId: "text",
  subjectId: "text",
  firstSeenAt: "timestamp(3)",
  lastSeenAt: "timestamp(3)",
};

export const ACTIVITY_COLUMNS: ColumnTypes = {
  id: "text",
  schoolId: "text",
  actorLabel: "text",
  action: "text",
  subjectType: "text",
  subjectId: "text",
  subjectLabel: "text",
  details: "jsonb",
  at: "timestamp(3)",
};
