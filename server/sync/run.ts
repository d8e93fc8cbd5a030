import type { Db } from "@/server/db";
import type { Prisma, SyncTrigger } from "@/server/generated/prisma/client";
import { recordActivity } from "@/server/activity/record";
import { applyMigration } from "@/server/migrations/apply";
import { activeMigration, idsChurned, openMigration } from "@/server/migrations/detect";
import { previewMigration } from "@/server/migrations/preview";
import { disableAccountsOfArchived, provisionStaffAccounts } from "@/server/users/provision";
import { alignStaffAccounts } from "@/server/users/staff-accounts";
import { WondeError, type Page, type WondeClient } from "@/server/wonde";
import { misCapabilities } from "@/server/wonde/mis-capabilities";
import { archiveGroups, archivePeople } from "./archive";
import { acquireSyncLease, keepSyncLeaseAlive, releaseSyncLease, renewSyncLease, SyncAlreadyRunningError } from "./lease";
import { linkLineManagers } from "./line-managers";
import { importStaffPhotos } from "./photos";
import { INCLUDES, mapClass, mapEmployee, mapStudent, mapSubject, schoolFeed, upnSharedBy, type SchoolFeed } from "./map";
import { emptyCounts, ENTITIES, EXTERNAL_ENTITY, type EntityName, type RunCounts, type RunProgress, type Tx } from "./types";
import { wondeClientForSchool } from "./wonde-for-school";
import { writeClassesBatch, writeSubjectsBatch } from "./write-classes";
import { writePeopleBatch, type BatchScope } from "./write-people";

export type SyncMode = "full" | "incremental";

export type SyncOptions = {
  mode: SyncMode;
  trigger: SyncTrigger;
  /** A QUEUED run created by enqueueSync; otherwise a new run is created. */
  runId?: string;
  /** For tests and the CLI: a client other than the school's own. */
  client?: WondeClient;
  actor?: { userId: string; label: string };
};

export type SyncSummary = {
  runId: string;
  schoolId: string;
  mode: SyncMode;
  status: "SUCCEEDED" | "FAILED" | "PAUSED";
  resumed: boolean;
  counts: RunCounts;
  error: string | null;
  seconds: number;
};

/** What a failed run had finished, so the next run of the school picks up from there. */
type Checkpoint = { startedAt: string; mode: SyncMode; completed: EntityName[]; seen: Partial<Record<EntityName, string[]>>; cursor: string | null };

// Wonde's clocks, not ours, decide what "updated after" means: the cursor is
// the newest updated_at we have seen, less a little overlap (re-reading a
// record is cheap: unchanged ones are skipped by hash).
const CURSOR_OVERLAP_MS = 60_000;


/**
 * Reads a school from Wonde into Staffroom: subjects, current staff (with
 * line managers), pupils, then classes with their links. Streams page by
 * page, one transaction per page; a failure leaves every committed page
 * consistent and the next run resumes after the last finished entity.
 */
export async function syncSchool(db: Db, schoolId: string, options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId } });
  if (!school.wondeId || (!school.wondeTokenEnc && !options.client)) throw new Error("This school is not connected to Wonde yet: connect it in Settings.");

  const run = options.runId
    ? await db.syncRun.findUniqueOrThrow({ where: { id: options.runId } })
    : await db.syncRun.create({ data: { schoolId, trigger: options.trigger, mode: options.mode } });
  try {
    await acquireSyncLease(db, schoolId, run.id);
  } catch (error) {
    if (error instanceof SyncAlreadyRunningError) await db.syncRun.update({ where: { id: run.id }, data: { status: "FAILED", finishedAt: new Date(), error: error.userMessage } });
    throw error;
  }
  const stopHeartbeat = keepSyncLeaseAlive(db, schoolId, run.id);

  const previous = await db.syncRun.findFirst({ where: { schoolId, id: { not: run.id }, status: { in: ["SUCCEEDED", "FAILED"] } }, orderBy: { createdAt: "desc" } });
  const lastSuccess = await db.syncRun.findFirst({ where: { schoolId, status: "SUCCEEDED", cursor: { not: null } }, orderBy: { createdAt: "desc" } });
  // Incremental needs a cursor: the first sync of a school is always full.
  let mode: SyncMode = options.mode === "incremental" && lastSuccess?.cursor ? "incremental" : "full";
  const resumeFrom = previous?.status === "FAILED" ? (previous.checkpoint as Checkpoint | null) : null;
  const checkpoint: Checkpoint =
    resumeFrom && resumeFrom.mode === mode
      ? resumeFrom
      : { startedAt: new Date().toISOString(), mode, completed: [], seen: {}, cursor: null };
  const resumed = checkpoint === resumeFrom;
  const counts = emptyCounts();
  const progress: RunProgress = {};
  let newestSeen = checkpoint.cursor ? new Date(checkpoint.cursor).getTime() : 0;
  const noteUpdated = (at: Date | null | undefined) => {
    if (at && at.getTime() > newestSeen) newestSeen = at.getTime();
  };

  await db.syncRun.update({ where: { id: run.id }, data: { status: "RUNNING", mode, startedAt: new Date(), checkpoint: resumed ? (checkpoint as Prisma.InputJsonValue) : undefined } });

  try {
    const client = options.client ?? wondeClientForSchool(school);
    const wondeId = school.wondeId;
    const previousMis = school.mis;
    const feed = await readSchoolFeed(db, client, school.id, wondeId, school.importPhotos);
    const upnShared = upnSharedBy(feed);
    let updatedAfter = mode === "incremental" ? new Date(lastSuccess!.cursor!.getTime() - CURSOR_OVERLAP_MS) : undefined;

    // An MIS migration reissues every id: writing people now would duplicate
    // them and archive the "vanished". Stop until the admin has seen the preview.
    const migration = await guardAgainstMigration(db, school, client, { previousMis, mis: feed.capabilities.mis ?? previousMis, updatedAfter, actor: options.actor });
    if (migration === "paused") {
      const message = "Your school has moved to a new MIS. Review the migration on the Migration page; syncing resumes once it is applied.";
      await db.syncRun.update({ where: { id: run.id }, data: { status: "PAUSED", finishedAt: new Date(), error: message } });
      await recordActivity({ schoolId, actor: options.actor ?? { system: "Sync" }, action: "Sync Paused", subject: { type: "SyncRun", id: run.id, label: "Sync" }, details: { reason: "MIS migration" } }, db);
      return { runId: run.id, schoolId, mode, status: "PAUSED", resumed, counts, error: message, seconds: (Date.now() - started) / 1000 };
    }
    // Just applied: read everything (classes and subjects have new ids too).
    if (migration === "applied") {
      mode = "full";
      updatedAfter = undefined;
    }
    for (const entity of ENTITIES) progress[entity] = { done: 0, total: null };
    // Totals only feed the progress bar: asked for alongside the first pages, not before them.
    if (mode === "full")
      void client
        .counts(wondeId, { include: ["students", "employees", "classes", "subjects"] })
        .then((totals) => ENTITIES.forEach((entity) => (progress[entity]!.total = totals[entity] ?? null)))
        .catch(() => undefined);
    const now = new Date();
    const claimed = new Set<string>();

    /** Runs one entity's pages, each in its own transaction with the progress and lease. */
    const phase = async <T extends { id: string; updated_at?: Date | null }>(entity: EntityName, pages: AsyncIterable<Page<T>>, write: (tx: Tx, page: T[]) => Promise<void>) => {
      if (checkpoint.completed.includes(entity)) return;
      const seen = new Set<string>();
      progress[entity] ??= { done: 0, total: null };
      for await (const page of readAhead(pages)) {
        for (const record of page.data) {
          seen.add(record.id);
          noteUpdated(record.updated_at);
        }
        progress[entity]!.done += page.data.length;
        await db.$transaction(
          async (tx) => {
            await renewSyncLease(tx, schoolId, run.id);
            await write(tx, page.data);
            await tx.syncRun.update({ where: { id: run.id }, data: { progress: progress as Prisma.InputJsonValue, counts: counts as Prisma.InputJsonValue } });
          },
          { timeout: 120_000, maxWait: 30_000 },
        );
      }
      checkpoint.completed.push(entity);
      checkpoint.seen[entity] = mode === "full" ? [...seen] : [];
    };

    await phase("subjects", client.subjects(wondeId, { updatedAfter }), (tx, page) => writeSubjectsBatch(tx, schoolId, now, page.map(mapSubject), counts.subjects));

    const lineManagers: { personId: string; managerExternalId: string | null }[] = [];
    const staffScope: BatchScope = { schoolId, kind: "STAFF", entity: "employee", now, claimed };
    await phase("employees", client.employees(wondeId, { include: INCLUDES.employees(feed), updatedAfter }), async (tx, page) => {
      const mapped = page.map((e) => mapEmployee(e, feed));
      const written = await writePeopleBatch(tx, staffScope, mapped, counts.employees);
      const managerOf = new Map(mapped.map((m) => [m.externalId, m.lineManagerExternalId]));
      for (const w of written) {
        const manager = managerOf.get(w.externalId);
        if (!w.archived && manager !== undefined) lineManagers.push({ personId: w.personId, managerExternalId: manager });
      }
      await provisionStaffAccounts(tx, schoolId, written.filter((w) => !w.archived).map((w) => w.personId));
      await disableAccountsOfArchived(tx, schoolId, written.filter((w) => w.archived).map((w) => w.personId), now);
    });
    if (lineManagers.length) await db.$transaction((tx) => linkLineManagers(tx, schoolId, lineManagers, now));
    await importStaffPhotos(db, client, { ...school, wondeId }, feed, updatedAfter);
    await alignStaffAccounts(db, school, options.actor);

    const pupilScope: BatchScope = { schoolId, kind: "PUPIL", entity: "student", now, claimed };
    await phase("students", client.students(wondeId, { include: INCLUDES.students, updatedAfter }), async (tx, page) => {
      await writePeopleBatch(tx, pupilScope, page.map((s) => ({ ...mapStudent(s, upnShared), current: true })), counts.students);
    });

    await phase("classes", client.classes(wondeId, { include: INCLUDES.classes(feed), updatedAfter }), (tx, page) =>
      writeClassesBatch(tx, schoolId, now, page.map((c) => mapClass(c, feed)), counts.classes),
    );

    // Leavers: Wonde lists deletions since the cursor; a full run instead
    // archives everything it did not see (which also repairs any drift).
    if (mode === "incremental") {
      const deleted: Record<string, string[]> = {};
      for await (const page of client.deletions(wondeId, { updatedAfter })) {
        for (const d of page.data) {
          (deleted[d.type] ??= []).push(d.id);
          noteUpdated(d.deleted_at);
        }
      }
      await archiveEverywhere(db, schoolId, now, counts, (entity) => deleted[EXTERNAL_ENTITY[entity]] ?? deleted[entity] ?? [], "deleted in the MIS");
    } else {
      await archiveEverywhere(db, schoolId, now, counts, (entity) => ({ notIn: checkpoint.seen[entity] ?? [] }), "no longer in the MIS");
    }

    const cursor = newestSeen ? new Date(newestSeen) : (lastSuccess?.cursor ?? null);
    await db.$transaction(async (tx) => {
      await tx.syncRun.update({
        where: { id: run.id },
        data: { status: "SUCCEEDED", finishedAt: new Date(), counts: counts as Prisma.InputJsonValue, progress: progress as Prisma.InputJsonValue, cursor, checkpoint: undefined, error: null },
      });
      await recordActivity(
        { schoolId, actor: options.actor ?? { system: "Sync" }, action: "Sync Completed", subject: { type: "SyncRun", id: run.id, label: `${mode === "full" ? "Full" : "Incremental"} sync` }, details: { mode, trigger: options.trigger, resumed, counts } },
        tx,
      );
    });
    return { runId: run.id, schoolId, mode, status: "SUCCEEDED", resumed, counts, error: null, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    const message = error instanceof WondeError ? error.userMessage : error instanceof Error ? error.message : String(error);
    checkpoint.cursor = newestSeen ? new Date(newestSeen).toISOString() : checkpoint.cursor;
    await db.syncRun.update({
      where: { id: run.id },
      data: { status: "FAILED", finishedAt: new Date(), error: message, counts: counts as Prisma.InputJsonValue, progress: progress as Prisma.InputJsonValue, checkpoint: checkpoint as Prisma.InputJsonValue },
    });
    await recordActivity({ schoolId, actor: options.actor ?? { system: "Sync" }, action: "Sync Failed", subject: { type: "SyncRun", id: run.id, label: `${mode === "full" ? "Full" : "Incremental"} sync` }, details: { mode, error: message, counts } }, db);
    return { runId: run.id, schoolId, mode, status: "FAILED", resumed, counts, error: message, seconds: (Date.now() - started) / 1000 };
  } finally {
    stopHeartbeat();
    await releaseSyncLease(db, schoolId, run.id);
  }
}

/** Reads the school's MIS name, timezone and approved scopes, and keeps the School row current. */
async function readSchoolFeed(db: Db, client: WondeClient, schoolId: string, wondeId: string, importPhotos: boolean): Promise<SchoolFeed> {
  const [info, scopes] = await Promise.all([client.school(wondeId), client.permissions(wondeId)]);
  await db.school.update({
    where: { id: schoolId },
    data: { mis: info.mis, timezone: info.timezone ?? undefined, regionDomain: info.region?.domain ?? undefined, grantedScopes: scopes },
  });
  return schoolFeed(info.mis, scopes, importPhotos);
}

/**
 * Before writing people: is an MIS migration open, or happening now (the MIS
 * changed, or most known ids vanished)? Previews it; applies it when the
 * school allows that and nothing needs review; otherwise the sync pauses.
 */
async function guardAgainstMigration(
  db: Db,
  school: { id: string; wondeId: string | null; autoApplyMigrations: boolean },
  client: WondeClient,
  context: { previousMis: string | null; mis: string | null; updatedAfter: Date | undefined; actor?: { userId: string; label: string } },
): Promise<"none" | "paused" | "applied"> {
  let migration = await activeMigration(db, school.id);
  // Compared by canonical name: Wonde says "CMIS" where the capabilities table says "Facility CMIS".
  const canonical = (mis: string) => misCapabilities(mis).mis ?? mis;
  if (!migration && context.previousMis && context.mis && canonical(context.previousMis) !== canonical(context.mis))
    migration = await openMigration(db, school.id, { detectedBy: "mis-change", fromMis: context.previousMis, toMis: context.mis });
  if (!migration && (await idsChurned(db, school.id, school.wondeId!, client, context.updatedAfter)))
    migration = await openMigration(db, school.id, { detectedBy: "id-churn", fromMis: context.previousMis, toMis: context.mis });
  if (!migration) return "none";
  if (migration.status === "DETECTED") {
    const summary = await previewMigration(db, migration.id, client);
    if (school.autoApplyMigrations && summary.pupils.review + summary.staff.review === 0) {
      await applyMigration(db, school.id, migration.id, context.actor ?? { system: "Migration" });
      return "applied";
    }
  }
  return "paused";
}

type ArchiveSelector = string[] | { notIn: string[] };

async function archiveEverywhere(db: Db, schoolId: string, now: Date, counts: RunCounts, select: (entity: EntityName) => ArchiveSelector, reason: string) {
  await db.$transaction(
    async (tx) => {
      for (const entity of ["employees", "students"] as const) {
        const archived = await archivePeople(tx, schoolId, EXTERNAL_ENTITY[entity], select(entity), now, reason);
        counts[entity].archived += archived.length;
        if (entity === "employees") await disableAccountsOfArchived(tx, schoolId, archived, now);
      }
      for (const entity of ["classes", "subjects"] as const) counts[entity].archived += await archiveGroups(tx, schoolId, entity === "classes" ? "class" : "subject", select(entity), now);
    },
    { timeout: 120_000 },
  );
}

/**
 * Fetches the next page while the current one is being written, so Wonde's
 * latency and the database's work overlap instead of adding up. Holds at most
 * two pages.
 */
async function* readAhead<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      // If the consumer stops (an error while writing), this read's failure is not the story.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}
