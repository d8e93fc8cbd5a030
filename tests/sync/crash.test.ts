import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { DEAD_RUN_MESSAGE } from "@/server/sync/lease";
import { finished, runSyncCli, startTsx } from "../helpers/processes";
import { smallSchools, startEmulator, type RunningEmulator } from "../helpers/sync";

const [school] = smallSchools(1, 60);

// Each test starts Node processes: sized for a busy 2-core CI box.
describe("a sync whose process is killed", { timeout: 180_000 }, () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "crash", schools: [school!] });
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("is taken over by the next sync from a fresh process, with no manual repair", async () => {
    const wonde = { WONDE_BASE_URL: emulator.url, WONDE_TOKEN: "demo" };
    // Staff and pupils get written, then the classes page hangs: the process is mid-sync when killed.
    emulator.state.setFaults([{ kind: "delay", path: "/classes", delayMs: 20_000 }]);
    const doomed = startTsx("scripts/sync.ts", ["--school", school!.id, "--full"], wonde);
    const exit = finished(doomed);
    const pupilsWritten = async () => {
      const run = await db.syncRun.findFirst({ where: { school: { wondeId: school!.id } }, select: { progress: true } });
      return ((run?.progress as { students?: { done: number } } | null)?.students?.done ?? 0) > 0;
    };
    while (!(await pupilsWritten())) await new Promise((resolve) => setTimeout(resolve, 50));
    doomed.kill("SIGKILL");
    expect((await exit).signal).toBe("SIGKILL");
    emulator.state.clearFaults();

    const dead = await db.syncRun.findFirstOrThrow({ where: { school: { wondeId: school!.id } } });
    expect(dead.status).toBe("RUNNING");
    expect((await db.school.findUniqueOrThrow({ where: { wondeId: school!.id } })).syncLockRunId).toBe(dead.id);

    // A short staleness stands in for the minutes a real deployment waits.
    const next = await runSyncCli(["--school", school!.id, "--full", "--json"], { ...wonde, SYNC_LEASE_STALE_SECONDS: "0.001" });
    expect(next.code, next.stderr).toBe(0);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ status: "FAILED", error: DEAD_RUN_MESSAGE });
    const counts = emulator.state.counts(school!.id);
    const schoolRow = await db.school.findUniqueOrThrow({ where: { wondeId: school!.id } });
    expect(schoolRow.syncLockRunId).toBeNull();
    expect(await db.person.count({ where: { schoolId: schoolRow.id, kind: "PUPIL", archivedAt: null } })).toBe(counts.students);
    expect(await db.person.count({ where: { schoolId: schoolRow.id, kind: "STAFF", archivedAt: null } })).toBe(counts.currentEmployees);
    expect(await db.class.count({ where: { schoolId: schoolRow.id, archivedAt: null } })).toBe(counts.classes);
  });
});
