import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { db } from "@/server/db";
import { requestSync, startSyncQueue } from "@/server/sync/queue";
import { connectedSchool, emulatorClient, startEmulator, type RunningEmulator } from "../helpers/sync";

/** Waits for the run to finish by watching its row, as the UI does. */
async function finished(runId: string) {
  for (;;) {
    const run = await db.syncRun.findUniqueOrThrow({ where: { id: runId } });
    if (run.status === "SUCCEEDED" || run.status === "FAILED") return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("sync jobs on the PostgreSQL queue", () => {
  let emulator: RunningEmulator;
  let queue: { stop(): Promise<void> };
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "queue" });
    queue = await startSyncQueue(db, process.env.DATABASE_URL!, { concurrency: 2, clientFor: () => emulatorClient(emulator) });
  });
  afterAll(async () => {
    await queue.stop();
    await emulator.close();
    await db.$disconnect();
  });

  it("runs a requested sync through pg-boss, and a second request while it runs joins the same run", async () => {
    const school = await connectedSchool(db, OAKFIELD_ID);
    const first = await requestSync(db, { schoolId: school.id, mode: "full", trigger: "MANUAL" });
    const second = await requestSync(db, { schoolId: school.id, mode: "full", trigger: "MANUAL" });
    expect(second).toEqual({ runId: first.runId, alreadyRunning: true });
    const run = await finished(first.runId);
    expect(run.status).toBe("SUCCEEDED");
    expect(await db.person.count({ where: { schoolId: school.id, archivedAt: null, kind: "PUPIL" } })).toBe(emulator.state.counts(OAKFIELD_ID).students);
    const jobs = await db.$queryRawUnsafe<{ state: string }[]>(`SELECT state FROM pgboss.job WHERE name = 'sync-school'`);
    expect(jobs.map((j) => j.state)).toEqual(["completed"]);
  });
});
