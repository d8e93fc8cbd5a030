import { forgetSavedLoginsOf } from "@/server/apps/vault/forget";
import { queuePersonEvents } from "@/server/apps/webhooks/events";
import type { Prisma } from "@/server/generated/prisma/client";
import { personLabel } from "./write-people";
import type { Tx } from "./types";

/** Which active MIS ids to archive: these, or all except these. */
type Selector = string[] | { notIn: string[] };

const externalIdFilter = (select: Selector) => (Array.isArray(select) ? { in: select } : { notIn: select.notIn });

/**
 * Archives (never deletes) the people behind the selected MIS ids and logs
 * "User Archived" for each. Returns the archived people's ids.
 */
export async function archivePeople(tx: Tx, schoolId: string, entity: string, select: Selector, now: Date, reason: string): Promise<string[]> {
  if (Array.isArray(select) && select.length === 0) return [];
  const rows = await tx.externalId.findMany({
    where: { schoolId, source: "wonde", entity, supersededAt: null, externalId: externalIdFilter(select), person: { archivedAt: null } },
    select: { personId: true },
  });
  return archivePeopleById(tx, schoolId, [...new Set(rows.flatMap((r) => (r.personId ? [r.personId] : [])))], now, reason);
}

/**
 * Archives these people (if not already), logs "User Archived" for each, deletes their saved
 * passwords and queues user.archived webhooks; returns who was archived.
 */
export async function archivePeopleById(tx: Tx, schoolId: string, personIds: string[], now: Date, reason: string): Promise<string[]> {
  if (personIds.length === 0) return [];
  const people = await tx.person.findMany({ where: { id: { in: personIds }, schoolId, archivedAt: null }, select: { id: true, kind: true, forename: true, surname: true, initials: true } });
  if (people.length === 0) return [];
  await tx.person.updateMany({ where: { id: { in: people.map((p) => p.id) } }, data: { archivedAt: now } });
  const events: Prisma.ActivityEventCreateManyInput[] = people.map((p) => ({
    schoolId,
    actorLabel: "Sync",
    action: "User Archived",
    subjectType: "Person",
    subjectId: p.id,
    subjectLabel: personLabel(p),
    details: { kind: p.kind, reason },
    at: now,
  }));
  await tx.activityEvent.createMany({ data: events });
  const archived = people.map((p) => p.id);
  await forgetSavedLoginsOf(tx, archived);
  await queuePersonEvents(tx, schoolId, { "user.archived": archived }, now);
  return archived;
}

/** Archives classes or subjects behind the selected MIS ids; returns how many. */
export async function archiveGroups(tx: Tx, schoolId: string, entity: "class" | "subject", select: Selector, now: Date): Promise<number> {
  if (Array.isArray(select) && select.length === 0) return 0;
  const rows = await tx.externalId.findMany({
    where: { schoolId, source: "wonde", entity, supersededAt: null, externalId: externalIdFilter(select) },
    select: { classId: true, subjectId: true },
  });
  const ids = rows.map((r) => (entity === "class" ? r.classId : r.subjectId)).filter((id): id is string => !!id);
  if (ids.length === 0) return 0;
  const where = { id: { in: ids }, archivedAt: null };
  const { count } = entity === "class" ? await tx.class.updateMany({ where, data: { archivedAt: now } }) : await tx.subject.updateMany({ where, data: { archivedAt: now } });
  return count;
}

/**
 * Stores pupils' leaving dates ("YYYY-MM-DD") by their current Wonde ids, archived or not.
 * With `keepKnown`, a date already stored wins (a deletion's date is only a fallback for the
 * MIS's own leaving date). Returns how many people changed.
 */
export async function storeLeavingDates(tx: Tx, schoolId: string, dates: ReadonlyMap<string, string>, options: { keepKnown: boolean }): Promise<number> {
  const byDate = new Map<string, string[]>();
  for (const [externalId, date] of dates) byDate.set(date, [...(byDate.get(date) ?? []), externalId]);
  let changed = 0;
  // Pupils leave on a handful of dates (end of term, end of year): one statement per date.
  for (const [date, externalIds] of byDate) {
    const leavingDate = new Date(`${date}T00:00:00Z`);
    const { count } = await tx.person.updateMany({
      where: {
        schoolId,
        kind: "PUPIL",
        externalIds: { some: { source: "wonde", entity: "student", supersededAt: null, externalId: { in: externalIds } } },
        OR: options.keepKnown ? [{ leavingDate: null }] : [{ leavingDate: null }, { leavingDate: { not: leavingDate } }],
      },
      data: { leavingDate },
    });
    changed += count;
  }
  return changed;
}
