/**
 * Trust benchmark (not a test): `npm run bench:trust`. Figures are medians of 3 (BENCH_RUNS).
 *
 * 50 emulated schools of one trust, on a real PostgreSQL:
 *   - the loop: each school synced alone, one after another, in a fresh process (as fresh as
 *     the workers); the sum of those single-school syncs is the baseline;
 *   - the queue: all 50 requested at once (as the schedule or a trust admin would) and worked
 *     by 1 and then 2 `npm run worker` processes (SYNC_CONCURRENCY each, default 2), from the
 *     first request to the last run finished;
 *   - the speed-up of each over the loop (goal ≥ 1.5× with 2 workers), and failed runs (goal 0);
 *   - where the time goes: a run's mean time in the pool against alone, the queue wait, and the
 *     CPU seconds of each process (workers, PostgreSQL, the emulator) against what the whole
 *     machine spent, so a box busy with other work shows as such.
 * Wonde pacing is lifted (WONDE_REQUESTS_PER_SECOND=1000): the emulator has no rate limit, and
 * the loop has none either. BENCH_SCHOOLS and BENCH_PUPILS change the trust's size.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDatabase, migrateDatabase, projectRoot, startPostgres } from "../tests/helpers/postgres";
import { startChildEmulator } from "./child-emulator";
import { loadAverage, machineBusySeconds, mean, median, processTreeCpuSeconds } from "./figures";

const SCHOOLS = Number(process.env.BENCH_SCHOOLS ?? 50);
const PUPILS = Number(process.env.BENCH_PUPILS ?? 120);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONCURRENCY = process.env.SYNC_CONCURRENCY ?? "2";
const TEMPLATE = "bench_trust_template";
const specs = Array.from({ length: SCHOOLS }, (_, i) => ({
  id: `A8${String(i + 1).padStart(9, "0")}`,
  name: `Trust School ${i + 1}`,
  mis: "SIMS" as const,
  phase: "PRIMARY" as const,
  pupils: PUPILS,
  emailDomain: `trust${i + 1}.sch.uk`,
}));

/** CPU seconds spent while a phase ran: the machine's in all, and ours by process. */
type Cpu = { machine: number; node: number; postgres: number; emulator: number };
type Outcome = { wallSeconds: number; failed: number; meanRunSeconds: number; meanWaitSeconds: number; cpu: Cpu };
type LoopOutcome = { sum: number; failed: number; cpu: Cpu };

const SELF = fileURLToPath(import.meta.url);
if (process.argv[2] === "--loop") await loopInThisProcess(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
else await main();

/** The baseline: every school of the trust synced alone, one after another. Prints its LoopOutcome. */
async function loopInThisProcess(url: string, postmasterPid: number, emulatorPid: number) {
  const { createDb } = await import("../server/db");
  const { syncSchool } = await import("../server/sync/run");
  const db = createDb(url);
  const schools = await db.school.findMany({ orderBy: { wondeId: "asc" } });
  const meter = cpuMeter(postmasterPid, emulatorPid);
  const node = process.cpuUsage();
  let sum = 0;
  let failed = 0;
  for (const school of schools) {
    const summary = await syncSchool(db, school.id, { mode: "full", trigger: "SCHEDULE" });
    sum += summary.seconds;
    if (summary.status !== "SUCCEEDED") failed++;
  }
  const used = process.cpuUsage(node);
  const outcome: LoopOutcome = { sum, failed, cpu: meter((used.user + used.system) / 1e6) };
  await db.$disconnect();
  console.log(JSON.stringify(outcome));
}

/** Starts counting CPU seconds; the returned function stops, given the Node CPU the phase's own processes reported. */
function cpuMeter(postmasterPid: number, emulatorPid: number) {
  const start = { machine: machineBusySeconds(), postgres: processTreeCpuSeconds(postmasterPid), emulator: processTreeCpuSeconds(emulatorPid) };
  return (node: number): Cpu => ({
    machine: machineBusySeconds() - start.machine,
    node,
    postgres: processTreeCpuSeconds(postmasterPid) - start.postgres,
    emulator: processTreeCpuSeconds(emulatorPid) - start.emulator,
  });
}

async function main() {
  const postgres = await startPostgres();
  const emulator = await startChildEmulator({ seed: "trust", schools: specs });
  let databases = 0;
  try {
    await migrateDatabase(await createDatabase(postgres.url, TEMPLATE));
    const postmasterPid = await postmasterPidOf(postgres.url);
    // Generate every school in the emulator before timing anything.
    await Promise.all(specs.map((s) => fetch(`${emulator.url}schools/${s.id}/students?per_page=1`, { headers: { authorization: "Bearer demo" } }).then((r) => r.text())));
    process.env.WONDE_BASE_URL = emulator.url;
    process.env.WONDE_REQUESTS_PER_SECOND = "1000";
    const { createDb } = await import("../server/db");
    const { encryptSecret } = await import("../server/crypto");
    const { requestSync, startSyncQueue } = await import("../server/sync/queue");

    /** A fresh database holding the trust's schools, connected with the demo token. */
    async function trustDatabase() {
      const url = await createDatabase(postgres.url, `bench_trust_${databases++}`, TEMPLATE);
      const db = createDb(url);
      const trust = await db.trust.create({ data: { name: "Bench Trust" } });
      const token = encryptSecret("demo");
      const schools = [];
      for (const spec of specs) schools.push(await db.school.create({ data: { name: spec.name, wondeId: spec.id, trustId: trust.id, wondeTokenEnc: token } }));
      return { url, db, schools };
    }

    async function loop(): Promise<LoopOutcome> {
      const { url, db } = await trustDatabase();
      await db.$disconnect();
      const child = spawn(process.execPath, ["--import", "tsx", SELF, "--loop", url, String(postmasterPid), String(emulator.pid)], { cwd: projectRoot, env: process.env, stdio: ["ignore", "pipe", "inherit"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      await new Promise((resolve) => child.once("exit", resolve));
      return JSON.parse(output.trim().split("\n").at(-1)!) as LoopOutcome;
    }

    async function throughQueue(workers: number): Promise<Outcome> {
      const { url, db, schools } = await trustDatabase();
      const web = await startSyncQueue(db, url, { concurrency: 0, schedule: false });
      const processes = Array.from({ length: workers }, () => startWorker(url));
      try {
        await Promise.all(processes.map((p) => p.ready));
        const meter = cpuMeter(postmasterPid, emulator.pid);
        const ownCpu = process.cpuUsage();
        const started = Date.now();
        for (const school of schools) await requestSync(db, { schoolId: school.id, mode: "full", trigger: "SCHEDULE" });
        // Watched at a leisurely pace (each poll costs this process ~1.3 ms of CPU, and a 50 ms
        // poll made ~17 a second on a CPU-bound box): the wall time is read from the runs themselves.
        for (;;) {
          if ((await db.syncRun.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } })) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        const last = await db.syncRun.aggregate({ _max: { finishedAt: true } });
        const wallSeconds = (last._max.finishedAt!.getTime() - started) / 1000;
        // Node: the workers, and this process queueing the runs and watching them.
        const own = process.cpuUsage(ownCpu);
        const workersCpu = (await Promise.all(processes.map((p) => p.cpuSoFar()))).reduce((a, b) => a + b, 0);
        const cpu = meter(workersCpu + (own.user + own.system) / 1e6);
        const runs = await db.syncRun.findMany({ select: { status: true, createdAt: true, startedAt: true, finishedAt: true } });
        return {
          cpu,
          wallSeconds,
          failed: runs.filter((r) => r.status !== "SUCCEEDED").length + (SCHOOLS - runs.length),
          meanRunSeconds: mean(runs.map((r) => (r.finishedAt!.getTime() - r.startedAt!.getTime()) / 1000)),
          meanWaitSeconds: mean(runs.map((r) => (r.startedAt!.getTime() - r.createdAt.getTime()) / 1000)),
        };
      } finally {
        await web.stop();
        await Promise.all(processes.map((p) => p.stop()));
        await db.$disconnect();
      }
    }

    const loops: LoopOutcome[] = [];
    const one: Outcome[] = [];
    const two: Outcome[] = [];
    for (let run = 0; run < RUNS; run++) {
      loops.push(await loop());
      one.push(await throughQueue(1));
      two.push(await throughQueue(2));
    }
    const sum = median(loops.map((l) => l.sum));
    console.log(`${SCHOOLS} schools of ~${PUPILS} pupils; medians of ${RUNS}; SYNC_CONCURRENCY=${CONCURRENCY} per worker.`);
    console.log(`Shared 2-core machine: figures move with the neighbours' load (load average now ${loadAverage()}).\n`);
    console.log(`sum of single-school syncs (loop)   ${sum.toFixed(2)} s  (${(sum / SCHOOLS).toFixed(2)} s a school; failed runs ${Math.max(...loops.map((l) => l.failed))})`);
    for (const [label, outcomes] of [["1 worker", one], ["2 workers", two]] as const) {
      const wall = median(outcomes.map((o) => o.wallSeconds));
      console.log(
        `${label.padEnd(9)} total wall time          ${wall.toFixed(2)} s  speed-up ${(sum / wall).toFixed(2)}×  failed runs ${Math.max(...outcomes.map((o) => o.failed))}` +
          `  (a run takes ${median(outcomes.map((o) => o.meanRunSeconds)).toFixed(2)} s in the pool vs ${(sum / SCHOOLS).toFixed(2)} s alone; mean queue wait ${median(outcomes.map((o) => o.meanWaitSeconds)).toFixed(2)} s)`,
      );
    }
    // Where the time goes: the CPU each phase used, ours by process, against the whole machine's.
    console.log(`\nCPU seconds while each ran (median): ours = Node (the loop's process or the workers) + PostgreSQL + emulator; "others" is the rest of the machine`);
    for (const [label, wall, cpus] of [
      ["loop", sum, loops.map((l) => l.cpu)],
      ["1 worker", median(one.map((o) => o.wallSeconds)), one.map((o) => o.cpu)],
      ["2 workers", median(two.map((o) => o.wallSeconds)), two.map((o) => o.cpu)],
    ] as const) {
      const pick = (key: keyof Cpu) => median(cpus.map((c) => c[key]));
      const ours = pick("node") + pick("postgres") + pick("emulator");
      console.log(
        `  ${label.padEnd(9)} Node ${pick("node").toFixed(1)}, PostgreSQL ${pick("postgres").toFixed(1)}, emulator ${pick("emulator").toFixed(1)} = ours ${ours.toFixed(1)} s` +
          ` (${(ours / wall).toFixed(2)} cores); machine ${pick("machine").toFixed(1)} s (${(pick("machine") / wall).toFixed(2)} of 2 cores), others ${Math.max(0, pick("machine") - ours).toFixed(1)} s`,
      );
    }
    // With both cores to themselves, the 2 workers could not finish faster than their CPU seconds / 2.
    const twoCpu = median(two.map((o) => o.cpu.node + o.cpu.postgres + o.cpu.emulator));
    console.log(`  ceiling for 2 workers if they had both cores to themselves: loop sum ÷ (their CPU ÷ 2) = ${((2 * sum) / twoCpu).toFixed(2)}× (overstated when the loop itself waited for a busy machine)`);
    console.log(`\nspeed-up with 2 workers: ${(sum / median(two.map((o) => o.wallSeconds))).toFixed(2)}×`);
  } finally {
    emulator.stop();
    await postgres.stop();
  }
}

function startWorker(url: string) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "server/worker.ts")], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url, SYNC_CONCURRENCY: CONCURRENCY },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes('"ready"') && resolve());
    child.once("exit", (code) => reject(new Error(`a worker exited early (${code})`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let stopped: Promise<unknown> | null = null;
  // CPU seconds at "ready", so a phase counts the syncs, not the worker's start-up.
  const startCpu = ready.then(() => processTreeCpuSeconds(child.pid!));
  return {
    ready,
    /** The CPU seconds the worker has used since it was ready. */
    cpuSoFar: async () => processTreeCpuSeconds(child.pid!) - (await startCpu),
    stop() {
      stopped ??= (async () => {
        child.kill("SIGTERM");
        await exited;
      })();
      return stopped;
    },
  };
}

/** The PostgreSQL server's main process (a backend's parent), whose tree is all of its CPU. */
async function postmasterPidOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    return Number(readFileSync(`/proc/${rows[0]!.pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
  } finally {
    await client.end();
  }
}
