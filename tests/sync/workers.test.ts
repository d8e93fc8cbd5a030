import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { requestSync, startSyncQueue } from "@/server/sync/queue";
import { syncSchool } from "@/server/sync/run";
import { finished, startTsx } from "../helpers/processes";
import { connectedSchool, emulatorClient, smallSchools, startEmulator, type RunningEmulator } from "../helpers/sync";

// Four for the one-process test, ten for the two workers.
const ALL_SCHOOLS = smallSchools(14, 50);
const SCHOOLS = ALL_SCHOOLS.slice(4);
type WorkerProcess = ReturnType<typeof startTsx>;

/** The worker's JSON log lines. */
const events = (worker: WorkerProcess) =>
  worker.output.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { event: string; runId?: string; status?: string; pid: number });

async function until(condition: () => boolean | Promise<boolean>) {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 100));
}

async function expectSchoolCorrect(emulator: RunningEmulator, schoolId: string, wondeId: string) {
  const counts = emulator.state.counts(wondeId);
  expect(await db.person.count({ where: { schoolId, kind: "PUPIL", archivedAt: null } })).toBe(counts.students);
  expect(await db.person.count({ where: { schoolId, kind: "STAFF", archivedAt: null } })).toBe(counts.currentEmployees);
  expect(await db.class.count({ where: { schoolId, archivedAt: null } })).toBe(counts.classes);
}

// Each test starts Node processes: sized for a busy 2-core CI box.
describe("many schools at once", { timeout: 240_000 }, () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "workers", schools: ALL_SCHOOLS });
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("syncs schools in parallel in one process without deadlocking on their shared name words", async () => {
    // Schools of one generator share most name words, and each adds them in its own order.
    const schools = await Promise.all(ALL_SCHOOLS.slice(0, 4).map((spec) => connectedSchool(db, spec.id)));
    const client = emulatorClient(emulator);
    const summaries = await Promise.all(schools.map((school) => syncSchool(db, school.id, { mode: "full", trigger: "MANUAL", client })));
    expect(summaries.map((s) => s.error)).toEqual(schools.map(() => null));
    for (const school of schools) await expectSchoolCorrect(emulator, school.id, school.wondeId!);
  });

  it("two worker processes on one PostgreSQL sync 10 schools in parallel: no deadlock, no school twice, every school correct", async () => {
    const schools = await Promise.all(SCHOOLS.map((spec) => connectedSchool(db, spec.id)));
    const env = { WONDE_BASE_URL: emulator.url, SYNC_CONCURRENCY: "3" };
    const workers = [startTsx("server/worker.ts", [], env), startTsx("server/worker.ts", [], env)];
    const exits = workers.map(finished);
    // This process plays the web app with SYNC_QUEUE_IN_WEB=false: it only queues.
    const web = await startSyncQueue(db, process.env.DATABASE_URL!, { concurrency: 0, schedule: false });
    // A worker that dies fails the test with what it printed, rather than leaving it waiting.
    const alive = () => {
      const dead = workers.find((w) => w.exitCode !== null || w.signalCode !== null);
      if (dead) throw new Error(`a worker exited (${dead.exitCode ?? dead.signalCode}):\n${dead.output.stderr}\n${dead.output.stdout}`);
      return true;
    };
    try {
      await until(() => alive() && workers.every((w) => events(w).some((e) => e.event === "ready")));
      const runIds: string[] = [];
      for (const school of schools) {
        const request = { schoolId: school.id, mode: "full" as const, trigger: "MANUAL" as const };
        const { runId } = await requestSync(db, request);
        // Asked twice (a double click, a second web instance): still one run.
        expect(await requestSync(db, request)).toEqual({ runId, alreadyRunning: true });
        runIds.push(runId);
      }
      await until(async () => alive() && (await db.syncRun.count({ where: { id: { in: runIds }, status: { in: ["QUEUED", "RUNNING"] } } })) === 0);
      // A worker logs a job after its run is finished and its lease released: wait for the last line too.
      const logged = () => workers.flatMap((w) => events(w).filter((e) => e.event === "sync"));
      await until(() => alive() && logged().length >= runIds.length);

      const runs = await db.syncRun.findMany({ where: { schoolId: { in: schools.map((s) => s.id) } } });
      expect(runs.map((r) => [r.status, r.error])).toEqual(schools.map(() => ["SUCCEEDED", null]));
      expect(logged().map((e) => e.runId).sort()).toEqual([...runIds].sort());
      // Both workers took a share, and more than one school ran at a time.
      expect(workers.every((w) => events(w).some((e) => e.event === "sync"))).toBe(true);
      const overlapping = runs.some((a) => runs.some((b) => a !== b && a.startedAt! < b.finishedAt! && b.startedAt! < a.finishedAt!));
      expect(overlapping).toBe(true);
      for (const school of schools) await expectSchoolCorrect(emulator, school.id, school.wondeId!);
      expect(workers.map((w) => w.output.stderr).join("")).not.toMatch(/deadlock|40P01/);
    } finally {
      await web.stop();
      for (const worker of workers) worker.kill("SIGTERM");
      await Promise.all(exits);
    }
  });
});
