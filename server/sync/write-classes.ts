import { randomUUID } from "node:crypto";
import { contentHash, type MappedClass, type MappedSubject } from "./map";
import { EXTERNAL_ID_COLUMNS, insertRows, updateRows, type ColumnTypes } from "./sql";
import type { EntityCounts, Tx } from "./types";

type GroupRecord = { externalId: string; misId: string | null; fields: { name: string; code: string | null; description: string | null }; hash: string };
type GroupTable = "subject" | "class";

const GROUP_COLUMNS: ColumnTypes = { id: "text", name: "text", code: "text", description: "text", contentHash: "text" };
const TABLE = { class: { name: "Class", columns: { ...GROUP_COLUMNS, subjectId: "text" } }, subject: { name: "Subject", columns: GROUP_COLUMNS } } as const;
const NEW_ROW: ColumnTypes = { schoolId: "text", createdAt: "timestamp(3)", updatedAt: "timestamp(3)" };

/**
 * Subjects and classes share one shape of write: resolve MIS ids through
 * ExternalId, insert the new, bulk-update the changed, skip the unchanged.
 * Returns our id for every MIS id in the batch.
 */
async function writeGroups(tx: Tx, table: GroupTable, schoolId: string, now: Date, records: GroupRecord[], counts: EntityCounts, extra: (r: GroupRecord) => Record<string, unknown> = () => ({})) {
  const known = await tx.externalId.findMany({
    where: { schoolId, source: "wonde", entity: table, externalId: { in: records.map((r) => r.externalId) } },
    select: { externalId: true, classId: true, subjectId: true },
  });
  const ourId = new Map(known.map((k) => [k.externalId, (table === "class" ? k.classId : k.subjectId)!]));
  const existing = new Map<string, { contentHash: string | null; archivedAt: Date | null }>();
  const ids = [...ourId.values()];
  if (ids.length) {
    const rows =
      table === "class"
        ? await tx.class.findMany({ where: { id: { in: ids } }, select: { id: true, contentHash: true, archivedAt: true } })
        : await tx.subject.findMany({ where: { id: { in: ids } }, select: { id: true, contentHash: true, archivedAt: true } });
    for (const row of rows) existing.set(row.id, row);
  }
  const creates: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const externalIds: Record<string, unknown>[] = [];
  const changed = new Set<string>();
  for (const record of records) {
    const id = ourId.get(record.externalId);
    const row = { ...record.fields, ...extra(record), contentHash: record.hash };
    if (!id) {
      const newId = randomUUID();
      ourId.set(record.externalId, newId);
      creates.push({ id: newId, schoolId, createdAt: now, updatedAt: now, ...row });
      externalIds.push({ id: randomUUID(), schoolId, source: "wonde", entity: table, externalId: record.externalId, misId: record.misId, [table === "class" ? "classId" : "subjectId"]: newId, firstSeenAt: now, lastSeenAt: now });
      changed.add(newId);
      counts.created++;
    } else if (existing.get(id)?.contentHash !== record.hash || existing.get(id)?.archivedAt) {
      updates.push({ id, ...row });
      changed.add(id);
      counts.updated++;
    } else counts.unchanged++;
  }
  const { name, columns } = TABLE[table];
  await insertRows(tx, name, { ...columns, ...NEW_ROW }, creates);
  await updateRows(tx, name, columns, updates, { now, columns: ["updatedAt"], nullColumns: ["archivedAt"] });
  await insertRows(tx, "ExternalId", EXTERNAL_ID_COLUMNS, externalIds);
  return { ourId, changed, created: new Set(creates.map((c) => c.id as string)) };
}

export async function writeSubjectsBatch(tx: Tx, schoolId: string, now: Date, subjects: MappedSubject[], counts: EntityCounts) {
  await writeGroups(tx, "subject", schoolId, now, subjects.map((s) => ({ ...s, hash: contentHash(s.fields) })), counts);
}

/** Looks up our ids for the MIS ids of several entities (people, subjects) in one query; one map per entity. */
async function resolveExternal<E extends string>(tx: Tx, schoolId: string, externalIds: Record<E, string[]>): Promise<Record<E, Map<string, string>>> {
  const wanted = Object.entries(externalIds) as [E, string[]][];
  const out = Object.fromEntries(wanted.map(([entity]) => [entity, new Map<string, string>()])) as Record<E, Map<string, string>>;
  const asked = wanted.filter(([, ids]) => ids.length > 0);
  if (asked.length === 0) return out;
  const rows = await tx.externalId.findMany({
    where: { schoolId, source: "wonde", supersededAt: null, OR: asked.map(([entity, ids]) => ({ entity, externalId: { in: [...new Set(ids)] } })) },
    select: { entity: true, externalId: true, personId: true, subjectId: true },
  });
  for (const r of rows) out[r.entity as E].set(r.externalId, (r.personId ?? r.subjectId)!);
  return out;
}

/**
 * Classes with their subject and their staff and pupil links. The links are
 * part of the class's content hash, so they are rewritten only when changed.
 */
export async function writeClassesBatch(tx: Tx, schoolId: string, now: Date, classes: MappedClass[], counts: EntityCounts) {
  const { subject: subjects, employee: staff, student: pupils } = await resolveExternal(tx, schoolId, {
    subject: classes.flatMap((c) => (c.subjectExternalId ? [c.subjectExternalId] : [])),
    employee: classes.flatMap((c) => c.staff?.map((s) => s.externalId) ?? []),
    student: classes.flatMap((c) => c.pupilExternalIds),
  });
  const records = classes.map((c) => {
    const subjectId = c.subjectExternalId ? (subjects.get(c.subjectExternalId) ?? null) : null;
    const staffLinks = c.staff?.flatMap((s) => (staff.has(s.externalId) ? [{ personId: staff.get(s.externalId)!, isMainTeacher: s.isMainTeacher }] : []));
    const pupilIds = c.pupilExternalIds.flatMap((id) => (pupils.has(id) ? [pupils.get(id)!] : []));
    return { ...c, subjectId, staffLinks, pupilIds, hash: contentHash({ fields: c.fields, subjectId, staffLinks, pupilIds }) };
  });
  const byExternal = new Map(records.map((r) => [r.externalId, r]));
  const { ourId, changed, created } = await writeGroups(tx, "class", schoolId, now, records, counts, (r) => ({ subjectId: byExternal.get(r.externalId)!.subjectId }));

  const changedClasses = records.filter((r) => changed.has(ourId.get(r.externalId)!));
  if (changedClasses.length === 0) return;
  // Links are not people: replacing a changed class's links is safe. A new class has none yet.
  const replaced = changedClasses.map((r) => ourId.get(r.externalId)!).filter((id) => !created.has(id));
  if (replaced.length) await tx.classPupil.deleteMany({ where: { classId: { in: replaced } } });
  await insertRows(tx, "ClassPupil", { classId: "text", personId: "text" }, changedClasses.flatMap((r) => [...new Set(r.pupilIds)].map((personId) => ({ classId: ourId.get(r.externalId)!, personId }))));
  const withStaff = changedClasses.filter((r) => r.staffLinks !== undefined);
  if (withStaff.length === 0) return;
  const staffReplaced = withStaff.map((r) => ourId.get(r.externalId)!).filter((id) => !created.has(id));
  if (staffReplaced.length) await tx.classStaff.deleteMany({ where: { classId: { in: staffReplaced } } });
  await insertRows(
    tx,
    "ClassStaff",
    { classId: "text", personId: "text", isMainTeacher: "boolean" },
    withStaff.flatMap((r) => r.staffLinks!.map((s) => ({ classId: ourId.get(r.externalId)!, personId: s.personId, isMainTeacher: s.isMainTeacher }))),
    { ignoreConflicts: true },
  );
  // A teacher of a class teaches its subject.
  const subjectLinks = withStaff.flatMap((r) => (r.subjectId ? r.staffLinks!.map((s) => ({ subjectId: r.subjectId!, personId: s.personId })) : []));
  await insertRows(tx, "SubjectStaff", { subjectId: "text", personId: "text" }, subjectLinks, { ignoreConflicts: true });
}
