/**
 * The sync against Wonde data that is not as expected: records it can't read are
 * quarantined and retried, a failed list does not stop the others, checkpoints, the
 * variance school, leaving dates, and lists that leave archived people out.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID, PARKSIDE_ID, startEmulator, type RunningEmulator } from "@/emulator/server";
import { db } from "@/server/db";
import { listClasses, listPupils, listStaff } from "@/server/people/list";
import { refreshStaffOnSignIn } from "@/server/sync/refresh-on-sign-in";
import { syncRunStatus } from "@/server/sync/status";
import { describeQuarantined } from "@/components/sync/run-shape";
import { pupilStatusLabel } from "@/components/pupils/pupils-table";
import { freshDb } from "../helpers/database";
import { connectedSchool, emulatorClient, runSync, snapshot } from "../helpers/sync";

const LITTLE_HADHAM = "A1507281963";
const ST_MARYS = "A2102984463";
const HARBOUR_VIEW = "A1161584171";
const BROOKFIELD = "A2013847265";
const MEADOWBANK = "A1840362118";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: "data-quality" });
});
afterAll(async () => {
  await emulator.close();
  await db.$disconnect();
});

const externalIdsOf = async (schoolId: string, entity: string) =>
  new Set((await db.externalId.findMany({ where: { schoolId, entity, person: { archivedAt: null } }, select: { externalId: true } })).map((e) => e.externalId));

describe("quarantine", () => {
  it("skips an unreadable pupil, reports it in plain English, retries it every run and releases it once it reads", async () => {
    const school = await connectedSchool(db, LITTLE_HADHAM);
    const [odd, next] = emulator.state.school(LITTLE_HADHAM)!.students;
    emulator.state.setMutations([{ path: `${LITTLE_HADHAM}/students`, field: "education_details.data.part_time", as: "object", ids: [odd!.id] }]);

    const first = await runSync(db, emulator, school.id);
    expect(first).toMatchObject({ status: "SUCCEEDED", quarantined: 1 });
    const pupils = await externalIdsOf(school.id, "student");
    expect(pupils.has(odd!.id)).toBe(false);
    expect(pupils.has(next!.id)).toBe(true);
    expect(pupils.size).toBe(emulator.state.counts(LITTLE_HADHAM).students - 1);

    const status = await syncRunStatus(db, school.id);
    expect(status.run).toMatchObject({ status: "SUCCEEDED", quarantined: 1 });
    expect(status.quarantine.total).toBe(1);
    const [entry] = status.quarantine.rows;
    expect(entry).toMatchObject({ entity: "students", wondeId: odd!.id, field: "education_details.data.part_time", valueType: "object", reason: "can't be read as yes or no" });
    expect(describeQuarantined(entry!)).toBe(`Pupil "${odd!.surname}, ${odd!.forename}" (Wonde id ${odd!.id}): its part time is an object, which can't be read as yes or no.`);

    // An incremental run asks Wonde for it by id, even though it has not changed.
    const mark = emulator.state.log.total;
    const again = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(again).toMatchObject({ status: "SUCCEEDED", mode: "incremental", quarantined: 1 });
    expect(emulator.state.requestLog(mark).some((r) => r.path.endsWith(`/students/${odd!.id}`))).toBe(true);

    // Fixed in the MIS: the next run reads it and the quarantine entry goes.
    emulator.state.setMutations([]);
    const fixed = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(fixed).toMatchObject({ status: "SUCCEEDED", quarantined: 0 });
    expect((await externalIdsOf(school.id, "student")).has(odd!.id)).toBe(true);
    expect((await syncRunStatus(db, school.id)).quarantine.total).toBe(0);

    // Unreadable again later: a full run skips it but never archives a pupil for it.
    emulator.state.setMutations([{ path: `${LITTLE_HADHAM}/students`, field: "date_of_birth", as: "array", ids: [odd!.id] }]);
    const full = await runSync(db, emulator, school.id, { mode: "full" });
    emulator.state.setMutations([]);
    expect(full).toMatchObject({ status: "SUCCEEDED", quarantined: 1 });
    expect(full.counts.students.archived).toBe(0);
    expect((await externalIdsOf(school.id, "student")).has(odd!.id)).toBe(true);
  });

  it("a page that is not JSON fails the run, and the message says what was written and what was not", async () => {
    const school = await connectedSchool(db, MEADOWBANK);
    emulator.state.setFaults([{ kind: "bad_json", path: `${MEADOWBANK}/classes` }]);
    const summary = await runSync(db, emulator, school.id);
    emulator.state.setFaults([]);
    expect(summary.status).toBe("FAILED");
    const counts = emulator.state.counts(MEADOWBANK);
    expect(summary.error).toContain(`Classes could not be synced: Wonde sent a response Staffroom could not read (schools/${MEADOWBANK}/classes, page 1)`);
    expect(summary.error).toContain(`Written: subjects ${counts.subjects} new, staff ${counts.currentEmployees} new and pupils ${counts.students} new.`);
    expect(summary.error).toContain("Not written: classes; the next sync tries again.");
    expect(summary.error).not.toContain("without changing anything");
    expect((await externalIdsOf(school.id, "student")).size).toBe(counts.students);
  });
});

describe("entity isolation and checkpoints", () => {
  it("a school whose classes fail still gets the next days' pupil and staff changes, and ends as a clean sync would", async () => {
    const school = await connectedSchool(db, ST_MARYS);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    emulator.state.setFaults([{ kind: "bad_json", path: `${ST_MARYS}/classes` }]);

    for (let day = 0; day < 2; day++) {
      const report = emulator.state.advanceTime({ schoolIds: [ST_MARYS], students: { edits: 3, starters: 2, leavers: 1 }, employees: { edits: 2, starters: 1, leavers: 1 } }).schools[0]!;
      const summary = await runSync(db, emulator, school.id, { mode: "incremental" });
      expect(summary.status).toBe("FAILED");
      expect(summary.error).toMatch(/^Classes could not be synced/);
      const pupils = await externalIdsOf(school.id, "student");
      const staff = await externalIdsOf(school.id, "employee");
      for (const id of report.students.started) expect(pupils.has(id)).toBe(true);
      for (const id of report.students.left) expect(pupils.has(id)).toBe(false);
      for (const id of report.employees.started) expect(staff.has(id)).toBe(true);
      for (const id of report.employees.left) expect(staff.has(id)).toBe(false);
      expect(pupils.size).toBe(emulator.state.counts(ST_MARYS).students);
      // Surname changes and the like arrived too.
      const edited = emulator.state.school(ST_MARYS)!.students.filter((s) => report.students.edited.includes(s.id));
      for (const s of edited) {
        const row = await db.externalId.findFirstOrThrow({ where: { schoolId: school.id, externalId: s.id }, include: { person: true } });
        expect(row.person).toMatchObject({ surname: s.surname, middleNames: s.middleNames });
      }
    }

    emulator.state.setFaults([]);
    expect((await runSync(db, emulator, school.id, { mode: "incremental" })).status).toBe("SUCCEEDED");
    const clean = await freshDb();
    try {
      const reference = await connectedSchool(clean, ST_MARYS);
      expect((await runSync(clean, emulator, reference.id)).status).toBe("SUCCEEDED");
      const ours = await snapshot(db, school.id);
      const theirs = await snapshot(clean, reference.id);
      // Leavers are archived here (history kept) and simply absent from a first sync.
      const current = (s: typeof ours) => ({ ...s, people: s.people.filter((p) => !p.archivedAt).map(({ leavingDate: _l, ...p }) => p) });
      expect(current(ours)).toEqual(current(theirs));
    } finally {
      await clean.$disconnect();
    }
  });

  it("a resumed run that fails again on the same list gives up its checkpoint: the next run starts from scratch", async () => {
    const school = await connectedSchool(db, BROOKFIELD);
    emulator.state.setFaults([{ kind: "server_error", path: `${BROOKFIELD}/classes` }]);
    const first = await runSync(db, emulator, school.id);
    expect(first).toMatchObject({ status: "FAILED", resumed: false });
    const resumed = await runSync(db, emulator, school.id);
    expect(resumed).toMatchObject({ status: "FAILED", resumed: true });
    // It skipped what the first run finished.
    expect(resumed.counts.students).toEqual({ created: 0, updated: 0, archived: 0, unchanged: 0 });
    const restarted = await runSync(db, emulator, school.id);
    emulator.state.setFaults([]);
    expect(restarted).toMatchObject({ status: "FAILED", resumed: false, mode: "full" });
    expect(restarted.counts.students.unchanged).toBe(emulator.state.counts(BROOKFIELD).students);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
  });

  it("a sign-in refresh of one person between a failed run and the next does not discard the checkpoint", async () => {
    const other = await freshDb();
    try {
      const school = await connectedSchool(other, OAKFIELD_ID);
      emulator.state.setFaults([{ kind: "server_error", path: `${OAKFIELD_ID}/students` }]);
      expect((await runSync(other, emulator, school.id)).status).toBe("FAILED");
      emulator.state.setFaults([]);

      const user = await other.user.findFirstOrThrow({ where: { person: { schoolId: school.id } } });
      expect(await refreshStaffOnSignIn(other, user.id, { client: emulatorClient(emulator) })).toMatchObject({ status: "refreshed" });
      expect(await other.syncRun.count({ where: { schoolId: school.id, trigger: "SIGN_IN" } })).toBe(1);

      const resumed = await runSync(other, emulator, school.id);
      expect(resumed).toMatchObject({ status: "SUCCEEDED", resumed: true });
      expect(resumed.counts.employees).toEqual({ created: 0, updated: 0, archived: 0, unchanged: 0 });
    } finally {
      await other.$disconnect();
    }
  });
});

describe("leaving dates and archived people", () => {
  it("stores pupils' leaving dates from the MIS's leavers, in incremental and full runs, and shows them", async () => {
    const school = await connectedSchool(db, HARBOUR_VIEW);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    const leavingDateOf = (id: string) => {
      const leaver = emulator.state.school(HARBOUR_VIEW)!.leavers.find((l) => l.id === id)!;
      return new Date(leaver.leavingDate! * 1000).toISOString().slice(0, 10);
    };
    const check = async (ids: string[]) => {
      for (const id of ids) {
        const row = await db.externalId.findFirstOrThrow({ where: { schoolId: school.id, externalId: id }, include: { person: true } });
        expect(row.person!.archivedAt).not.toBeNull();
        expect(row.person!.leavingDate?.toISOString().slice(0, 10)).toBe(leavingDateOf(id));
      }
    };

    const day1 = emulator.state.advanceTime({ schoolIds: [HARBOUR_VIEW], students: { leavers: 2 } }).schools[0]!;
    expect((await runSync(db, emulator, school.id, { mode: "incremental" })).status).toBe("SUCCEEDED");
    await check(day1.students.left);
    const day2 = emulator.state.advanceTime({ schoolIds: [HARBOUR_VIEW], students: { leavers: 1 } }).schools[0]!;
    expect((await runSync(db, emulator, school.id, { mode: "full" })).status).toBe("SUCCEEDED");
    await check(day2.students.left);

    const left = await listPupils(db, school.id, { page: 1, pageSize: 100, status: "archived" }, true);
    expect(left.total).toBe(3);
    for (const row of left.rows) expect(pupilStatusLabel(row)).toMatch(/^Left on \d{1,2} \w{3,4} \d{4}$/);
    expect((await listPupils(db, school.id, { page: 1, pageSize: 100, status: "current" }, true)).total).toBe(emulator.state.counts(HARBOUR_VIEW).students);
  });

  it("class, subject and staff lists count only current people unless asked", async () => {
    const school = await db.school.findFirstOrThrow({ where: { wondeId: HARBOUR_VIEW } });
    const before = await listClasses(db, school.id, { page: 1, pageSize: 100 });
    const busiest = [...before.rows].sort((a, b) => b._count.pupils - a._count.pupils)[0]!;
    const pupil = await db.classPupil.findFirstOrThrow({ where: { classId: busiest.id } });
    const teacher = busiest.staff[0]!;
    // Archived by hand (drift): still linked to the class, but no longer counted.
    await db.person.updateMany({ where: { id: { in: [pupil.personId, teacher.person.id] } }, data: { archivedAt: new Date() } });
    const after = (await listClasses(db, school.id, { page: 1, pageSize: 100 })).rows.find((r) => r.id === busiest.id)!;
    expect(after._count.pupils).toBe(busiest._count.pupils - 1);
    expect(after.staff.map((s) => s.person.id)).not.toContain(teacher.person.id);

    const staff = (status: "current" | "archived" | "all") => listStaff(db, school.id, { page: 1, pageSize: 100, sort: "name", direction: "asc", status });
    expect((await staff("current")).rows.map((r) => r.id)).not.toContain(teacher.person.id);
    expect((await staff("archived")).rows.map((r) => r.id)).toContain(teacher.person.id);
  });
});

describe("the variance school", () => {
  it("syncs Parkside's varied JSON (strings for booleans and numbers, \"\" for null, missing includes, new fields) exactly as the plain JSON", async () => {
    // The admin API switches variance per school.
    const admin = (query: string) => fetch(`${emulator.url.replace("/v1.0/", "")}/__admin/variance?${query}`, { method: "PUT" });
    expect(emulator.state.varianceOf(PARKSIDE_ID)).toBe(true);
    const varied = await connectedSchool(db, PARKSIDE_ID);
    const summary = await runSync(db, emulator, varied.id);
    expect(summary).toMatchObject({ status: "SUCCEEDED", quarantined: 0 });

    expect((await admin(`schoolId=${PARKSIDE_ID}&variance=off`)).status).toBe(200);
    expect(emulator.state.varianceOf(PARKSIDE_ID)).toBe(false);
    const plain = await freshDb();
    try {
      const school = await connectedSchool(plain, PARKSIDE_ID);
      expect((await runSync(plain, emulator, school.id)).status).toBe("SUCCEEDED");
      expect(await snapshot(db, varied.id)).toEqual(await snapshot(plain, school.id));
    } finally {
      await plain.$disconnect();
      await admin(`schoolId=${PARKSIDE_ID}&variance=on`);
    }
    expect(emulator.state.varianceOf(PARKSIDE_ID)).toBe(true);
  });
});
