/**
 * What a run leaves behind for the admin: the failed run's message (what failed and why, what
 * was written, what was not, after how many pages), the run row and its checkpoint, the progress
 * totals and cursor, and the Sync Completed / Sync Failed entries in the activity log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { connectedSchool, runSync, smallSchools, startEmulator, type RunningEmulator } from "../helpers/sync";

// Two pages of pupils (200 a page), and three.
const [TWO_PAGES, THREE_PAGES] = [smallSchools(1, 250)[0]!, { ...smallSchools(2, 450)[1]! }];

describe("a run's report", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "run-report", schools: [TWO_PAGES, THREE_PAGES] });
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  const outcome = (runId: string) => db.activityEvent.findFirstOrThrow({ where: { subjectType: "SyncRun", subjectId: runId } });

  it("a list that fails after its first page says so, and what was written; the run row, checkpoint and activity entry agree", async () => {
    const school = await connectedSchool(db, TWO_PAGES.id);
    // Page 1 (request 1) reads; page 2 is cut short on its first try and both retries (requests 2, 3, 4).
    const path = `${TWO_PAGES.id}/students/`;
    emulator.state.setFaults([
      { kind: "bad_json", path, every: 2, count: 2 },
      { kind: "bad_json", path, every: 3, count: 1 },
    ]);
    const summary = await runSync(db, emulator, school.id);
    emulator.state.setFaults([]);
    const c = summary.counts;
    expect(summary).toMatchObject({ status: "FAILED", mode: "full", resumed: false, quarantined: 0 });
    expect(c.students.created).toBe(200);
    expect(summary.error).toBe(
      `Pupils could not be synced: Wonde sent a response Staffroom could not read (schools/${TWO_PAGES.id}/students, page 2). ` +
        "Please report this if it keeps happening; it usually clears once Wonde or the school's MIS data is corrected. " +
        `Written: subjects ${c.subjects.created} new, staff ${c.employees.created} new, pupils 200 new and classes ${c.classes.created} new. ` +
        "Not written: pupils after the first 1 page; the next sync tries again.",
    );
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: summary.runId } });
    expect(run).toMatchObject({ status: "FAILED", error: summary.error, counts: c, quarantined: 0 });
    expect(run.finishedAt).not.toBeNull();
    // Pupils failed, and classes link to pupils: neither is finished, so a resumed run reads both again.
    expect(run.checkpoint).toMatchObject({ mode: "full", completed: ["subjects", "employees"], failed: ["students"], restart: false });
    expect(await outcome(summary.runId)).toMatchObject({ schoolId: school.id, action: "Sync Failed", actorUserId: null, actorLabel: "Sync", subjectLabel: "Full sync", details: { mode: "full", error: summary.error, counts: c } });

    const resumed = await runSync(db, emulator, school.id, { actor: { userId: "user-7", label: "Ada Admin" } });
    expect(resumed).toMatchObject({ status: "SUCCEEDED", mode: "full", resumed: true, error: null });
    expect(resumed.counts.students.created).toBe(emulator.state.counts(TWO_PAGES.id).students - 200);
    const done = await db.syncRun.findUniqueOrThrow({ where: { id: resumed.runId } });
    expect(done).toMatchObject({ status: "SUCCEEDED", error: null, counts: resumed.counts, quarantined: 0 });
    expect(await outcome(resumed.runId)).toMatchObject({
      action: "Sync Completed",
      actorUserId: "user-7",
      actorLabel: "Ada Admin",
      subjectLabel: "Full sync",
      details: { mode: "full", trigger: "MANUAL", resumed: true, counts: resumed.counts, quarantined: 0 },
    });
  });

  it("after two pages, says pages; a full run fills in each list's total and sets the cursor to the newest change it saw", async () => {
    const school = await connectedSchool(db, THREE_PAGES.id);
    // Pages 1 and 2 read; page 3 fails with its retries (requests 3, 4, 5).
    const path = `${THREE_PAGES.id}/students/`;
    emulator.state.setFaults([3, 4, 5].map((every) => ({ kind: "bad_json" as const, path, every, count: 1 })));
    const failed = await runSync(db, emulator, school.id);
    emulator.state.setFaults([]);
    expect(failed.error).toContain("Not written: pupils after the first 2 pages; the next sync tries again.");

    const summary = await runSync(db, emulator, school.id);
    expect(summary.status).toBe("SUCCEEDED");
    const counts = emulator.state.counts(THREE_PAGES.id);
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: summary.runId } });
    expect(run.progress).toMatchObject({ students: { done: counts.students, total: counts.students }, employees: { total: counts.employees }, classes: { total: counts.classes }, subjects: { total: counts.subjects } });
    const wonde = emulator.state.school(THREE_PAGES.id)!;
    const newest = Math.max(...[...wonde.students, ...wonde.employees, ...wonde.classes, ...wonde.subjects].map((r) => r.updatedAt));
    // Wonde's updated_at is in whole seconds.
    expect(run.cursor?.getTime()).toBe(newest * 1000);

    const incremental = await runSync(db, emulator, school.id, { mode: "incremental" });
    expect(incremental).toMatchObject({ status: "SUCCEEDED", mode: "incremental" });
    expect(await outcome(incremental.runId)).toMatchObject({ action: "Sync Completed", subjectLabel: "Incremental sync", details: { mode: "incremental", resumed: false } });
  });

  it("a school Wonde does not know fails with Wonde's reason, and says nothing was changed", async () => {
    const school = await connectedSchool(db, "A3999999999");
    const summary = await runSync(db, emulator, school.id);
    expect(summary).toMatchObject({ status: "FAILED", mode: "full" });
    expect(summary.error).toBe(
      "Wonde has no such school or record. It may have been removed from the MIS, or the school is served from another Wonde region: reconnect the school in Settings. Nothing was changed.",
    );
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: summary.runId } })).checkpoint).toMatchObject({ completed: [], failed: [], restart: false });
  });
});
