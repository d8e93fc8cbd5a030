import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID, RIVERSIDE_ID } from "@/emulator/schools";
import { PrismaPg } from "@prisma/adapter-pg";
import { db } from "@/server/db";
import { PrismaClient } from "@/server/generated/prisma/client";
import { connectedSchool, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

afterAll(async () => {
  await db.$disconnect();
});

describe("incremental sync", () => {
  let emulator: RunningEmulator;
  let schoolId: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "incremental" });
    schoolId = (await connectedSchool(db, OAKFIELD_ID)).id;
    expect((await runSync(db, emulator, schoolId)).status).toBe("SUCCEEDED");
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("applies edits, new starters and leavers since the last sync, archiving leavers without deleting them", async () => {
    const peopleBefore = await db.person.count({ where: { schoolId } });
    // The first sync gave every current staff member with a work email an account (no usable password).
    const staffWithEmail = await db.person.count({ where: { schoolId, kind: "STAFF", archivedAt: null, email: { not: null } } });
    expect(await db.user.count({ where: { person: { schoolId }, passwordHash: null, disabledAt: null } })).toBe(staffWithEmail);

    const report = emulator.state.advanceTime({ students: { edits: 4, starters: 3, leavers: 2 }, employees: { edits: 2, starters: 1, leavers: 1 } }).schools.find((s) => s.schoolId === OAKFIELD_ID)!;
    const summary = await runSync(db, emulator, schoolId, { mode: "incremental" });
    expect(summary).toMatchObject({ status: "SUCCEEDED", mode: "incremental" });
    expect(summary.counts.students).toMatchObject({ created: report.students.started.length, archived: report.students.left.length });
    expect(summary.counts.students.updated).toBeGreaterThanOrEqual(report.students.edited.length - report.students.left.length);
    expect(summary.counts.employees.created).toBe(report.employees.started.length);
    expect(summary.counts.employees.archived).toBe(report.employees.left.length + report.employees.contractsEnded.length);

    const expected = emulator.state.counts(OAKFIELD_ID);
    expect(await db.person.count({ where: { schoolId, kind: "PUPIL", archivedAt: null } })).toBe(expected.students);
    expect(await db.person.count({ where: { schoolId, kind: "STAFF", archivedAt: null } })).toBe(expected.currentEmployees);
    // Nobody was deleted: leavers are archived and still there.
    expect(await db.person.count({ where: { schoolId } })).toBe(peopleBefore + report.students.started.length + report.employees.started.length);

    const leftStaff = await db.externalId.findMany({ where: { schoolId, externalId: { in: report.employees.left } }, include: { person: { include: { user: true } } } });
    for (const row of leftStaff) {
      expect(row.person?.archivedAt).not.toBeNull();
      expect(row.person?.user?.disabledAt).not.toBeNull();
    }
    const events = await db.activityEvent.groupBy({ by: ["action"], where: { schoolId, at: { gte: new Date(Date.now() - 60_000) } }, _count: true });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["User Created", "User Archived", "Sync Completed"]));
  });

  it("a full sync afterwards finds nothing to repair", async () => {
    const summary = await runSync(db, emulator, schoolId, { mode: "full" });
    for (const entity of ["students", "employees", "classes", "subjects"] as const) expect(summary.counts[entity]).toMatchObject({ created: 0, archived: 0 });
  });

  it("a full sync repairs drift the incremental feed missed", async () => {
    // Someone archived a current pupil by hand (drift): a full sync restores them.
    const pupil = await db.person.findFirstOrThrow({ where: { schoolId, kind: "PUPIL", archivedAt: null } });
    await db.person.update({ where: { id: pupil.id }, data: { archivedAt: new Date(), contentHash: "drifted" } });
    const summary = await runSync(db, emulator, schoolId, { mode: "full" });
    expect(summary.counts.students.updated).toBe(1);
    expect((await db.person.findUniqueOrThrow({ where: { id: pupil.id } })).archivedAt).toBeNull();
  });
});

// The scheduled run of every school, every few minutes, mostly finds nothing: its fixed cost matters.
// A school of its own, whose feed has not changed since its first sync (a recent change is read
// again within the cursor's overlap, which is not "nothing new").
describe("an incremental run that finds nothing new", () => {
  let emulator: RunningEmulator;
  let quietSchoolId: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "quiet-incremental" });
    quietSchoolId = (await connectedSchool(db, RIVERSIDE_ID)).id;
    expect((await runSync(db, emulator, quietSchoolId)).status).toBe("SUCCEEDED");
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("writes only its own bookkeeping, in few round trips", async () => {
    const statements: string[] = [];
    const watched = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }), log: [{ emit: "event", level: "query" }] });
    watched.$on("query", (event) => statements.push(event.query.replace(/\s+/g, " ").trim()));
    try {
      await runSync(watched, emulator, quietSchoolId, { mode: "incremental" });
      statements.length = 0;
      const summary = await runSync(watched, emulator, quietSchoolId, { mode: "incremental" });
      expect(summary.status).toBe("SUCCEEDED");
      for (const entity of ["students", "employees", "classes", "subjects"] as const) expect(summary.counts[entity]).toMatchObject({ created: 0, updated: 0, archived: 0 });
      const writes = statements.filter((q) => /^(WITH .*\)\s*)?(INSERT|UPDATE|DELETE)\b/i.test(q)).map((q) => /(?:INSERT INTO|UPDATE|DELETE FROM) "(?:public"\.")?(\w+)"/i.exec(q)?.[1]);
      // The run's row (created, running, finished), the school's lease (taken, renewed, let go) and "Sync Completed".
      expect(new Set(writes)).toEqual(new Set(["SyncRun", "School", "ActivityEvent"]));
      // No transaction for what did not happen (deletions, leaving dates), no query for an empty result's relations.
      expect(statements.filter((q) => q === "COMMIT").length).toBeLessThanOrEqual(3);
      expect(statements.filter((q) => / IN \(NULL\)/.test(q))).toEqual([]);
      expect(statements.length).toBeLessThanOrEqual(30);
    } finally {
      await watched.$disconnect();
    }
  });
});
