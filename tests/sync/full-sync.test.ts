import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { db } from "@/server/db";
import { connectedSchool, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

describe("full sync of the demo school", () => {
  let emulator: RunningEmulator;
  let schoolId: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "full-sync" });
    schoolId = (await connectedSchool(db, OAKFIELD_ID)).id;
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("brings in exactly the current staff, pupils, classes and subjects the MIS holds", async () => {
    const summary = await runSync(db, emulator, schoolId);
    expect(summary.status).toBe("SUCCEEDED");
    const expected = emulator.state.counts(OAKFIELD_ID);
    const active = { schoolId, archivedAt: null };
    expect(await db.person.count({ where: { ...active, kind: "PUPIL" } })).toBe(expected.students);
    expect(await db.person.count({ where: { ...active, kind: "STAFF" } })).toBe(expected.currentEmployees);
    expect(await db.class.count({ where: active })).toBe(expected.classes);
    expect(await db.subject.count({ where: active })).toBe(expected.subjects);
    expect(summary.counts.students.created).toBe(expected.students);
    expect(summary.counts.employees.created).toBe(expected.currentEmployees);
  });

  it("writes nothing when nothing changed", async () => {
    const before = await db.person.aggregate({ where: { schoolId }, _max: { updatedAt: true } });
    const eventsBefore = await db.activityEvent.count({ where: { schoolId } });
    const summary = await runSync(db, emulator, schoolId);
    expect(summary.status).toBe("SUCCEEDED");
    expect(summary.counts.students).toMatchObject({ created: 0, updated: 0, archived: 0 });
    expect(summary.counts.employees).toMatchObject({ created: 0, updated: 0, archived: 0 });
    expect(summary.counts.classes).toMatchObject({ created: 0, updated: 0, archived: 0 });
    const after = await db.person.aggregate({ where: { schoolId }, _max: { updatedAt: true } });
    expect(after._max.updatedAt).toEqual(before._max.updatedAt);
    // Only the run's own summary event.
    expect(await db.activityEvent.count({ where: { schoolId } })).toBe(eventsBefore + 1);
  });

  it("archives, never deletes, the people a full sync no longer sees, and disables the leavers' sign-ins", async () => {
    const peopleBefore = await db.person.count({ where: { schoolId } });
    const report = emulator.state.advanceTime({ students: { leavers: 2 }, employees: { leavers: 1 } }).schools.find((s) => s.schoolId === OAKFIELD_ID)!;
    expect(report.students.left).toHaveLength(2);
    expect(report.employees.left).toHaveLength(1);

    const summary = await runSync(db, emulator, schoolId, { mode: "full" });
    expect(summary.status).toBe("SUCCEEDED");
    expect(summary.counts.students).toMatchObject({ created: 0, archived: 2 });
    expect(summary.counts.employees).toMatchObject({ created: 0, archived: 1 });

    const leavers = await db.externalId.findMany({ where: { schoolId, externalId: { in: [...report.students.left, ...report.employees.left] } }, include: { person: { include: { user: true } } } });
    expect(leavers).toHaveLength(3);
    for (const row of leavers) expect(row.person?.archivedAt).toBeInstanceOf(Date);
    const leftStaff = leavers.find((row) => row.person?.kind === "STAFF")!;
    expect(leftStaff.person?.user?.disabledAt).toBeInstanceOf(Date);
    expect(await db.activityEvent.count({ where: { schoolId, action: "User Archived", subjectId: { in: leavers.map((row) => row.personId!) } } })).toBe(3);

    expect(await db.person.count({ where: { schoolId } })).toBe(peopleBefore);
    const expected = emulator.state.counts(OAKFIELD_ID);
    expect(await db.person.count({ where: { schoolId, archivedAt: null, kind: "PUPIL" } })).toBe(expected.students);
    expect(await db.person.count({ where: { schoolId, archivedAt: null, kind: "STAFF" } })).toBe(expected.currentEmployees);
  });
});
