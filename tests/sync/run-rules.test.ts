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
import { syncSchool } from "@/server/sync/run";
import { formatWondeDateParam } from "@/server/wonde/dates";
import { createSchool } from "../helpers/fixtures";
import { connectedSchool, runSync, smallSchools, startEmulator, type RunningEmulator } from "../helpers/sync";

const [REFUSED, FIRST_RUN, STAMPS, QUARANTINE] = smallSchools(4, 30);

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: "run-rules", schools: [REFUSED!, FIRST_RUN!, STAMPS!, QUARANTINE!] });
});
afterAll(async () => {
  await emulator.close();
  await db.$disconnect();
});

/** The requests Wonde received since `mark`, as path and query parameters. */
const requestsSince = (mark: number) => emulator.state.requestLog(mark).map((r) => ({ path: r.path.replace(/\/+$/, ""), params: new URLSearchParams(r.query) }));
const listPath = (wondeId: string, list: string) => `/v1.0/schools/${wondeId}/${list}`;

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
    const held = async () => (await listQuarantine(db, school.id)).rows.map((r) => `${r.entity}:${r.wondeId}`).sort();
    expect(await held()).toEqual(["students:", `subjects:${doomed.id}`]);

    // The subject is deleted from the MIS: a full run, having read the whole list, releases it
    // without asking Wonde for it by id.
    data.subjects = data.subjects.filter((s) => s !== doomed);
    data.version += 1;
    const mark = emulator.state.log.total;
    const second = await runSync(db, emulator, school.id);
    expect(second).toMatchObject({ status: "SUCCEEDED", quarantined: 1 });
    expect(requestsSince(mark).filter((r) => r.path.startsWith(`${listPath(QUARANTINE!.id, "subjects")}/`))).toEqual([]);
    expect(await held()).toEqual(["students:"]);

    // An incremental run can't retry a record without an id, and does not read the whole list:
    // the record stays in quarantine.
    expect(await runSync(db, emulator, school.id, { mode: "incremental" })).toMatchObject({ status: "SUCCEEDED", mode: "incremental" });
    expect(await held()).toEqual(["students:"]);

    // Fixed in the MIS: the next full run reads the pupil and releases the entry.
    emulator.state.setMutations([]);
    const fixed = await runSync(db, emulator, school.id);
    expect(fixed).toMatchObject({ status: "SUCCEEDED", quarantined: 0 });
    expect(fixed.counts.students.created).toBe(1);
    expect(await held()).toEqual([]);
  });
});
