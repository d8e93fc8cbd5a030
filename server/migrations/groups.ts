import { randomUUID } from "node:crypto";
import type { Prisma } from "@/server/generated/prisma/client";
import type { Db } from "@/server/db";
import { EXTERNAL_ID_COLUMNS, insertRows } from "@/server/sync/sql";
import type { WondeClient } from "@/server/wonde";

type Group = { id: string; name: string; code: string | null };
type Incoming = { externalId: string; misId: string | null; name: string; code: string | null };
export type GroupEntity = "class" | "subject";

/** New MIS ids that take over an existing class or subject at apply. */
export type GroupMatch = { entity: GroupEntity; externalId: string; misId: string | null; id: string };
/** What the preview says about classes and subjects. */
export type GroupSummary = { matched: number; created: string[]; archived: string[] };
export type GroupsSummary = { classes: GroupSummary; subjects: GroupSummary };

const norm = (v: string | null | undefined) => v?.trim().toLowerCase() || null;

/** A rule's key for a group; only keys held by exactly one group on each side match. */
type KeyOf = (g: { name: string; code: string | null }) => string | null;
// Classes by name and code together, then by name; subjects by code, then by name.
const RULES: Record<GroupEntity, KeyOf[]> = {
  class: [(g) => (norm(g.code) ? `${norm(g.name)}|${norm(g.code)}` : null), (g) => norm(g.name)],
  subject: [(g) => norm(g.code), (g) => norm(g.name)],
};

/** Pairs the new MIS's classes (or subjects) with ours, unambiguous keys only. */
export function matchGroups(entity: GroupEntity, incoming: Incoming[], existing: Group[]) {
  const matches: GroupMatch[] = [];
  const taken = new Set<string>();
  let pending = incoming;
  for (const key of RULES[entity]) {
    const count = <T extends { name: string; code: string | null }>(items: T[]) => {
      const byKey = new Map<string, T[]>();
      for (const item of items) {
        const k = key(item);
        if (k) byKey.set(k, [...(byKey.get(k) ?? []), item]);
      }
      return byKey;
    };
    const ours = count(existing.filter((g) => !taken.has(g.id)));
    const theirs = count(pending);
    pending = pending.filter((record) => {
      const k = key(record);
      const candidates = k ? ours.get(k) : undefined;
      if (!k || candidates?.length !== 1 || theirs.get(k)!.length !== 1) return true;
      matches.push({ entity, externalId: record.externalId, misId: record.misId, id: candidates[0]!.id });
      taken.add(candidates[0]!.id);
      return false;
    });
  }
  const label = (g: { name: string; code: string | null }) => (g.code && norm(g.code) !== norm(g.name) ? `${g.name} (${g.code})` : g.name);
  const summary: GroupSummary = { matched: matches.length, created: pending.map(label), archived: existing.filter((g) => !taken.has(g.id)).map(label) };
  return { matches, summary };
}

const NOTHING: GroupSummary = { matched: 0, created: [], archived: [] };

/**
 * Reads the new MIS's classes and subjects and pairs them with the school's current ones.
 * If Wonde won't list them, the preview still works: they are then re-created under new ids.
 */
export async function previewGroups(db: Db, schoolId: string, client: WondeClient, wondeId: string) {
  return pairGroups(db, schoolId, client, wondeId).catch((error: unknown) => {
    console.error(`Classes and subjects could not be read for the migration preview of school ${schoolId}:`, error);
    return { matches: [] as GroupMatch[], summary: { classes: NOTHING, subjects: NOTHING } satisfies GroupsSummary, unread: true };
  });
}

async function pairGroups(db: Db, schoolId: string, client: WondeClient, wondeId: string) {
  const read = async (pages: AsyncIterable<{ data: { id: string; mis_id: string | null; name: string | null; code: string | null }[] }>) => {
    const records: Incoming[] = [];
    for await (const page of pages) for (const g of page.data) records.push({ externalId: g.id, misId: g.mis_id, name: g.name ?? g.code ?? "", code: g.code });
    return records;
  };
  const [classes, subjects] = await Promise.all([
    db.class.findMany({ where: { schoolId, archivedAt: null }, select: { id: true, name: true, code: true } }),
    db.subject.findMany({ where: { schoolId, archivedAt: null }, select: { id: true, name: true, code: true } }),
  ]);
  const forSubjects = matchGroups("subject", await read(client.subjects(wondeId)), subjects);
  const forClasses = matchGroups("class", await read(client.classes(wondeId)), classes);
  return { matches: [...forSubjects.matches, ...forClasses.matches], summary: { classes: forClasses.summary, subjects: forSubjects.summary } satisfies GroupsSummary, unread: false };
}

/**
 * Gives matched classes and subjects their new MIS ids (the old ones stay as
 * history), so the sync after the migration updates them in place: same ids,
 * same membership history, same incident links.
 */
export async function applyGroupMatches(tx: Prisma.TransactionClient, schoolId: string, matches: GroupMatch[], now: Date) {
  for (const entity of ["class", "subject"] as const) {
    const of = matches.filter((m) => m.entity === entity);
    if (of.length === 0) continue;
    const column = entity === "class" ? "classId" : "subjectId";
    // An id the new MIS kept stays current (as it does for people): superseding it would leave the group without one.
    await tx.externalId.updateMany({
      where: { schoolId, entity, supersededAt: null, [column]: { in: of.map((m) => m.id) }, externalId: { notIn: of.map((m) => m.externalId) } },
      data: { supersededAt: now },
    });
    await insertRows(
      tx,
      "ExternalId",
      EXTERNAL_ID_COLUMNS,
      of.map((m) => ({ id: randomUUID(), schoolId, source: "wonde", entity, externalId: m.externalId, misId: m.misId, upi: null, personId: null, [column]: m.id, firstSeenAt: now, lastSeenAt: now })),
      { ignoreConflicts: true },
    );
  }
}
