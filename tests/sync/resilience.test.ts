import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { db } from "@/server/db";
import { syncSchool } from "@/server/sync/run";
import { SyncAlreadyRunningError } from "@/server/sync/lease";
import { freshDb } from "../helpers/database";
import { connectedSchool, emulatorClient, runSync, snapshot, startEmulator, type RunningEmulator } from "../helpers/sync";

describe("sync under faults", () => {
  let emulator: RunningEmulator;
  let reference: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "resilience" });
    // The fault-free result, in a database of its own.
    const clean = await freshDb();
    const school = await connectedSchool(clean, OAKFIELD_ID);
    expect((await runSync(clean, emulator, school.id)).status).toBe("SUCCEEDED");
    reference = await snapshot(clean, school.id);
    await clean.$disconnect();
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("retries 429s, 500s, dropped connections and broken JSON, and ends with the fault-free state", async () => {
    const school = await connectedSchool(db, OAKFIELD_ID);
    emulator.state.setFaults([
      { kind: "rate_limit", count: 2, retryAfter: 1, path: "/employees" },
      { kind: "server_error", count: 2, path: "/students" },
      { kind: "drop", count: 1, path: "/classes" },
      { kind: "bad_json", count: 1, path: "/subjects" },
    ]);
    const before = emulator.state.log.total;
    const summary = await runSync(db, emulator, school.id);
    emulator.state.setFaults([]);
    expect(summary.error).toBeNull();
    // Every kind of fault really happened.
    const faults = emulator.state.log.list(before).map((e) => e.fault);
    expect(new Set(faults)).toEqual(new Set(["rate_limit", "server_error", "drop", "bad_json", null]));
    expect(await snapshot(db, school.id)).toEqual(reference);
  });

  it("a run that fails part-way records the error, keeps what it committed, and the next run resumes to the same state", async () => {
    const other = await freshDb();
    try {
      const school = await connectedSchool(other, OAKFIELD_ID);
      // Every students request fails: the run gets through subjects and staff, then stops.
      emulator.state.setFaults([{ kind: "server_error", path: "/students" }]);
      const failed = await runSync(other, emulator, school.id);
      emulator.state.setFaults([]);
      expect(failed.status).toBe("FAILED");
      expect(failed.error).toMatch(/Wonde/);
      const run = await other.syncRun.findUniqueOrThrow({ where: { id: failed.runId } });
      expect(run).toMatchObject({ status: "FAILED", error: failed.error });
      expect(await other.person.count({ where: { schoolId: school.id, kind: "STAFF" } })).toBe(emulator.state.counts(OAKFIELD_ID).currentEmployees);

      const resumed = await runSync(other, emulator, school.id);
      expect(resumed).toMatchObject({ status: "SUCCEEDED", resumed: true });
      expect(resumed.counts.employees.created).toBe(0);
      expect(await snapshot(other, school.id)).toEqual(reference);
    } finally {
      await other.$disconnect();
    }
  });

  it("never runs two syncs of one school at once, but takes over a lease left by a dead process", async () => {
    const local = await connectedSchool(db, "A2102984463");
    const client = emulatorClient(emulator);
    const results = await Promise.allSettled([
      syncSchool(db, local.id, { mode: "full", trigger: "MANUAL", client }),
      syncSchool(db, local.id, { mode: "full", trigger: "MANUAL", client }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled" && r.value.status === "SUCCEEDED")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof SyncAlreadyRunningError)).toHaveLength(1);

    // A crashed process left its lease behind ten minutes ago.
    await db.school.update({ where: { id: local.id }, data: { syncLockRunId: "dead-run", syncLockHeartbeat: new Date(Date.now() - 10 * 60_000) } });
    expect((await syncSchool(db, local.id, { mode: "full", trigger: "MANUAL", client })).status).toBe("SUCCEEDED");
  });
});
