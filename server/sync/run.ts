import type { Db } from "@/server/db";
import type { MisMigration, Prisma, SyncTrigger } from "@/server/generated/prisma/client";
import { recordActivity } from "@/server/activity/record";
import { deliverWebhooksSoon } from "@/server/apps/webhooks/queue";
import { applyMigration } from "@/server/migrations/apply";
import { activeMigration, idsChurned, openMigration } from "@/server/migrations/detect";
import { previewMigration } from "@/server/migrations/preview";
import { disableAccountsOfArchived, provisionStaffAccounts } from "@/server/users/provision";
import { alignStaffAccounts } from "@/server/users/staff-accounts";
import { WondeError, WondeNotFoundError, type Page, type WondeClient } from "@/server/wonde";
import type { RecordEndpoint } from "@/server/wonde/client";
import { misCapabilities } from "@/server/wonde/mis-capabilities";
import { archiveGroups, archivePeople, storeLeavingDates } from "./archive";
import { acquireSyncLease, keepSyncLeaseAlive, releaseSyncLease, renewSyncLease, SyncAlreadyRunningError, SyncLeaseLostError } from "./lease";
import { linkLineManagers } from "./line-managers";
import { importStaffPhotos } from "./photos";
import { quarantine, quarantinedIds, release, releaseAllBut, type QuarantineEntity } from "./quarantine";
import { INCLUDES, mapClass, mapEmployee, mapStudent, mapSubject, schoolFeed, upnSharedBy, type SchoolFeed } from "./map";
import { emptyCounts, ENTITIES, EXTERNAL_ENTITY, type EntityCounts, type EntityName, type RunCounts, type RunProgress, type Tx } from "./types";
import { alignPupilAccountsAfterSync } from "./pupil-accounts";
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
  /** Records skipped because they could not be read: "Synced with warnings" when above 0. */
  quarantined: number;
  error: string | null;
  seconds: number;
};

/**
 * What a failed run had finished, so the next run of the school picks up from there.
 * `failed` names the entities that failed; `restart` says the next run must start again
 * from scratch (a resumed run failed on the same entity again: resuming is not helping).
 */
type Checkpoint = {
  startedAt: string;
  mode: SyncMode;
  completed: EntityName[];
  seen: Partial<Record<EntityName, string[]>>;
  cursor: string | null;
  failed?: string[];
  restart?: boolean;
};

/** A step of the run that failed; the others carried on. */
type StepFailure = { step: string; error: unknown; pagesWritten: number };

// Wonde's clocks, not ours, decide what "updated after" means: the cursor is
// the newest updated_at we have seen, less a little overlap (re-reading a
// record is cheap: unchanged ones are skipped by hash).
const CURSOR_OVERLAP_MS = 60_000;

/**
 * The sync's transactions: a whole page, or a statement over every pupil, can take seconds on a
 * busy 2-core box (Prisma's default of 5 s failed the leavers of a 2,000-pupil school at load 23).
 */
const SYNC_TRANSACTION = { timeout: 120_000, maxWait: 30_000 };

/** How each step is named to people. */
const STEP_LABEL: Record<string, string> = { subjects: "subjects", employees: "staff", students: "pupils", classes: "classes", leavers: "leavers", deletions: "deletions" };
/** The Wonde list behind each entity, for retrying quarantined records one by one. */
const ENDPOINT: Record<EntityName, RecordEndpoint> = { subjects: "subjects", employees: "employees", students: "students", classes: "classes" };

/**
 * Reads a school from Wonde into Staffroom: subjects, current staff (with
 * line managers), pupils, then classes with their links. Streams page by
 * page, one transaction per page. A record it can't read is quarantined and
 * the page goes on; an entity that fails does not stop the others; a failed
 * run's checkpoint lets the next full run resume after what it finished.
 */
export async function syncSchool(db: Db, schoolId: string, options: SyncOptions): Promise<SyncSummary> {
  const started = Date.now();
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId } });
  if (!school.wondeId || (!school.wondeTokenEnc && !options.client)) throw new Error("This school is not connected to Wonde yet: connect it in Settings.");

  // A queued run was read by the queue just before (runJob): not read again.
  const run = options.runId ? { id: options.runId } : await db.syncRun.create({ data: { schoolId, trigger: options.trigger, mode: options.mode }, select: { id: true } });
  try {
    await acquireSyncLease(db, schoolId, run.id);
  } catch (error) {
    if (error instanceof SyncAlreadyRunningError) await db.syncRun.update({ where: { id: run.id }, data: { status: "FAILED", finishedAt: new Date(), error: error.userMessage } });
    throw error;
  }
  const stopHeartbeat = keepSyncLeaseAlive(db, schoolId, run.id);

  const { lastCursor, resumeFrom } = await previousRuns(db, schoolId, run.id);
  // Incremental needs a cursor: the first sync of a school is always full; so is
  // the run after a resumed one failed again on the same entity.
  let mode: SyncMode = options.mode === "incremental" && lastCursor && !resumeFrom?.restart ? "incremental" : "full";
  // Only a full run skips what a failed one finished: an incremental run re-reads
  // every list from the last success's cursor, so it never misses a change.
  const resumed = mode === "full" && resumeFrom?.mode === "full" && !resumeFrom.restart;
  const checkpoint: Checkpoint = resumed ? resumeFrom : { startedAt: new Date().toISOString(), mode, completed: [], seen: {}, cursor: null };
  const counts = emptyCounts();
  const progress: RunProgress = {};
  const failures: StepFailure[] = [];
  // Rows of this run in quarantine exist only if it quarantined something: otherwise none to count.
  let quarantinedAny = false;
  const countQuarantined = async () => (quarantinedAny ? db.syncQuarantine.count({ where: { schoolId, runId: run.id } }) : 0);
  let newestSeen = checkpoint.cursor ? new Date(checkpoint.cursor).getTime() : 0;
  const noteUpdated = (at: Date | null | undefined) => {
    if (at && at.getTime() > newestSeen) newestSeen = at.getTime();
  };

  try {
    const client = options.client ?? wondeClientForSchool(school);
    const wondeId = school.wondeId;
    const previousMis = school.mis;
    let updatedAfter = mode === "incremental" ? new Date(lastCursor!.getTime() - CURSOR_OVERLAP_MS) : undefined;
    // The run's first reads go out together rather than one round trip after another. The id-churn
    // check is among them, though it counts only when no migration is open and the MIS is the same.
    const churned = idsChurned(db, schoolId, wondeId, client, updatedAfter);
    churned.catch(() => undefined);
    const [feed, openAtStart, held] = await Promise.all([
      readSchoolFeed(db, client, school),
      activeMigration(db, schoolId),
      quarantinedIds(db, schoolId),
      db.syncRun.update({ where: { id: run.id }, data: { status: "RUNNING", mode, startedAt: new Date(), checkpoint: resumed ? (checkpoint as Prisma.InputJsonValue) : undefined } }),
    ]);
    const upnShared = upnSharedBy(feed);

    // An MIS migration reissues every id: writing people now would duplicate
    // them and archive the "vanished". Stop until the admin has seen the preview.
    const migration = await guardAgainstMigration(db, school, client, { open: openAtStart, churned, previousMis, mis: feed.capabilities.mis ?? previousMis, actor: options.actor });
    if (migration === "paused") {
      const message = "Your school has moved to a new MIS. Review the migration on the Migration page; syncing resumes once it is applied.";
      await db.syncRun.update({ where: { id: run.id }, data: { status: "PAUSED", finishedAt: new Date(), error: message } });
      await recordActivity({ schoolId, actor: options.actor ?? { system: "Sync" }, action: "Sync Paused", subject: { type: "SyncRun", id: run.id, label: "Sync" }, details: { reason: "MIS migration" } }, db);
      return { runId: run.id, schoolId, mode, status: "PAUSED", resumed, counts, quarantined: 0, error: message, seconds: (Date.now() - started) / 1000 };
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
    // After a full read of a list, its records quarantined before this run and not again are released
    // (only those held at the start can be: one run per school at a time).
    const releaseOthers = async (entity: QuarantineEntity) => {
      if (held.get(entity)?.size) await releaseAllBut(db, schoolId, entity, run.id);
    };

    /**
     * Runs one entity's pages, each in its own transaction with the progress and
     * lease. Unreadable records are quarantined; readable ones release theirs. An
     * incremental run also retries, one by one, the records still in quarantine.
     * A failure is recorded and the run goes on to the next entity.
     */
    const phase = async <T extends { id: string; updated_at?: Date | null }>(
      entity: EntityName,
      include: readonly string[],
      pages: AsyncIterable<Page<T>>,
      write: (tx: Tx, page: T[]) => Promise<void>,
      /** Entities this one links to: if one of them failed, this one is written but not finished. */
      linksTo: readonly EntityName[] = [],
    ) => {
      if (checkpoint.completed.includes(entity)) return;
      const seen = new Set<string>();
      const stillHeld = held.get(entity) ?? new Set<string>();
      let pagesWritten = 0;
      progress[entity] ??= { done: 0, total: null };
      const retries = mode === "incremental" ? retryQuarantined<T>(client, wondeId, ENDPOINT[entity], include, stillHeld, seen) : [];
      try {
        for await (const page of readAhead(concatPages(pages, retries))) {
          const read = page.data.map((record) => record.id);
          for (const record of page.data) {
            seen.add(record.id);
            noteUpdated(record.updated_at);
          }
          // A quarantined record is still in the MIS: never archived for being unreadable.
          for (const record of page.unreadable) if (record.wondeId) seen.add(record.wondeId);
          progress[entity]!.done += page.data.length + page.unreadable.length;
          // Nothing to write (an incremental list with no changes): no transaction at all.
          if (page.data.length + page.unreadable.length + page.gone.length === 0) continue;
          await countedIfCommitted(counts[entity], () => db.$transaction(
            async (tx) => {
              await write(tx, page.data);
              quarantinedAny ||= page.unreadable.length > 0;
              await quarantine(tx, schoolId, run.id, entity, page.unreadable, now);
              await release(tx, schoolId, entity, [...read, ...page.gone].filter((id) => stillHeld.has(id)));
              // Last, so the school's row is locked only briefly; a lost lease still rolls the page back.
              await renewSyncLease(tx, schoolId, run.id, new Date(), { progress, counts });
            },
            SYNC_TRANSACTION,
          ));
          pagesWritten++;
        }
      } catch (error) {
        if (error instanceof SyncLeaseLostError) throw error;
        failures.push({ step: entity, error, pagesWritten });
        return;
      }
      if (mode === "full") await releaseOthers(entity);
      // Its links to a list that failed are incomplete: a resumed run must read it again.
      if (failures.some((f) => linksTo.includes(f.step as EntityName))) return;
      checkpoint.completed.push(entity);
      checkpoint.seen[entity] = mode === "full" ? [...seen] : [];
    };

    // Every list this run reads is asked for now: their first pages arrive together instead of
    // one round trip after another as each phase begins (and Wonde works while we write).
    const pending = (entity: EntityName) => !checkpoint.completed.includes(entity);
    const staffIncludes = INCLUDES.employees(feed);
    const classIncludes = INCLUDES.classes(feed);
    const lists = {
      subjects: readEarly(client.subjects(wondeId, { updatedAfter }), pending("subjects")),
      employees: readEarly(client.employees(wondeId, { include: staffIncludes, updatedAfter }), pending("employees")),
      students: readEarly(client.students(wondeId, { include: INCLUDES.students, updatedAfter }), pending("students")),
      classes: readEarly(client.classes(wondeId, { include: classIncludes, updatedAfter }), pending("classes")),
      deletions: readEarly(client.deletions(wondeId, { updatedAfter }), mode === "incremental"),
      leavers: readEarly(client.leavers(wondeId, { include: ["education_details"], updatedAfter })),
    };

    await phase("subjects", [], lists.subjects, (tx, page) => writeSubjectsBatch(tx, schoolId, now, page.map(mapSubject), counts.subjects));

    const lineManagers: { personId: string; managerExternalId: string | null }[] = [];
    const staffScope: BatchScope = { schoolId, kind: "STAFF", entity: "employee", now, claimed };
    await phase("employees", staffIncludes, lists.employees, async (tx, page) => {
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
    if (lineManagers.length) await db.$transaction((tx) => linkLineManagers(tx, schoolId, lineManagers, now), SYNC_TRANSACTION);
    await importStaffPhotos(db, client, { ...school, wondeId }, feed, updatedAfter);
    await alignStaffAccounts(db, school, options.actor);

    const pupilScope: BatchScope = { schoolId, kind: "PUPIL", entity: "student", now, claimed };
    await phase("students", INCLUDES.students, lists.students, async (tx, page) => {
      await writePeopleBatch(tx, pupilScope, page.map((s) => ({ ...mapStudent(s, upnShared), current: true })), counts.students);
    });

    await phase(
      "classes",
      classIncludes,
      lists.classes,
      (tx, page) => writeClassesBatch(tx, schoolId, now, page.map((c) => mapClass(c, feed)), counts.classes),
      ["subjects", "employees", "students"],
    );

    // Leavers: Wonde lists deletions since the cursor; a full run instead
    // archives everything it did not see (which also repairs any drift), but
    // only in the lists it read to the end.
    if (mode === "incremental") {
      await step(failures, "deletions", async () => {
        const deleted: Record<string, string[]> = {};
        const pupilsDeletedOn = new Map<string, string>();
        for await (const page of lists.deletions) {
          if (page.unreadable.length) {
            quarantinedAny = true;
            await quarantine(db, schoolId, run.id, "deletions", page.unreadable, now);
          }
          for (const d of page.data) {
            (deleted[d.type] ??= []).push(d.id);
            noteUpdated(d.deleted_at);
            if (d.type === EXTERNAL_ENTITY.students && d.deleted_at) pupilsDeletedOn.set(d.id, localDate(d.deleted_at, school.timezone));
          }
        }
        // Most incremental runs see no deletions: then there is nothing to archive and no transaction.
        if (Object.keys(deleted).length === 0) return;
        await archiveEverywhere(db, schoolId, now, counts, ENTITIES, (entity) => deleted[EXTERNAL_ENTITY[entity]] ?? deleted[entity] ?? [], "deleted in the MIS");
        // The MIS's own leaving date (read below) wins over the day Wonde saw the deletion.
        if (pupilsDeletedOn.size) await db.$transaction((tx) => storeLeavingDates(tx, schoolId, pupilsDeletedOn, { keepKnown: true }), SYNC_TRANSACTION);
      });
    } else {
      const finished = ENTITIES.filter((entity) => checkpoint.completed.includes(entity));
      await archiveEverywhere(db, schoolId, now, counts, finished, (entity) => ({ notIn: checkpoint.seen[entity] ?? [] }), "no longer in the MIS");
      if (finished.length === ENTITIES.length) await releaseOthers("deletions");
    }

    // Pupils' leaving dates, from the MIS's list of leavers.
    await step(failures, "leavers", async () => {
      const dates = new Map<string, string>();
      const heldLeavers = held.get("students-leaver") ?? new Set<string>();
      for await (const page of lists.leavers) {
        for (const leaver of page.data) if (leaver.education_details?.leaving_date) dates.set(leaver.id, leaver.education_details.leaving_date);
        const released = page.data.map((l) => l.id).filter((id) => heldLeavers.has(id));
        if (page.unreadable.length || released.length)
          await db.$transaction(async (tx) => {
            quarantinedAny ||= page.unreadable.length > 0;
            await quarantine(tx, schoolId, run.id, "students-leaver", page.unreadable, now);
            await release(tx, schoolId, "students-leaver", released);
          }, SYNC_TRANSACTION);
      }
      if (dates.size) await db.$transaction((tx) => storeLeavingDates(tx, schoolId, dates, { keepKnown: false }), SYNC_TRANSACTION);
      if (mode === "full") await releaseOthers("students-leaver");
    });

    await alignPupilAccountsAfterSync(db, schoolId);

    const quarantined = await countQuarantined();
    if (failures.length) throw new StepsFailedError(failures);

    const cursor = newestSeen ? new Date(newestSeen) : lastCursor;
    await db.$transaction(async (tx) => {
      await tx.syncRun.update({
        where: { id: run.id },
        data: { status: "SUCCEEDED", mode, finishedAt: new Date(), counts: counts as Prisma.InputJsonValue, progress: progress as Prisma.InputJsonValue, cursor, checkpoint: undefined, error: null, quarantined },
      });
      await recordActivity(
        { schoolId, actor: options.actor ?? { system: "Sync" }, action: "Sync Completed", subject: { type: "SyncRun", id: run.id, label: `${mode === "full" ? "Full" : "Incremental"} sync` }, details: { mode, trigger: options.trigger, resumed, counts, quarantined } },
        tx,
      );
    }, SYNC_TRANSACTION);
    return { runId: run.id, schoolId, mode, status: "SUCCEEDED", resumed, counts, quarantined, error: null, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    const stepFailures = error instanceof StepsFailedError ? error.failures : [{ step: "", error, pagesWritten: 0 }];
    const message = failureMessage(stepFailures, counts);
    const failed = stepFailures.map((f) => f.step).filter(Boolean);
    checkpoint.cursor = newestSeen ? new Date(newestSeen).toISOString() : checkpoint.cursor;
    checkpoint.failed = failed;
    // Resuming into the same failure again would loop for ever: the next run starts afresh.
    checkpoint.restart = resumed && failed.some((step) => resumeFrom?.failed?.includes(step));
    const quarantined = await countQuarantined();
    await db.syncRun.update({
      where: { id: run.id },
      data: { status: "FAILED", mode, finishedAt: new Date(), error: message, counts: counts as Prisma.InputJsonValue, progress: progress as Prisma.InputJsonValue, checkpoint: checkpoint as Prisma.InputJsonValue, quarantined },
    });
    await recordActivity({ schoolId, actor: options.actor ?? { system: "Sync" }, action: "Sync Failed", subject: { type: "SyncRun", id: run.id, label: `${mode === "full" ? "Full" : "Incremental"} sync` }, details: { mode, error: message, counts } }, db);
    return { runId: run.id, schoolId, mode, status: "FAILED", resumed, counts, quarantined, error: message, seconds: (Date.now() - started) / 1000 };
  } finally {
    stopHeartbeat();
    await releaseSyncLease(db, schoolId, run.id);
    // Webhook messages the run's pages queued go out now, not at the next sweep.
    deliverWebhooksSoon();
  }
}

/**
 * In one query: the cursor of the school's last successful run with one, and the checkpoint a new
 * run may resume from: the school's last full or incremental run (a sign-in refresh of one person
 * is not part of that line), if it failed.
 */
async function previousRuns(db: Db, schoolId: string, runId: string): Promise<{ lastCursor: Date | null; resumeFrom: Checkpoint | null }> {
  const [row] = await db.$queryRaw<{ lastCursor: Date | null; status: string | null; checkpoint: Checkpoint | null }[]>`
    SELECT (SELECT "cursor" FROM "SyncRun" WHERE "schoolId" = ${schoolId} AND "status" = 'SUCCEEDED' AND "cursor" IS NOT NULL ORDER BY "createdAt" DESC LIMIT 1) AS "lastCursor",
           previous."status"::text AS "status", previous."checkpoint"
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (
      SELECT "status", "checkpoint" FROM "SyncRun"
      WHERE "schoolId" = ${schoolId} AND "id" <> ${runId} AND "trigger" <> 'SIGN_IN' AND "status" IN ('SUCCEEDED', 'FAILED')
      ORDER BY "createdAt" DESC LIMIT 1
    ) AS previous ON true`;
  return { lastCursor: row?.lastCursor ?? null, resumeFrom: row?.status === "FAILED" && row.checkpoint ? row.checkpoint : null };
}

/** Runs a step that is not an entity's pages; a failure is recorded and the run goes on. */
async function step(failures: StepFailure[], name: string, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (error instanceof SyncLeaseLostError) throw error;
    failures.push({ step: name, error, pagesWritten: 0 });
  }
}

class StepsFailedError extends Error {
  constructor(readonly failures: StepFailure[]) {
    super(failures.map((f) => f.step).join(", "));
  }
}

const plainError = (error: unknown) => (error instanceof WondeError ? error.userMessage : error instanceof Error ? error.message : String(error));

const joinList = (items: string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/**
 * What a failed run tells the admin: what failed and why, then exactly what it wrote
 * and what it did not.
 */
function failureMessage(failures: StepFailure[], counts: RunCounts): string {
  const why = failures
    .map((f) => sentence(f.step ? `${capitalise(STEP_LABEL[f.step] ?? f.step)} could not be synced: ${plainError(f.error)}` : plainError(f.error)))
    .join(" ");
  const written = ENTITIES.flatMap((entity) => {
    const c = counts[entity];
    const parts = [c.created && `${c.created} new`, c.updated && `${c.updated} updated`, c.archived && `${c.archived} archived`].filter(Boolean);
    return parts.length ? [`${STEP_LABEL[entity]} ${parts.join(", ")}`] : [];
  });
  const partial = failures.filter((f) => f.pagesWritten > 0).map((f) => `${STEP_LABEL[f.step]} after the first ${f.pagesWritten} page${f.pagesWritten === 1 ? "" : "s"}`);
  const notWritten = failures.filter((f) => f.step && f.pagesWritten === 0).map((f) => STEP_LABEL[f.step] ?? f.step);
  const what = written.length ? `Written: ${joinList(written)}.` : "Nothing was changed.";
  const missing = [...notWritten, ...partial];
  return `${why} ${what}${missing.length ? ` Not written: ${joinList(missing)}; the next sync tries again.` : ""}`.trim();
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Ends with a full stop unless it already ends a sentence (an Error's message usually does not). */
const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

/** An instant's calendar date in the school's time zone, "YYYY-MM-DD". */
function localDate(at: Date, timeZone: string | null): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timeZone ?? "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** A page from a list, or a retried record's page, with the ids Wonde no longer has. */
type RunPage<T> = Page<T> & { gone: string[] };

async function* concatPages<T>(pages: AsyncIterable<Page<T>>, retries: AsyncIterable<RunPage<T>> | never[]): AsyncGenerator<RunPage<T>> {
  for await (const page of pages) yield { ...page, gone: [] };
  for await (const page of retries) yield page;
}

/**
 * The records still in quarantine that this run's list did not bring (an incremental list
 * brings only what changed), each read again by id. Wonde answering 404 means it is gone.
 */
async function* retryQuarantined<T>(client: WondeClient, wondeId: string, endpoint: RecordEndpoint, include: readonly string[], held: ReadonlySet<string>, seen: ReadonlySet<string>): AsyncGenerator<RunPage<T>> {
  for (const id of held) {
    if (seen.has(id) || id === "") continue;
    try {
      yield { ...((await client.record(wondeId, endpoint, id, { include })) as Page<unknown> as Page<T>), gone: [] };
    } catch (error) {
      if (!(error instanceof WondeNotFoundError)) throw error;
      yield { data: [], unreadable: [], pageNumber: 1, endpoint, hasMore: false, gone: [id] };
    }
  }
}

/** Reads the school's MIS name, timezone and approved scopes, and keeps the School row current (written only when they changed). */
async function readSchoolFeed(
  db: Db,
  client: WondeClient,
  school: { id: string; wondeId: string | null; importPhotos: boolean; mis: string | null; urn: string | null; timezone: string; regionDomain: string | null; grantedScopes: string[] },
): Promise<SchoolFeed> {
  const [info, scopes] = await Promise.all([client.school(school.wondeId!), client.permissions(school.wondeId!)]);
  const data = { mis: info.mis, urn: info.urn ?? school.urn, timezone: info.timezone ?? school.timezone, regionDomain: info.region?.domain ?? school.regionDomain, grantedScopes: scopes };
  const same = data.mis === school.mis && data.urn === school.urn && data.timezone === school.timezone && data.regionDomain === school.regionDomain && data.grantedScopes.join("\n") === school.grantedScopes.join("\n");
  if (!same) await db.school.update({ where: { id: school.id }, data });
  return schoolFeed(info.mis, scopes, school.importPhotos);
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
  context: { open: MisMigration | null; churned: Promise<boolean>; previousMis: string | null; mis: string | null; actor?: { userId: string; label: string } },
): Promise<"none" | "paused" | "applied"> {
  let migration = context.open;
  // Compared by canonical name: Wonde says "CMIS" where the capabilities table says "Facility CMIS".
  const canonical = (mis: string) => misCapabilities(mis).mis ?? mis;
  if (!migration && context.previousMis && context.mis && canonical(context.previousMis) !== canonical(context.mis))
    migration = await openMigration(db, school.id, { detectedBy: "mis-change", fromMis: context.previousMis, toMis: context.mis });
  if (!migration && (await context.churned))
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

/** Archives what `select` picks in each of `entities` (a full run passes only the lists it read to the end). */
async function archiveEverywhere(db: Db, schoolId: string, now: Date, counts: RunCounts, entities: readonly EntityName[], select: (entity: EntityName) => ArchiveSelector, reason: string) {
  await db.$transaction(
    async (tx) => {
      for (const entity of (["employees", "students"] as const).filter((e) => entities.includes(e))) {
        const archived = await archivePeople(tx, schoolId, EXTERNAL_ENTITY[entity], select(entity), now, reason);
        counts[entity].archived += archived.length;
        if (entity === "employees") await disableAccountsOfArchived(tx, schoolId, archived, now);
      }
      for (const entity of (["classes", "subjects"] as const).filter((e) => entities.includes(e))) counts[entity].archived += await archiveGroups(tx, schoolId, entity === "classes" ? "class" : "subject", select(entity), now);
    },
    SYNC_TRANSACTION,
  );
}

/**
 * Asks for a list's first page at once (when `now`), not when the list is first read; a failure
 * surfaces when it is read, as it would have then. A list never read is never asked for twice.
 */
function readEarly<T>(pages: AsyncIterable<T>, now = true): AsyncIterable<T> {
  if (!now) return pages;
  const iterator = pages[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<T>> | null = iterator.next();
  // Read later, or never (the run stopped before this list): not an unhandled rejection.
  first.catch(() => undefined);
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const next = first ?? iterator.next();
        first = null;
        return next;
      },
      return: async (value?: unknown) => {
        first = null;
        return (await iterator.return?.(value)) ?? { done: true, value: undefined };
      },
    }),
  };
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

/**
 * Runs a page's transaction. Its write counts as it goes; if the transaction rolls back (a lost
 * lease, a refused batch), nothing of the page was written, and its counts are taken back too: the
 * run's counts and its failure message ("Written: …") say only what was committed.
 */
async function countedIfCommitted(counts: EntityCounts, transaction: () => Promise<unknown>): Promise<void> {
  const before = { ...counts };
  try {
    await transaction();
  } catch (error) {
    Object.assign(counts, before);
    throw error;
  }
}
