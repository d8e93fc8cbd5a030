import { randomUUID } from "node:crypto";
import { forgetSavedLoginsOf } from "@/server/apps/vault/forget";
import { queuePersonEvents } from "@/server/apps/webhooks/events";
import type { PersonKind } from "@/server/generated/prisma/client";
import { contentHash, type PersonFields } from "./map";
import { ACTIVITY_COLUMNS, EXTERNAL_ID_COLUMNS, insertRows, updateRows, type ColumnTypes } from "./sql";
import type { EntityCounts, Tx } from "./types";

/** One MIS record of a person, mapped, ready to be written. */
export type PersonRecord = {
  externalId: string;
  misId: string | null;
  upi: string | null;
  fields: PersonFields;
  /** False for staff who are no longer current: archived if known, never imported. */
  current: boolean;
};

export type BatchScope = {
  schoolId: string;
  kind: PersonKind;
  /** ExternalId.entity: "student" | "employee". */
  entity: string;
  now: Date;
  /** People already claimed by an id seen in this run: a match rule must not take them again. */
  claimed: Set<string>;
  /** Off when identities were already decided (an applied MIS migration): unknown ids are new people. */
  matchUnknown?: boolean;
};

export type WrittenPerson = { personId: string; externalId: string; created: boolean; archived: boolean };

const PERSON_COLUMNS = {
  title: "text",
  forename: "text",
  surname: "text",
  middleNames: "text",
  legalForename: "text",
  legalSurname: "text",
  initials: "text",
  dateOfBirth: "date",
  email: "text",
  phone: "text",
  address: "jsonb",
  jobTitle: "text",
  teaching: "boolean",
  staffCode: "text",
  teacherNumber: "text",
  photoUrl: "text",
  ncYear: "text",
  upn: "text",
  formerUpn: "text",
  admissionNumber: "text",
  admissionDate: "date",
  leavingDate: "date",
  partTime: "boolean",
} as const satisfies Record<keyof PersonFields, string>;
type Column = keyof typeof PERSON_COLUMNS;

/** A new person row: our id, bookkeeping, and every MIS field (null where not provided). */
const NEW_PERSON_COLUMNS: ColumnTypes = {
  id: "text",
  schoolId: "text",
  kind: '"PersonKind"',
  contentHash: "text",
  lastSyncedAt: "timestamp(3)",
  createdAt: "timestamp(3)",
  updatedAt: "timestamp(3)",
  ...PERSON_COLUMNS,
};

const existingSelect = {
  id: true,
  archivedAt: true,
  contentHash: true,
  ...Object.fromEntries(Object.keys(PERSON_COLUMNS).map((c) => [c, true])),
} as { id: true; archivedAt: true; contentHash: true } & Record<Column, true>;
type Existing = { id: string; archivedAt: Date | null; contentHash: string | null } & Record<Column, unknown>;

export const personLabel = (f: { surname: string; forename: string; initials?: string | null }) =>
  `${f.surname}, ${f.forename}${f.initials ? ` (${f.initials})` : ""}`;

/**
 * Values as we compare them: dates as YYYY-MM-DD, JSON by content. A date column reads back
 * as a Date where the MIS sends "YYYY-MM-DD" text, and a jsonb column reads back with its keys
 * in PostgreSQL's order, not the MIS's: both go through the same canonical hash.
 */
function comparable(column: Column, value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return contentHash(value.toISOString().slice(0, 10));
  return contentHash(value);
}

/**
 * Resolves unknown MIS ids to existing people by the sync's match rules:
 * pupils by UPN then former UPN, staff by work email then staff code; only a
 * single, unclaimed candidate counts (ambiguity creates nobody's match).
 */
async function matchUnknown(tx: Tx, scope: BatchScope, records: PersonRecord[]) {
  const matches = new Map<string, { personId: string; rule: string }>();
  if (records.length === 0) return matches;
  const rules: { rule: string; field: "upn" | "formerUpn" | "email" | "staffCode"; value: (r: PersonRecord) => string | null | undefined }[] =
    scope.kind === "PUPIL"
      ? [
          { rule: "UPN", field: "upn", value: (r) => r.fields.upn },
          { rule: "former UPN", field: "upn", value: (r) => r.fields.formerUpn },
          { rule: "former UPN", field: "formerUpn", value: (r) => r.fields.upn },
        ]
      : [
          { rule: "work email", field: "email", value: (r) => r.fields.email },
          { rule: "staff code", field: "staffCode", value: (r) => r.fields.staffCode },
        ];
  // One query fetches every candidate of every rule; the rules then apply in order, in memory.
  const wanted = rules.flatMap(({ field, value }) => {
    const values = [...new Set(records.flatMap((r) => value(r) || []))];
    return values.length ? [{ [field]: { in: values } }] : [];
  });
  if (wanted.length === 0) return matches;
  const candidates = (await tx.person.findMany({
    where: { schoolId: scope.schoolId, kind: scope.kind, OR: wanted },
    select: { id: true, ...Object.fromEntries(rules.map((r) => [r.field, true])) },
  })) as unknown as ({ id: string } & Record<string, string | null>)[];
  const unclaimed = candidates.filter((c) => !scope.claimed.has(c.id));
  const taken = new Set<string>();
  for (const { rule, field, value } of rules) {
    const byValue = new Map<string, string[]>();
    for (const c of unclaimed) if (c[field]) byValue.set(c[field], [...(byValue.get(c[field]) ?? []), c.id]);
    for (const r of records) {
      if (matches.has(r.externalId) || !value(r)) continue;
      const ids = byValue.get(value(r)!) ?? [];
      if (ids.length === 1 && !taken.has(ids[0]!)) {
        matches.set(r.externalId, { personId: ids[0]!, rule });
        taken.add(ids[0]!);
      }
    }
  }
  return matches;
}

/**
 * Writes one page of people in the caller's transaction with a fixed number
 * of statements, whatever the page size: lookups, one insert of new people,
 * one bulk update of changed ones, one insert of new MIS ids and one insert of
 * activity events. Unchanged records are not written at all.
 */
export async function writePeopleBatch(tx: Tx, scope: BatchScope, records: PersonRecord[], counts: EntityCounts): Promise<WrittenPerson[]> {
  const known = await tx.externalId.findMany({
    where: { schoolId: scope.schoolId, source: "wonde", entity: scope.entity, externalId: { in: records.map((r) => r.externalId) } },
    select: { externalId: true, supersededAt: true, personId: true },
  });
  const personByExternal = new Map(known.filter((k) => k.personId).map((k) => [k.externalId, k.personId!]));
  const unknown = records.filter((r) => !personByExternal.has(r.externalId) && r.current);
  const matches = scope.matchUnknown === false ? new Map<string, { personId: string; rule: string }>() : await matchUnknown(tx, scope, unknown);
  for (const [externalId, m] of matches) personByExternal.set(externalId, m.personId);

  const existing = new Map<string, Existing>();
  const personIds = [...new Set(personByExternal.values())];
  if (personIds.length) {
    const rows = (await tx.person.findMany({ where: { id: { in: personIds } }, select: existingSelect })) as unknown as Existing[];
    for (const row of rows) existing.set(row.id, row);
  }

  const creates: Record<string, unknown>[] = [];
  const updates: { id: string; fields: PersonFields; hash: string }[] = [];
  const archives: string[] = [];
  const newExternalIds: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  const written: WrittenPerson[] = [];
  const event = (action: string, personId: string, label: string, details: Record<string, unknown>) =>
    events.push({ id: randomUUID(), schoolId: scope.schoolId, actorLabel: "Sync", action, subjectType: "Person", subjectId: personId, subjectLabel: label, details, at: scope.now });
  const externalIdRow = (record: PersonRecord, personId: string) => ({
    id: randomUUID(),
    schoolId: scope.schoolId,
    source: "wonde",
    entity: scope.entity,
    externalId: record.externalId,
    misId: record.misId,
    upi: record.upi,
    personId,
    firstSeenAt: scope.now,
    lastSeenAt: scope.now,
  });

  for (const record of records) {
    const personId = personByExternal.get(record.externalId);
    const person = personId ? existing.get(personId) : undefined;
    const label = personLabel(record.fields);
    if (!record.current) {
      if (person && !person.archivedAt) {
        archives.push(person.id);
        counts.archived++;
        event("User Archived", person.id, label, { kind: scope.kind, reason: "no longer current in the MIS" });
        written.push({ personId: person.id, externalId: record.externalId, created: false, archived: true });
      }
      continue;
    }
    const hash = contentHash(record.fields);
    if (!person) {
      const id = randomUUID();
      creates.push({ ...record.fields, id, schoolId: scope.schoolId, kind: scope.kind, contentHash: hash, lastSyncedAt: scope.now, createdAt: scope.now, updatedAt: scope.now });
      newExternalIds.push(externalIdRow(record, id));
      counts.created++;
      event("User Created", id, label, { kind: scope.kind });
      scope.claimed.add(id);
      written.push({ personId: id, externalId: record.externalId, created: true, archived: false });
      continue;
    }
    scope.claimed.add(person.id);
    const match = matches.get(record.externalId);
    if (match) {
      newExternalIds.push(externalIdRow(record, person.id));
      event("User Matched", person.id, label, { kind: scope.kind, rule: match.rule, reason: `Same ${match.rule} as the existing record` });
    }
    written.push({ personId: person.id, externalId: record.externalId, created: false, archived: false });
    if (person.contentHash === hash && !person.archivedAt) {
      counts.unchanged++;
      continue;
    }
    const changed = (Object.keys(PERSON_COLUMNS) as Column[]).filter(
      (c) => record.fields[c] !== undefined && comparable(c, record.fields[c]) !== comparable(c, person[c]),
    );
    updates.push({ id: person.id, fields: record.fields, hash });
    counts.updated++;
    event(person.archivedAt ? "User Restored" : "User Updated", person.id, label, { kind: scope.kind, changed });
  }

  await insertRows(tx, "Person", NEW_PERSON_COLUMNS, creates);
  if (updates.length) await bulkUpdatePeople(tx, updates, scope.now);
  if (archives.length) await tx.person.updateMany({ where: { id: { in: archives } }, data: { archivedAt: scope.now } });
  if (matches.size) {
    // The person's earlier MIS ids stay as history, marked superseded.
    await tx.externalId.updateMany({
      where: { schoolId: scope.schoolId, entity: scope.entity, personId: { in: [...matches.values()].map((m) => m.personId) }, supersededAt: null },
      data: { supersededAt: scope.now },
    });
  }
  await insertRows(tx, "ExternalId", EXTERNAL_ID_COLUMNS, newExternalIds);
  await insertRows(tx, "ActivityEvent", ACTIVITY_COLUMNS, events);
  await forgetSavedLoginsOf(tx, archives);
  await queuePersonEvents(tx, scope.schoolId, { "user.created": creates.map((c) => c.id as string), "user.updated": updates.map((u) => u.id), "user.archived": archives }, scope.now);
  return written;
}

/** One UPDATE for the whole batch, of the fields this school's MIS provides. */
async function bulkUpdatePeople(tx: Tx, updates: { id: string; fields: PersonFields; hash: string }[], now: Date) {
  // A school's records all carry the same set of provided fields.
  const columns = (Object.keys(PERSON_COLUMNS) as Column[]).filter((c) => updates.some((u) => u.fields[c] !== undefined));
  const types: ColumnTypes = { id: "text", contentHash: "text", ...Object.fromEntries(columns.map((c) => [c, PERSON_COLUMNS[c]])) };
  const rows = updates.map((u) => ({ id: u.id, contentHash: u.hash, ...Object.fromEntries(columns.map((c) => [c, u.fields[c] ?? null])) }));
  await updateRows(tx, "Person", types, rows, { now, columns: ["lastSyncedAt", "updatedAt"], nullColumns: ["archivedAt"] });
}
