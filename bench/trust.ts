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
 *   - where the time goes: a run's mean time in the pool against alone, and the queue wait.
 * Wonde pacing is lifted (WONDE_REQUESTS_PER_SECOND=1000): the emulator has no rate limit, and
 * the loop has none either. BENCH_SCHOOLS and BENCH_PUPILS change the trust's size.
 */
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { migrateDatabase, projectRoot, startPostgres } from "../tests/helpers/postgres";
import { startChildEmulator } from "./child-emulator";

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

type Outcome = { wallSeconds: number; failed: number; meanRunSeconds: number; meanWaitSeconds: number; cpuSeconds: number };

const SELF = fileURLToPath(import.meta.url);
/** The throwaway PostgreSQL server's URL, once main() has started it. */
let serverUrl = "";
if (process.argv[2] === "--loop") await loopInThisProcess(process.argv[3]!);
else await main();

/** The baseline: every school of the trust synced alone, one after another. */
async function loopInThisProcess(url: string) {
  const { createDb } = await import("../server/db");
  const { syncSchool } = await import("../server/sync/run");
  const db = createDb(url);
  let sum = 0;
  let failed = 0;
  for (const school of await db.school.findMany({ orderBy: { wondeId: "asc" } })) {
    const summary = await syncSchool(db, school.id, { mode: "full", trigger: "SCHEDULE" });
    sum += summary.seconds;
    if (summary.status !== "SUCCEEDED") failed++;
  }
  const cpu = process.cpuUsage();
  await db.$disconnect();
  console.log(JSON.stringify({ sum, failed, cpuSeconds: (cpu.user + cpu.system) / 1e6 }));
}

async function main() {
  const postgres = await startPostgres();
  serverUrl = postgres.url;
  const emulator = await startChildEmulator({ seed: "trust", schools: specs });
  let databases = 0;
  try {
    await migrateDatabase(databaseUrl(await createDatabase(TEMPLATE)));
    // Generate every school in the emulator before timing anything.
    await Promise.all(specs.map((s) => fetch(`${emulator.url}schools/${s.id}/students?per_page=1`, { headers: { authorization: "Bearer demo" } }).then((r) => r.text())));
    process.env.WONDE_BASE_URL = emulator.url;
    process.env.WONDE_REQUESTS_PER_SECOND = "1000";
    const { createDb } = await import("../server/db");
    const { encryptSecret } = await import("../server/crypto");
    const { requestSync, startSyncQueue } = await import("../server/sync/queue");

    /** A fresh database holding the trust's schools, connected with the demo token. */
    async function trustDatabase() {
      const url = databaseUrl(await createDatabase(`bench_trust_${databases++}`, TEMPLATE));
      const db = createDb(url);
      const trust = await db.trust.create({ data: { name: "Bench Trust" } });
      const token = encryptSecret("demo");
      const schools = [];
      for (const spec of specs) schools.push(await db.school.create({ data: { name: spec.name, wondeId: spec.id, trustId: trust.id, wondeTokenEnc: token } }));
      return { url, db, schools };
    }

    async function loop() {
      const { url, db } = await trustDatabase();
      await db.$disconnect();
      const child = spawn(process.execPath, ["--import", "tsx", SELF, "--loop", url], { cwd: projectRoot, env: process.env, stdio: ["ignore", "pipe", "inherit"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      await new Promise((resolve) => child.once("exit", resolve));
      return JSON.parse(output.trim().split("\n").at(-1)!) as { sum: number; failed: number; cpuSeconds: number };
    }

    async function throughQueue(workers: number): Promise<Outcome> {
      const { url, db, schools } = await trustDatabase();
      const web = await startSyncQueue(db, url, { concurrency: 0, schedule: false });
      const processes = Array.from({ length: workers }, () => startWorker(url));
      try {
        await Promise.all(processes.map((p) => p.ready));
        const started = Date.now();
        for (const school of schools) await requestSync(db, { schoolId: school.id, mode: "full", trigger: "SCHEDULE" });
        for (;;) {
          if ((await db.syncRun.count({ where: { status: { in: ["QUEUED", "RUNNING"] } } })) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const wallSeconds = (Date.now() - started) / 1000;
        const runs = await db.syncRun.findMany({ select: { status: true, createdAt: true, startedAt: true, finishedAt: true } });
        const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
        const cpuSeconds = (await Promise.all(processes.map((p) => p.stop()))).reduce((a, b) => a + b, 0);
        return {
          cpuSeconds,
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

    const loops: { sum: number; failed: number; cpuSeconds: number }[] = [];
    const one: Outcome[] = [];
    const two: Outcome[] = [];
    for (let run = 0; run < RUNS; run++) {
      loops.push(await loop());
      one.push(await throughQueue(1));
      two.push(await throughQueue(2));
    }
    const sum = median(loops.map((l) => l.sum));
    console.log(`${SCHOOLS} schools of ~${PUPILS} pupils; medians of ${RUNS}; SYNC_CONCURRENCY=${CONCURRENCY} per worker.`);
    console.log(`Shared 2-core machine: figures move with the neighbours' load (load average now ${loadavg().map((l) => l.toFixed(1)).join(", ")}).\n`);
    console.log(`sum of single-school syncs (loop)   ${sum.toFixed(2)} s  (${(sum / SCHOOLS).toFixed(2)} s a school; failed runs ${Math.max(...loops.map((l) => l.failed))}; Node CPU ${median(loops.map((l) => l.cpuSeconds)).toFixed(1)} s)`);
    for (const [label, outcomes] of [["1 worker", one], ["2 workers", two]] as const) {
      const wall = median(outcomes.map((o) => o.wallSeconds));
      console.log(
        `${label.padEnd(9)} total wall time          ${wall.toFixed(2)} s  speed-up ${(sum / wall).toFixed(2)}×  failed runs ${Math.max(...outcomes.map((o) => o.failed))}` +
          `  (a run takes ${median(outcomes.map((o) => o.meanRunSeconds)).toFixed(2)} s in the pool vs ${(sum / SCHOOLS).toFixed(2)} s alone; mean queue wait ${median(outcomes.map((o) => o.meanWaitSeconds)).toFixed(2)} s; workers' Node CPU ${median(outcomes.map((o) => o.cpuSeconds)).toFixed(1)} s)`,
      );
    }
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
  let cpuSeconds = 0;
  child.stdout.on("data", (chunk: Buffer) => {
    const stopped = /"event":"stopped","cpuSeconds":([\d.]+)/.exec(chunk.toString());
    if (stopped) cpuSeconds = Number(stopped[1]);
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let stopped: Promise<number> | null = null;
  return {
    ready,
    /** Stops the worker once; resolves with the CPU seconds it used. */
    stop() {
      stopped ??= (async () => {
        child.kill("SIGTERM");
        await exited;
        return cpuSeconds;
      })();
      return stopped;
    },
  };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

async function createDatabase(name: string, template?: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await admin.end();
  }
  return name;
}

function databaseUrl(name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}
