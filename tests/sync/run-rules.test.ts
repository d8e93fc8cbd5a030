/**
 * The rules at the start of a run and around its pages, against small emulated schools: who is
 * refused and how that is recorded, which mode a run really has, what it asks Wonde for (the
 * counts, the incremental cursor with its one-minute overlap, the lists a resumed run skips), and
 * the quarantine (counted per run, retried on incremental runs, released by a full run only).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { SyncAlreadyRunningError } from "@/server/sync/lease";
import { listQuarantine } from "@/server/sync/quarantine";
import { syncSchool, type SyncSummary } from "@/server/sync/run";
import { createWondeClient, type WondeClient } from "@/server/wonde";
import { formatWondeDateParam } from "@/server/wonde/dates";
import { createSchool } from "../helpers/fixtures";
import { connectedSchool, emulatorClient, runSync, smallSchools, startEmulator, type RunningEmulator } from "../helpers/sync";

const SCHOOLS = smallSchools(17, 30);
const [REFUSED, FIRST_RUN, STAMPS, QUARANTINE, DELETIONS, LEAVING_DATES, HELD_LEAVERS, SUBJECT_RETRY, CONTRACT_END, RESUMED, FAILED_STEPS, WRITTEN, NOT_WONDE, RETRIED, TIME_ZONE, GROUPS_GONE, DETAILS] = SCHOOLS;

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: "run-rules", schools: SCHOOLS });
});
afterAll(async () => {
  await emulator.close();
  await db.$disconnect();
});

/** The requests Wonde received since `mark`, as path and query parameters. */
const requestsSince = (mark: number) => emulator.state.requestLog(mark).map((r) => ({ path: r.path.replace(/\/+$/, ""), params: new URLSearchParams(r.query) }));
const listPath = (wondeId: string, list: string) => `/v1.0/schools/${wondeId}/${list}`;
/** What the school holds in quarantine, as `entity:wondeId`. */
const held = async (schoolId: string) => (await listQuarantine(db, schoolId)).rows.map((r) => `${r.entity}:${r.wondeId}`).sort();
/** The emulator's clock, in seconds (as its records are stamped). */
const wondeNow = () => Date.parse(`${emulator.state.now().replace(" ", "T")}Z`) / 1000;
/** The cursor a run left (the newest updated_at it saw), in the emulator's seconds. */
const cursorOf = async (summary: SyncSummary) => (await db.syncRun.findUniqueOrThrow({ where: { id: summary.runId } })).cursor!.getTime() / 1000;
/** The person a Wonde id of the school stands for, as stored now. */
const personByWondeId = async (schoolId: string, wondeId: string) => (await db.externalId.findFirstOrThrow({ where: { schoolId, externalId: wondeId }, include: { person: true } })).person!;

/** Deletes the school's first pupil in the emulated MIS, as Wonde lists it: gone from the lists and its classes, a deletion stamped now. */
function deleteFirstPupil(wondeId: string) {
  const data = emulator.state.school(wondeId)!;
  const pupil = data.students[0]!;
  data.students = data.students.filter((s) => s !== pupil);
  for (const cls of data.classes) cls.students = cls.students.filter((s) => s !== pupil);
  data.deletions.push({ type: "student", id: pupil.id, misId: pupil.misId, deletedAt: wondeNow(), restoredAt: null });
  data.version += 1;
  return pupil;
}

/**
 * Runs a sync and checks the time it reports: not negative, and not more than the wall time
 * around it (the CLI and the run's summary show it).
 */
async function timed(run: () => Promise<SyncSummary>): Promise<SyncSummary> {
  const before = Date.now();
  const summary = await run();
  const elapsed = (Date.now() - before) / 1000;
  expect(summary.seconds).toBeGreaterThanOrEqual(0);
  expect(summary.seconds).toBeLessThanOrEqual(elapsed);
  return summary;
}

/**
 * The emulator's client, noting in `events` when the run asks for the first page of its list of
 * deletions, leavers or subjects ("asked deletions") and when it has read one to the end ("read
 * subjects"). The migration check's deletions, asked for by type, are not the run's list.
 */
function watchedClient(events: string[]): WondeClient {
  const client = emulatorClient(emulator);
  async function* watch<T>(list: string, pages: AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
    events.push(`asked ${list}`);
    yield* pages;
    events.push(`read ${list}`);
  }
  return {
    ...client,
    subjects: (id, options) => watch("subjects", client.subjects(id, options)),
    deletions: (id, options = {}) => (options.type ? client.deletions(id, options) : watch("deletions", client.deletions(id, options))),
    leavers: (id, options) => watch("leavers", client.leavers(id, options)),
  };
}

/** The activity a run recorded about itself ("Sync Completed" or "Sync Failed"). */
const runEvent = (summary: SyncSummary) => db.activityEvent.findFirstOrThrow({ where: { schoolId: summary.schoolId, subjectType: "SyncRun", subjectId: summary.runId } });

describe("who is refused", () => {
  it("a school without Wonde credentials is refused with its message, and no run is recorded", async () => {
    const school = await db.school.create({ data: { name: "Not Yet Connected", wondeId: REFUSED!.id } });
    await expect(syncSchool(db, school.id, { mode: "full", trigger: "MANUAL" })).rejects.toThrow(new Error("This school is not connected to Wonde yet: connect it in Settings."));
    expect(await db.syncRun.count({ where: { schoolId: school.id } })).toBe(0);
    // From the CLI, with a client of its own, the same school syncs.
    expect(await runSync(db, emulator, school.id)).toMatchObject({ status: "SUCCEEDED", mode: "full" });
  });

  it("a run refused because another is running is marked FAILED with the reason", async () => {
    // Refused before Wonde is asked anything: the school need not exist there.
    const school = await connectedSchool(db, "A3999999990");
    await db.school.update({ where: { id: school.id }, data: { syncLockRunId: "another-run", syncLockHeartbeat: new Date() } });
    await expect(runSync(db, emulator, school.id)).rejects.toBeInstanceOf(SyncAlreadyRunningError);
    const run = await db.syncRun.findFirstOrThrow({ where: { schoolId: school.id } });
    expect(run).toMatchObject({ status: "FAILED", error: "A sync of this school is already running. Wait for it to finish." });
    expect(run.finishedAt).not.toBeNull();
  });
});

describe("a run's mode and what it asks Wonde for", () => {
  it("the first run is full even when asked for incrementally; only full runs ask for the four lists' counts; an incremental run after a failed full one is not resumed", async () => {
    const school = await connectedSchool(db, FIRST_RUN!.id);
    const counts = emulator.state.counts(FIRST_RUN!.id);
    const countRequests = (mark: number) => requestsSince(mark).filter((r) => r.path === listPath(FIRST_RUN!.id, "counts"));

    let mark = emulator.state.log.total;
    const first = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(first).toMatchObject({ status: "SUCCEEDED", mode: "full", resumed: false });
    const firstRow = await db.syncRun.findUniqueOrThrow({ where: { id: first.runId } });
    // The row says what the run was, not what was asked for, and when it started.
    expect(firstRow).toMatchObject({ status: "SUCCEEDED", mode: "full" });
    expect(firstRow.startedAt).not.toBeNull();
    expect(firstRow.startedAt!.getTime()).toBeLessThanOrEqual(firstRow.finishedAt!.getTime());
    // Asked for the four lists it reads (not contacts, which Staffroom never reads).
    expect(countRequests(mark).map((r) => r.params.get("include")?.split(",").sort())).toEqual([["classes", "employees", "students", "subjects"]]);
    expect(firstRow.progress).toMatchObject({ students: { total: counts.students }, employees: { total: counts.employees }, classes: { total: counts.classes }, subjects: { total: counts.subjects } });

    // A full run that fails on classes leaves a checkpoint after subjects, staff and pupils.
    emulator.state.setFaults([{ kind: "server_error", path: `${FIRST_RUN!.id}/classes` }]);
    const failed = await runSync(db, emulator, school.id);
    emulator.state.setFaults([]);
    expect(failed).toMatchObject({ status: "FAILED", mode: "full" });
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: failed.runId } })).checkpoint).toMatchObject({ mode: "full", completed: ["subjects", "employees", "students"] });

    // An incremental run does not resume it: it reads every list from the last success's cursor.
    mark = emulator.state.log.total;
    const incremental = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(incremental).toMatchObject({ status: "SUCCEEDED", mode: "incremental", resumed: false });
    expect(requestsSince(mark).some((r) => r.path === listPath(FIRST_RUN!.id, "subjects"))).toBe(true);
    // No totals: an incremental list brings only what changed, so a bar against the whole school would be wrong.
    expect(countRequests(mark)).toEqual([]);
    const incrementalRow = await db.syncRun.findUniqueOrThrow({ where: { id: incremental.runId } });
    expect(incrementalRow.mode).toBe("incremental");
    for (const entity of ["students", "employees", "classes", "subjects"]) expect((incrementalRow.progress as Record<string, { total: number | null }>)[entity]!.total).toBeNull();

    // A failed incremental run's checkpoint says what it finished, but keeps no ids: it is never
    // resumed from, and only a full run archives what it did not see.
    const subject = emulator.state.school(FIRST_RUN!.id)!.subjects[0]!;
    subject.name = `${subject.name} (renamed)`;
    subject.updatedAt = Date.parse(`${emulator.state.now().replace(" ", "T")}Z`) / 1000;
    emulator.state.school(FIRST_RUN!.id)!.version += 1;
    emulator.state.setFaults([{ kind: "server_error", path: `${FIRST_RUN!.id}/classes` }]);
    const failedIncremental = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(failedIncremental).toMatchObject({ status: "FAILED", mode: "incremental" });
    expect(failedIncremental.counts.subjects.updated).toBe(1);
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: failedIncremental.runId } })).checkpoint).toMatchObject({ mode: "incremental", completed: ["subjects", "employees", "students"], seen: { subjects: [], employees: [], students: [] } });

    // A full run after it starts afresh (and fails on classes again); the next resumes that one,
    // and does not ask Wonde again for the lists it had finished.
    expect(await runSync(db, emulator, school.id)).toMatchObject({ status: "FAILED", resumed: false });
    emulator.state.setFaults([]);
    mark = emulator.state.log.total;
    const resumed = await runSync(db, emulator, school.id);
    expect(resumed).toMatchObject({ status: "SUCCEEDED", mode: "full", resumed: true });
    expect(requestsSince(mark).filter((r) => r.path === listPath(FIRST_RUN!.id, "subjects"))).toEqual([]);
    expect(requestsSince(mark).some((r) => r.path === listPath(FIRST_RUN!.id, "classes"))).toBe(true);
  });
});

describe("the incremental cursor", () => {
  // Every record of the school is stamped long ago, but one pupil an hour later: that pupil's
  // updated_at becomes the cursor, and is the only record within its one-minute overlap.
  const OLD = Math.floor(Date.parse("2024-12-02T10:00:00Z") / 1000);
  const CURSOR = OLD + 3600;

  it("re-reads the last minute before the cursor (Wonde's clocks decide), and counts what it quarantines there", async () => {
    const data = emulator.state.school(STAMPS!.id)!;
    for (const record of [...data.students, ...data.leavers, ...data.employees, ...data.contacts, ...data.classes, ...data.subjects]) record.updatedAt = OLD;
    for (const deletion of data.deletions) deletion.deletedAt = OLD;
    const [newest, late] = data.students;
    newest!.updatedAt = CURSOR;
    data.version += 1;
    // Another school's quarantined record is not this school's.
    const other = await createSchool(db);
    await db.syncQuarantine.create({ data: { schoolId: other.id, entity: "students", endpoint: "schools/elsewhere/students", wondeId: "elsewhere-1", field: "date_of_birth", valueType: "list", reason: "can't be read as a date", runId: "elsewhere-run" } });

    const school = await connectedSchool(db, STAMPS!.id);
    const full = await runSync(db, emulator, school.id);
    expect(full).toMatchObject({ status: "SUCCEEDED", quarantined: 0 });
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: full.runId } })).cursor?.getTime()).toBe(CURSOR * 1000);

    // The pupil at the cursor can no longer be read: the next incremental run reads it again
    // (inside the overlap), quarantines it and counts it, though it wrote nothing else.
    emulator.state.setMutations([{ path: `${STAMPS!.id}/students`, field: "date_of_birth", as: "array", ids: [newest!.id] }]);
    const mark = emulator.state.log.total;
    const second = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(second).toMatchObject({ status: "SUCCEEDED", mode: "incremental", quarantined: 1 });
    const studentLists = requestsSince(mark).filter((r) => r.path === listPath(STAMPS!.id, "students"));
    expect(studentLists.map((r) => r.params.get("updated_after"))).toEqual([formatWondeDateParam(new Date((CURSOR - 60) * 1000))]);
    expect((await listQuarantine(db, school.id)).rows.map((r) => r.wondeId)).toEqual([newest!.id]);

    // A change Wonde stamps half a minute before the cursor is still read, on the same page as the
    // pupil still unreadable: the change is written and the unreadable pupil kept in quarantine.
    late!.surname = "Latestamped";
    late!.updatedAt = CURSOR - 30;
    data.version += 1;
    const third = await runSync(db, emulator, school.id, { mode: "incremental" });
    emulator.state.setMutations([]);
    expect(third).toMatchObject({ status: "SUCCEEDED", mode: "incremental", quarantined: 1 });
    expect(third.counts.students.updated).toBe(1);
    const person = await db.externalId.findFirstOrThrow({ where: { schoolId: school.id, externalId: late!.id }, include: { person: true } });
    expect(person.person?.surname).toBe("Latestamped");
  });
});

describe("quarantine across runs", () => {
  it("is counted in progress; a record gone from Wonde is released by a full run without asking for it; one with no id waits for a full run", async () => {
    const data = emulator.state.school(QUARANTINE!.id)!;
    const pupil = data.students[0]!;
    // A subject that is in the MIS now, and will be deleted from it.
    const doomed = { ...data.subjects[0]!, id: `${data.subjects[0]!.id}X`, misId: "9999", code: "ZZ", name: "Doomed Studies" };
    data.subjects.push(doomed);
    data.version += 1;
    const counts = emulator.state.counts(QUARANTINE!.id);
    // The pupil's id can't be read (so it can't be asked for by id); the subject's name can't be read.
    emulator.state.setMutations([
      { path: `${QUARANTINE!.id}/students`, field: "id", as: "object", ids: [pupil.id] },
      { path: `${QUARANTINE!.id}/subjects`, field: "name", as: "object", ids: [doomed.id] },
    ]);

    const school = await connectedSchool(db, QUARANTINE!.id);
    const first = await runSync(db, emulator, school.id);
    expect(first).toMatchObject({ status: "SUCCEEDED", quarantined: 2 });
    // Progress counts every record read, readable or not.
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: first.runId } })).progress).toMatchObject({ students: { done: counts.students }, subjects: { done: counts.subjects } });
    expect(await held(school.id)).toEqual(["students:", `subjects:${doomed.id}`]);

    // The subject is deleted from the MIS: a full run, having read the whole list, releases it
    // without asking Wonde for it by id.
    data.subjects = data.subjects.filter((s) => s !== doomed);
    data.version += 1;
    const mark = emulator.state.log.total;
    const second = await runSync(db, emulator, school.id);
    expect(second).toMatchObject({ status: "SUCCEEDED", quarantined: 1 });
    expect(requestsSince(mark).filter((r) => r.path.startsWith(`${listPath(QUARANTINE!.id, "subjects")}/`))).toEqual([]);
    expect(await held(school.id)).toEqual(["students:"]);

    // An incremental run can't retry a record without an id, and does not read the whole list:
    // the record stays in quarantine.
    expect(await runSync(db, emulator, school.id, { mode: "incremental" })).toMatchObject({ status: "SUCCEEDED", mode: "incremental" });
    expect(await held(school.id)).toEqual(["students:"]);

    // Fixed in the MIS: the next full run reads the pupil and releases the entry.
    emulator.state.setMutations([]);
    const fixed = await runSync(db, emulator, school.id);
    expect(fixed).toMatchObject({ status: "SUCCEEDED", quarantined: 0 });
    expect(fixed.counts.students.created).toBe(1);
    expect(await held(school.id)).toEqual([]);
  });
});

describe("deletions", () => {
  it("only an incremental run reads them, since its cursor and with its other lists; one it can't read is quarantined until a full run has read every list", async () => {
    const id = DELETIONS!.id;
    const school = await connectedSchool(db, id);
    const events: string[] = [];
    const full = await timed(() => syncSchool(db, school.id, { mode: "full", trigger: "MANUAL", client: watchedClient(events) }));
    expect(full).toMatchObject({ status: "SUCCEEDED", mode: "full" });
    // No user asked for it: the log names the system as who did it.
    expect(await runEvent(full)).toMatchObject({ subjectLabel: "Full sync", actorUserId: null, actorLabel: "Sync" });
    // A full run archives what it did not see instead: it never asks for deletions.
    expect(events).toContain("read subjects");
    expect(events).not.toContain("asked deletions");
    // The leavers are asked for with the lists, not after them: their first page is waiting when the run gets to them.
    expect(events.indexOf("asked leavers")).toBeGreaterThanOrEqual(0);
    expect(events.indexOf("asked leavers")).toBeLessThan(events.indexOf("read subjects"));
    const cursor = await cursorOf(full);

    // An hour later a member of staff leaves; Wonde lists the deletion, which can't be read.
    const left = emulator.state.advanceTime({ seconds: 3600, schoolIds: [id], employees: { leavers: 1 } }).schools[0]!.employees.left[0]!;
    emulator.state.setMutations([{ path: `${id}/deletions`, field: "type", as: "object", ids: [left] }]);
    events.length = 0;
    const mark = emulator.state.log.total;
    const incremental = await syncSchool(db, school.id, { mode: "incremental", trigger: "MANUAL", client: watchedClient(events) });
    expect(incremental).toMatchObject({ status: "SUCCEEDED", mode: "incremental", quarantined: 1 });
    expect((await runEvent(incremental)).subjectLabel).toBe("Incremental sync");
    // Asked for with the other lists, before the first of them was read to the end, and only since the cursor.
    expect(events).toContain("asked deletions");
    expect(events.indexOf("asked deletions")).toBeLessThan(events.indexOf("read subjects"));
    const deletionLists = requestsSince(mark).filter((r) => r.path === listPath(id, "deletions") && !r.params.has("type"));
    expect(deletionLists.map((r) => r.params.get("updated_after"))).toEqual([formatWondeDateParam(new Date((cursor - 60) * 1000))]);
    // Quarantined, not acted on: the member of staff is not archived for it.
    expect(await held(school.id)).toEqual([`deletions:${left}`]);
    const leaver = () => personByWondeId(school.id, left);
    expect((await leaver()).archivedAt).toBeNull();

    // A full run that fails on classes archives the member of staff it no longer sees, but keeps
    // the deletion in quarantine: it has not read every list.
    emulator.state.setFaults([{ kind: "server_error", path: `${id}/classes` }]);
    const failed = await runSync(db, emulator, school.id);
    emulator.state.setFaults([]);
    expect(failed).toMatchObject({ status: "FAILED", mode: "full" });
    expect(failed.counts.employees.archived).toBe(1);
    expect((await leaver()).archivedAt).not.toBeNull();
    const archived = await db.activityEvent.findFirstOrThrow({ where: { schoolId: school.id, action: "User Archived", subjectId: (await leaver()).id } });
    expect(archived.details).toMatchObject({ reason: "no longer in the MIS" });
    expect(await held(school.id)).toEqual([`deletions:${left}`]);

    // The run that resumes it finishes every list: the deletion is released.
    expect(await runSync(db, emulator, school.id)).toMatchObject({ status: "SUCCEEDED", resumed: true });
    expect(await held(school.id)).toEqual([]);
    emulator.state.setMutations([]);
  });
});

describe("pupils' leaving dates", () => {
  it("a pupil deleted in the MIS leaves on the day of the deletion, unless the MIS's list of leavers gives a date: that one wins, then and later", async () => {
    const id = LEAVING_DATES!.id;
    const data = emulator.state.school(id)!;
    const school = await connectedSchool(db, id);
    const first = await runSync(db, emulator, school.id);
    expect(first.status).toBe("SUCCEEDED");

    // An hour later a pupil is deleted in the MIS, with no leaver's record.
    emulator.state.advanceTime({ seconds: 3600 });
    const pupil = deleteFirstPupil(id);
    const deletedOn = emulator.state.now().slice(0, 10);
    const person = () => personByWondeId(school.id, pupil.id);
    const leavingDate = async () => (await person()).leavingDate?.toISOString().slice(0, 10);

    const deleted = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(deleted).toMatchObject({ status: "SUCCEEDED", mode: "incremental" });
    expect(deleted.counts.students.archived).toBe(1);
    expect((await person()).archivedAt).not.toBeNull();
    expect(await leavingDate()).toBe(deletedOn);
    const archived = await db.activityEvent.findFirstOrThrow({ where: { schoolId: school.id, action: "User Archived", subjectId: (await person()).id } });
    expect(archived.details).toMatchObject({ reason: "deleted in the MIS" });

    // The MIS then lists the pupil among its leavers, with an earlier leaving date (stamped
    // before the cursor, so only a full run reads it): a full run stores the MIS's date.
    pupil.leavingDate = Date.parse("2025-01-10T00:00:00Z") / 1000;
    pupil.updatedAt = (await cursorOf(first)) - 3600;
    data.leavers.push(pupil);
    data.version += 1;
    expect(await runSync(db, emulator, school.id)).toMatchObject({ status: "SUCCEEDED", mode: "full" });
    expect(await leavingDate()).toBe("2025-01-10");

    // The next incremental run reads the deletion again (within the cursor's overlap), not the
    // leaver's record: the MIS's date stays.
    const mark = emulator.state.log.total;
    expect(await runSync(db, emulator, school.id, { mode: "incremental" })).toMatchObject({ status: "SUCCEEDED", mode: "incremental" });
    expect(requestsSince(mark).filter((r) => r.path === listPath(id, "deletions") && !r.params.has("type"))).toHaveLength(1);
    expect(await leavingDate()).toBe("2025-01-10");
  });
});

describe("quarantined leavers", () => {
  it("are counted; an incremental run releases only those it reads again, a full run those it no longer finds", async () => {
    const id = HELD_LEAVERS!.id;
    const data = emulator.state.school(id)!;
    // Two pupils who left last summer (a small school has few leavers of its own).
    const [fixed, gone] = data.students.slice(-2);
    data.students = data.students.filter((s) => s !== fixed && s !== gone);
    for (const cls of data.classes) cls.students = cls.students.filter((s) => s !== fixed && s !== gone);
    for (const leaver of [fixed!, gone!]) leaver.leavingDate = Date.parse("2024-07-19T00:00:00Z") / 1000;
    data.leavers.push(fixed!, gone!);
    data.version += 1;
    const school = await connectedSchool(db, id);
    // Two leavers can't be read: the only records this run quarantines.
    emulator.state.setMutations([{ path: `${id}/students-leaver`, field: "date_of_birth", as: "array", ids: [fixed!.id, gone!.id] }]);
    const first = await runSync(db, emulator, school.id);
    expect(first).toMatchObject({ status: "SUCCEEDED", quarantined: 2 });
    expect(await held(school.id)).toEqual([`students-leaver:${fixed!.id}`, `students-leaver:${gone!.id}`].sort());

    // Neither changed since the cursor: an incremental run does not read them, and keeps them.
    for (const leaver of [fixed!, gone!]) leaver.updatedAt = (await cursorOf(first)) - 3600;
    data.version += 1;
    expect(await runSync(db, emulator, school.id, { mode: "incremental" })).toMatchObject({ status: "SUCCEEDED", mode: "incremental", quarantined: 0 });
    expect(await held(school.id)).toEqual([`students-leaver:${fixed!.id}`, `students-leaver:${gone!.id}`].sort());

    // One is fixed in the MIS (and so stamped): the incremental run reads it and releases it.
    emulator.state.setMutations([{ path: `${id}/students-leaver`, field: "date_of_birth", as: "array", ids: [gone!.id] }]);
    fixed!.updatedAt = wondeNow();
    data.version += 1;
    expect(await runSync(db, emulator, school.id, { mode: "incremental" })).toMatchObject({ status: "SUCCEEDED", mode: "incremental" });
    expect(await held(school.id)).toEqual([`students-leaver:${gone!.id}`]);

    // The other is no longer in the MIS: a full run, having read the whole list, releases it.
    data.leavers = data.leavers.filter((l) => l !== gone);
    data.version += 1;
    expect(await runSync(db, emulator, school.id)).toMatchObject({ status: "SUCCEEDED", mode: "full", quarantined: 0 });
    expect(await held(school.id)).toEqual([]);
    emulator.state.setMutations([]);
  });
});

describe("retried records and former staff", () => {
  it("an incremental run retries a quarantined subject by id, and writes it once it can be read", async () => {
    const id = SUBJECT_RETRY!.id;
    const subject = emulator.state.school(id)!.subjects[0]!;
    const school = await connectedSchool(db, id);
    emulator.state.setMutations([{ path: `${id}/subjects`, field: "name", as: "object", ids: [subject.id] }]);
    expect(await runSync(db, emulator, school.id)).toMatchObject({ status: "SUCCEEDED", quarantined: 1 });
    expect(await held(school.id)).toEqual([`subjects:${subject.id}`]);

    // Fixed in the MIS without its updated_at moving: the incremental list does not bring it.
    emulator.state.setMutations([]);
    const retried = await timed(() => runSync(db, emulator, school.id, { mode: "incremental" }));
    expect(retried).toMatchObject({ status: "SUCCEEDED", mode: "incremental", quarantined: 0 });
    expect(retried.counts.subjects.created).toBe(1);
    expect(await held(school.id)).toEqual([]);
    expect(await db.externalId.count({ where: { schoolId: school.id, entity: "subject", externalId: subject.id, subjectId: { not: null } } })).toBe(1);
  });

  it("a member of staff whose contract ended stays in the MIS as former staff: archived, and their account disabled", async () => {
    const id = CONTRACT_END!.id;
    const school = await connectedSchool(db, id);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    const ended = emulator.state.advanceTime({ seconds: 3600, schoolIds: [id], employees: { contractEnds: 1 } }).schools[0]!.employees.contractsEnded[0]!;
    const member = async () => (await db.externalId.findFirstOrThrow({ where: { schoolId: school.id, externalId: ended }, include: { person: { include: { user: true } } } })).person!;
    expect((await member()).user?.disabledAt).toBeNull();

    const summary = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(summary).toMatchObject({ status: "SUCCEEDED", mode: "incremental" });
    expect(summary.counts.employees.archived).toBe(1);
    expect((await member()).archivedAt).not.toBeNull();
    expect((await member()).user?.disabledAt).toBeInstanceOf(Date);
  });
});

describe("failed runs", () => {
  it("a resumed run that fails for a reason no list is to blame for is resumed again", async () => {
    const id = RESUMED!.id;
    const school = await connectedSchool(db, id);
    emulator.state.setFaults([{ kind: "server_error", path: `${id}/classes` }]);
    const first = await timed(() => runSync(db, emulator, school.id));
    expect(first).toMatchObject({ status: "FAILED", mode: "full", resumed: false });

    // Resumed, it fails before reading any list: Wonde won't say what the school approved.
    emulator.state.setFaults([{ kind: "server_error", path: `meta/schools/${id}/permissions` }]);
    const second = await runSync(db, emulator, school.id);
    emulator.state.setFaults([]);
    expect(second).toMatchObject({ status: "FAILED", mode: "full", resumed: true });
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: second.runId } })).checkpoint).toMatchObject({ completed: ["subjects", "employees", "students"], failed: [], restart: false });

    const mark = emulator.state.log.total;
    expect(await runSync(db, emulator, school.id)).toMatchObject({ status: "SUCCEEDED", mode: "full", resumed: true });
    expect(requestsSince(mark).filter((r) => r.path === listPath(id, "subjects"))).toEqual([]);
  });

  it("an incremental run whose deletions and leavers fail says so, and records them as the steps that failed", async () => {
    const id = FAILED_STEPS!.id;
    const school = await connectedSchool(db, id);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");

    // The run's own list of deletions fails (not the migration check's, asked for by type), and so do the leavers.
    const failDeletions: typeof fetch = async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.endsWith("/deletions/") && !url.searchParams.has("type")) return new Response(JSON.stringify({ error: "server_error", error_description: "Down" }), { status: 500, headers: { "content-type": "application/json" } });
      return fetch(input, init);
    };
    const client = createWondeClient({ baseUrl: emulator.url, token: "demo", retry: { sleep: async () => {} }, fetch: failDeletions });
    emulator.state.setFaults([{ kind: "server_error", path: `${id}/students-leaver` }]);
    const failed = await timed(() => syncSchool(db, school.id, { mode: "incremental", trigger: "MANUAL", client }));
    emulator.state.setFaults([]);
    expect(failed).toMatchObject({ status: "FAILED", mode: "incremental" });
    expect(failed.error).toMatch(/^Deletions could not be synced: .+ Leavers could not be synced: .+ Not written: deletions and leavers; the next sync tries again\.$/);
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: failed.runId } })).checkpoint).toMatchObject({ mode: "incremental", failed: ["deletions", "leavers"] });
    expect(await runEvent(failed)).toMatchObject({ action: "Sync Failed", subjectLabel: "Incremental sync" });
  });
});

describe("what a failed run tells the admin", () => {
  it("names what failed and why, then what it wrote of each list (new, updated, archived) and what it did not", async () => {
    const id = WRITTEN!.id;
    const data = emulator.state.school(id)!;
    const school = await connectedSchool(db, id);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");

    // An hour later one member of staff starts, one leaves and one is renamed; then a full run fails on classes.
    const { started: starters, left } = emulator.state.advanceTime({ seconds: 3600, schoolIds: [id], employees: { starters: 1, leavers: 1 } }).schools[0]!.employees;
    expect([starters.length, left.length]).toEqual([1, 1]);
    const renamed = data.employees.find((e) => e.current && !left.includes(e.id) && !starters.includes(e.id))!;
    renamed.surname = `${renamed.surname}-Renamed`;
    renamed.updatedAt = wondeNow();
    data.version += 1;
    emulator.state.setFaults([{ kind: "server_error", path: `${id}/classes` }]);
    const failed = await runSync(db, emulator, school.id);
    emulator.state.setFaults([]);
    const message = "Classes could not be synced: Wonde is having problems right now. The sync will be retried later. Written: staff 1 new, 1 updated, 1 archived. Not written: classes; the next sync tries again.";
    expect(failed).toMatchObject({ status: "FAILED", mode: "full", error: message });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: failed.runId } })).toMatchObject({ status: "FAILED", error: message });
    expect((await runEvent(failed)).details).toMatchObject({ error: message });
  });

  it("an error that is not Wonde's is told as a sentence: without the line break it starts with, and with a full stop though it has dots inside", async () => {
    const school = await connectedSchool(db, NOT_WONDE!.id);
    const client = emulatorClient(emulator);
    // A raw connection error that escaped the client, while the run reads what the school approved.
    const failing: WondeClient = { ...client, permissions: async () => Promise.reject(new Error("\nconnect ECONNREFUSED 10.0.0.7:443")) };
    const failed = await syncSchool(db, school.id, { mode: "full", trigger: "MANUAL", client: failing });
    expect(failed).toMatchObject({ status: "FAILED", error: "connect ECONNREFUSED 10.0.0.7:443. Nothing was changed." });
    expect((await runEvent(failed)).details).toMatchObject({ error: "connect ECONNREFUSED 10.0.0.7:443. Nothing was changed." });
  });
});

describe("quarantined records retried by id", () => {
  it("an incremental run asks Wonde again only for those its list did not bring (never one without an id); a 404 means gone and releases it; any other failure fails the list and keeps it", async () => {
    const id = RETRIED!.id;
    const data = emulator.state.school(id)!;
    const [gone, fixed, still, noId] = data.students;
    const school = await connectedSchool(db, id);
    emulator.state.setMutations([
      { path: `${id}/students`, field: "date_of_birth", as: "array", ids: [gone!.id, fixed!.id, still!.id] },
      { path: `${id}/students`, field: "id", as: "object", ids: [noId!.id] },
    ]);
    const first = await runSync(db, emulator, school.id);
    expect(first).toMatchObject({ status: "SUCCEEDED", quarantined: 4 });
    const cursor = await cursorOf(first);

    // One pupil is deleted from the MIS; one is fixed (and so stamped: the incremental list brings it); one is still unreadable.
    data.students = data.students.filter((s) => s !== gone);
    for (const cls of data.classes) cls.students = cls.students.filter((s) => s !== gone);
    emulator.state.setMutations([
      { path: `${id}/students`, field: "date_of_birth", as: "array", ids: [still!.id] },
      { path: `${id}/students`, field: "id", as: "object", ids: [noId!.id] },
    ]);
    fixed!.updatedAt = wondeNow();
    data.version += 1;
    const mark = emulator.state.log.total;
    const retried = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(retried).toMatchObject({ status: "SUCCEEDED", mode: "incremental", quarantined: 1 });
    expect(retried.counts.students.created).toBe(1);
    const students = listPath(id, "students");
    // The list once, since the cursor; by id only the two it did not bring (not the fixed one, not the one without an id).
    expect(requestsSince(mark).filter((r) => r.path === students).map((r) => r.params.get("updated_after"))).toEqual([formatWondeDateParam(new Date((cursor - 60) * 1000))]);
    expect(requestsSince(mark).filter((r) => r.path.startsWith(`${students}/`)).map((r) => r.path).sort()).toEqual([`${students}/${gone!.id}`, `${students}/${still!.id}`].sort());
    expect(await held(school.id)).toEqual(["students:", `students:${still!.id}`]);

    // Wonde fails on the one still held: the pupils' list fails and the record stays in quarantine.
    emulator.state.setFaults([{ kind: "server_error", path: `${id}/students/${still!.id}` }]);
    const failed = await runSync(db, emulator, school.id, { mode: "incremental" });
    emulator.state.setFaults([]);
    emulator.state.setMutations([]);
    expect(failed).toMatchObject({
      status: "FAILED",
      mode: "incremental",
      error: "Pupils could not be synced: Wonde is having problems right now. The sync will be retried later. Nothing was changed. Not written: pupils after the first 1 page; the next sync tries again.",
    });
    expect(await held(school.id)).toEqual(["students:", `students:${still!.id}`]);
  });
});

describe("a school's own time zone", () => {
  it("is kept on the school's row, and a pupil deleted in the evening (UTC) leaves on the next day in Auckland", async () => {
    const id = TIME_ZONE!.id;
    const client = emulatorClient(emulator);
    const inAuckland: WondeClient = { ...client, school: async (wondeId, options) => ({ ...(await client.school(wondeId, options)), timezone: "Pacific/Auckland" }) };
    const school = await connectedSchool(db, id);
    expect(await syncSchool(db, school.id, { mode: "full", trigger: "MANUAL", client: inAuckland })).toMatchObject({ status: "SUCCEEDED" });
    expect((await db.school.findUniqueOrThrow({ where: { id: school.id } })).timezone).toBe("Pacific/Auckland");

    // Wonde's clock to 20:00 UTC, 8 or 9 in the morning of the next day in Auckland; then a pupil is deleted.
    const day = 24 * 3600;
    emulator.state.advanceTime({ seconds: (((20 * 3600 - (wondeNow() % day)) % day) + day) % day || day });
    expect(emulator.state.now().slice(11)).toBe("20:00:00");
    const pupil = deleteFirstPupil(id);
    const nextDay = new Date(Date.parse(`${emulator.state.now().slice(0, 10)}T00:00:00Z`) + day * 1000).toISOString().slice(0, 10);

    const deleted = await syncSchool(db, school.id, { mode: "incremental", trigger: "MANUAL", client: inAuckland });
    expect(deleted).toMatchObject({ status: "SUCCEEDED", mode: "incremental" });
    expect(deleted.counts.students.archived).toBe(1);
    const person = await personByWondeId(school.id, pupil.id);
    expect(person.leavingDate?.toISOString().slice(0, 10)).toBe(nextDay);
  });
});

describe("classes and subjects the MIS no longer has", () => {
  it("a full run archives them and counts them, and keeps the rest", async () => {
    const id = GROUPS_GONE!.id;
    const data = emulator.state.school(id)!;
    const school = await connectedSchool(db, id);
    const first = await runSync(db, emulator, school.id);
    expect(first).toMatchObject({ status: "SUCCEEDED", mode: "full" });
    expect([first.counts.classes.archived, first.counts.subjects.archived]).toEqual([0, 0]);

    // The MIS drops a class and a subject (the classes that taught it keep going without one).
    const gone = { cls: data.classes[0]!, subject: data.subjects[0]! };
    data.classes = data.classes.filter((c) => c !== gone.cls);
    data.subjects = data.subjects.filter((s) => s !== gone.subject);
    for (const c of data.classes) if (c.subject?.id === gone.subject.id) c.subject = null;
    data.version += 1;

    const second = await runSync(db, emulator, school.id);
    expect(second).toMatchObject({ status: "SUCCEEDED", mode: "full" });
    expect([second.counts.classes.archived, second.counts.subjects.archived]).toEqual([1, 1]);
    const archivedOf = async (entity: "class" | "subject", wondeId: string) => {
      const row = await db.externalId.findFirstOrThrow({ where: { schoolId: school.id, entity, externalId: wondeId }, include: { class: true, subject: true } });
      return (row.class ?? row.subject)!.archivedAt;
    };
    expect(await archivedOf("class", gone.cls.id)).not.toBeNull();
    expect(await archivedOf("subject", gone.subject.id)).not.toBeNull();
    expect(await db.class.count({ where: { schoolId: school.id, archivedAt: null } })).toBe(data.classes.length);
    expect(await db.subject.count({ where: { schoolId: school.id, archivedAt: null } })).toBe(data.subjects.length);
  });
});

describe("the school's own details", () => {
  it("each change Wonde reports to the MIS's name, the URN, the time zone or the region is kept on the school's row, one at a time", async () => {
    const client = emulatorClient(emulator);
    let changes: Record<string, unknown> = {};
    const changing: WondeClient = { ...client, school: async (wondeId, options) => ({ ...(await client.school(wondeId, options)), ...changes }) };
    const school = await connectedSchool(db, DETAILS!.id);
    const row = () => db.school.findUniqueOrThrow({ where: { id: school.id }, select: { mis: true, urn: true, timezone: true, regionDomain: true } });
    expect(await syncSchool(db, school.id, { mode: "full", trigger: "MANUAL", client: changing })).toMatchObject({ status: "SUCCEEDED" });
    const first = await row();
    expect(first.mis).toBe("SIMS");

    // Each step changes one detail and nothing else (the approved scopes stay the same).
    const steps: [Record<string, unknown>, Partial<typeof first>][] = [
      [{ mis: "Capita SIMS" }, { mis: "Capita SIMS" }], // the same MIS as Wonde may spell it: no migration
      [{ urn: "654321" }, { urn: "654321" }],
      [{ timezone: "Europe/Dublin" }, { timezone: "Europe/Dublin" }],
      [{ region: { code: null, domain: "region.example.org" } }, { regionDomain: "region.example.org" }],
    ];
    let expected = first;
    for (const [change, stored] of steps) {
      changes = { ...changes, ...change };
      expected = { ...expected, ...stored };
      expect(await syncSchool(db, school.id, { mode: "incremental", trigger: "MANUAL", client: changing })).toMatchObject({ status: "SUCCEEDED" });
      expect(await row()).toEqual(expected);
    }
  });
});
