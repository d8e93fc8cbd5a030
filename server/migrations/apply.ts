import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { recordActivity, type Actor } from "@/server/activity/record";
import { queueMigrationApplied } from "@/server/apps/webhooks/events";
import { deliverWebhooksSoon } from "@/server/apps/webhooks/queue";
import { archivePeopleById } from "@/server/sync/archive";
import type { PersonFields } from "@/server/sync/map";
import { ACTIVITY_COLUMNS, EXTERNAL_ID_COLUMNS, insertRows } from "@/server/sync/sql";
import { emptyCounts } from "@/server/sync/types";
import { writePeopleBatch } from "@/server/sync/write-people";
import { disableAccountsOfArchived, provisionStaffAccounts } from "@/server/users/provision";
import { alignStaffAccounts } from "@/server/users/staff-accounts";
import { applyGroupMatches, type GroupMatch } from "./groups";
import { migrationReport } from "./report";
import { actorName, assertClaimedOnce, KIND } from "./review";
import { uniqueUpns } from "./upns";

const BATCH = 200;
export const OPEN_MIGRATION = ["DETECTED", "PREVIEWED", "APPLYING"] as const;

/**
 * Applies a previewed migration: each kept person gets the new MIS id (the
 * old ones stay as superseded history) and the new MIS's fields; new people
 * are created; people nobody matched are archived. Accounts, SSO links,
 * incidents and activity point at our person ids, so they stay attached.
 * One transaction per batch; running it again after a failure resumes.
 */
export async function applyMigration(db: Db, schoolId: string, migrationId: string, actor: Actor) {
  const migration = await db.misMigration.findFirst({ where: { id: migrationId, schoolId } });
  if (!migration) throw new TRPCError({ code: "NOT_FOUND", message: "No such migration." });
  if (migration.status !== "PREVIEWED" && migration.status !== "APPLYING") throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Preview the migration before applying it." });
  const unresolved = await db.migrationCandidate.count({ where: { migrationId, outcome: "REVIEW", resolution: null } });
  if (unresolved > 0) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `${unresolved} ${unresolved === 1 ? "person needs" : "people need"} review before the migration can be applied.` });
  await assertClaimedOnce(db, migrationId);
  const upnOf = await uniqueUpns(db, migrationId);
  await db.misMigration.update({ where: { id: migrationId }, data: { status: "APPLYING" } });

  const now = new Date();
  const emailChanges: { personId: string; label: string; from: string | null; to: string | null }[] = [];
  for (let cursor: string | undefined; ; ) {
    const batch = await db.migrationCandidate.findMany({
      where: { migrationId, outcome: { not: "ARCHIVE" } },
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (batch.length === 0) break;
    cursor = batch.at(-1)!.id;
    await db.$transaction((tx) => applyBatch(tx, schoolId, now, batch, upnOf, emailChanges), { timeout: 120_000 });
  }

  const chosen = await db.migrationCandidate.findMany({ where: { migrationId, outcome: "REVIEW", NOT: { resolution: "new" } }, select: { resolution: true } });
  const keep = new Set(chosen.map((c) => c.resolution!));
  const toArchive = await db.migrationCandidate.findMany({ where: { migrationId, outcome: "ARCHIVE" }, select: { personId: true } });
  await db.$transaction(
    async (tx) => {
      const ids = toArchive.map((c) => c.personId!).filter((id) => !keep.has(id));
      const archived = await archivePeopleById(tx, schoolId, ids, now, "not in the new MIS after the migration");
      await tx.externalId.updateMany({ where: { personId: { in: archived }, supersededAt: null }, data: { supersededAt: now } });
      await disableAccountsOfArchived(tx, schoolId, archived, now);
      await applyGroupMatches(tx, schoolId, (migration.groupMatches as GroupMatch[] | null) ?? [], now);
      // The planned move has happened: stop the countdown and the hourly watch.
      await tx.school.update({ where: { id: schoolId }, data: { plannedMigrationOn: null } });
      await tx.misMigration.update({ where: { id: migrationId }, data: { status: "APPLIED", appliedAt: now, appliedBy: actorName(actor) } });
      await queueMigrationApplied(tx, schoolId, migration, now);
    },
    { timeout: 120_000 },
  );
  deliverWebhooksSoon();
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { id: true, name: true } });
  const accounts = await alignStaffAccounts(db, school, actor);
  const report = await migrationReport(db, migrationId, emailChanges, accounts.waiting);
  await db.$transaction(async (tx) => {
    await tx.misMigration.update({ where: { id: migrationId }, data: { report: report as unknown as Prisma.InputJsonValue } });
    await recordActivity({ schoolId, actor, action: "Migration Applied", subject: { type: "MisMigration", id: migrationId, label: `${migration.fromMis ?? "?"} → ${migration.toMis ?? "?"}` }, details: { verdict: report.verdict, counts: report.counts } }, tx);
  });
  return report;
}

type Candidate = Awaited<ReturnType<Db["migrationCandidate"]["findMany"]>>[number];

async function applyBatch(tx: Prisma.TransactionClient, schoolId: string, now: Date, batch: Candidate[], upnOf: Map<string, string | null>, emailChanges: { personId: string; label: string; from: string | null; to: string | null }[]) {
  const kept = batch.flatMap((c) => {
    const personId = c.outcome === "MATCHED" ? c.personId : c.outcome === "REVIEW" && c.resolution !== "new" ? c.resolution : null;
    return personId ? [{ candidate: c, personId }] : [];
  });
  if (kept.length) {
    const before = new Map((await tx.person.findMany({ where: { id: { in: kept.map((k) => k.personId) } }, select: { id: true, email: true } })).map((p) => [p.id, p.email]));
    for (const { candidate, personId } of kept) {
      const to = (candidate.fields as PersonFields).email ?? null;
      if (candidate.entity === "employee" && (before.get(personId) ?? null) !== to) emailChanges.push({ personId, label: candidate.label, from: before.get(personId) ?? null, to });
    }
    // The person's earlier MIS ids become history; the new one is theirs from now on.
    for (const entity of ["student", "employee"]) {
      const ids = kept.filter((k) => k.candidate.entity === entity);
      if (ids.length === 0) continue;
      await tx.externalId.updateMany({
        where: { schoolId, entity, personId: { in: ids.map((k) => k.personId) }, supersededAt: null, externalId: { notIn: ids.map((k) => k.candidate.externalId!) } },
        data: { supersededAt: now },
      });
    }
    await insertRows(
      tx,
      "ExternalId",
      EXTERNAL_ID_COLUMNS,
      kept.map(({ candidate, personId }) => ({ id: randomUUID(), schoolId, source: "wonde", entity: candidate.entity, externalId: candidate.externalId, misId: candidate.misId, upi: candidate.upi, personId, firstSeenAt: now, lastSeenAt: now })),
      { ignoreConflicts: true },
    );
    await insertRows(
      tx,
      "ActivityEvent",
      ACTIVITY_COLUMNS,
      kept.map(({ candidate, personId }) => ({
        id: randomUUID(),
        schoolId,
        actorLabel: "Migration",
        action: "Identity Kept",
        subjectType: "Person",
        subjectId: personId,
        subjectLabel: candidate.label,
        details: { kind: KIND[candidate.entity], rule: candidate.rule ?? "chosen in review", reason: candidate.resolution ? `chosen by ${candidate.resolvedBy ?? "an administrator"}` : candidate.reason },
        at: now,
      })),
    );
  }
  // Fields from the new MIS for everyone, and new people for the rest: identities are decided, so no matching.
  for (const entity of ["student", "employee"] as const) {
    const records = batch
      .filter((c) => c.entity === entity)
      .map((c) => {
        const fields = c.fields as PersonFields;
        return { externalId: c.externalId!, misId: c.misId, upi: c.upi, fields: upnOf.has(c.id) ? { ...fields, upn: upnOf.get(c.id)! } : fields, current: true };
      });
    if (records.length === 0) continue;
    const written = await writePeopleBatch(tx, { schoolId, kind: KIND[entity]!, entity, now, claimed: new Set(), matchUnknown: false }, records, emptyCounts().students);
    if (entity === "employee") await provisionStaffAccounts(tx, schoolId, written.filter((w) => w.created).map((w) => w.personId));
  }
}
