/**
 * Sync benchmark (not a test): `npm run bench:sync`. Figures are medians of 3.
 *
 * For an emulated secondary school of 500 pupils and one of 2,000, on a real PostgreSQL:
 *   (a) a first full sync, into an empty database, by a long-running worker: the process has
 *       synced before (its Prisma client has compiled its query plans, V8 has compiled the
 *       code), as every school but the first a worker syncs; the database is emptied
 *       (TRUNCATE) before each run. The first sync of a fresh process is printed too;
 *   (b) the floor: a plain HTTP fetch + JSON.parse of exactly the pages that sync read (the
 *       URLs its client requested, in its order, with no Staffroom code in between), overlapped
 *       with a COPY of exactly the rows it wrote into an empty database; fetch alone and COPY
 *       alone are printed too, to show where the time goes;
 *   (c) their ratio; the headline `ratio:` line is the 2,000-pupil school (goal ≤ 2.0);
 *   (d) a no-change incremental re-sync in the same long-running process, as a % of (a)
 *       (goal ≤ 3%);
 *   (e) the peak RSS of the process during its first full sync (goal: 2,000 within 1.2× of 500).
 * Each size runs in its own process, so each peak RSS is its own.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDatabase, migrateDatabase, startPostgres } from "../tests/helpers/postgres";
import { startChildEmulator } from "./child-emulator";
import { machineNote, median, timed } from "./figures";

const SELF = fileURLToPath(import.meta.url);
const SIZES = [500, 2000] as const;
const RUNS = 3;
const TEMPLATE = "bench_sync_template";
const schoolIdFor = (pupils: number) => `A9${String(pupils).padStart(9, "0")}`;

type Result = {
  pupils: number;
  people: number;
  pages: number;
  fullSeconds: number;
  coldSeconds: number;
  floorSeconds: number;
  fetchSeconds: number;
  copySeconds: number;
  incrementalSeconds: number;
  peakRssMb: number;
  baselineRssMb: number;
};

// Tables the sync writes, parents first, so COPY respects foreign keys. (PersonNameWord and
// NameWord are written by Person's trigger during the COPY, as during the sync.)
const TABLES = ["Subject", "Person", "User", "SchoolMembership", "Class", "ExternalId", "ClassStaff", "ClassPupil", "SubjectStaff", "ActivityEvent"];

if (process.argv[2] === "--size") await measure(Number(process.argv[3]), process.argv[4]!, process.argv[5]!);
else await main();

async function main() {
  const postgres = await startPostgres();
  const emulator = await startChildEmulator({
    seed: "bench",
    schools: SIZES.map((pupils) => ({ id: schoolIdFor(pupils), name: `Bench Secondary ${pupils}`, mis: "SIMS" as const, phase: "SECONDARY" as const, pupils })),
  });
  try {
    // Migrated once; every database below is a copy of it.
    await migrateDatabase(await createDatabase(postgres.url, TEMPLATE));
    const results: Result[] = [];
    for (const pupils of SIZES) {
      const child = spawnSync(process.execPath, ["--import", "tsx", SELF, "--size", String(pupils), postgres.url, emulator.url], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
      if (child.status !== 0) throw new Error(`the ${pupils}-pupil run failed:\n${child.stdout}`);
      results.push(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Result);
    }
    console.log(machineNote(RUNS));
    for (const r of results) {
      console.log(`\n${r.pupils} pupils (${r.people} people synced, ${r.pages} pages read)`);
      console.log(`  (a) full sync                 ${r.fullSeconds.toFixed(2)} s  (a fresh process's first sync ${r.coldSeconds.toFixed(2)} s, ${(r.coldSeconds / r.floorSeconds).toFixed(2)}× the floor)`);
      console.log(`  (b) floor                     ${r.floorSeconds.toFixed(2)} s  (fetch + JSON.parse ${r.fetchSeconds.toFixed(2)} s alone, COPY ${r.copySeconds.toFixed(2)} s alone, overlapped)`);
      console.log(`  (c) full / floor              ${(r.fullSeconds / r.floorSeconds).toFixed(2)}`);
      console.log(`  (d) no-change incremental     ${r.incrementalSeconds.toFixed(3)} s  (${((100 * r.incrementalSeconds) / r.fullSeconds).toFixed(1)}% of full)`);
      console.log(`  (e) peak RSS                  ${r.peakRssMb.toFixed(0)} MB  (baseline ${r.baselineRssMb.toFixed(0)} MB)`);
    }
    const [small, large] = results as [Result, Result];
    console.log(`\npeak RSS 2,000 / 500 pupils: ${(large.peakRssMb / small.peakRssMb).toFixed(2)}×`);
    console.log(`ratio for a fresh process's first sync: ${(large.coldSeconds / large.floorSeconds).toFixed(2)}`);
    console.log(`ratio: ${(large.fullSeconds / large.floorSeconds).toFixed(2)}`);
  } finally {
    emulator.stop();
    await postgres.stop();
  }
}

async function measure(pupils: number, postgresUrl: string, emulatorUrl: string) {
  const { createDb } = await import("../server/db");
  const { encryptSecret } = await import("../server/crypto");
  const { createWondeClient } = await import("../server/wonde");
  const { syncSchool } = await import("../server/sync/run");
  const wondeId = schoolIdFor(pupils);
  // The sync's own client, told to note every URL it asks for.
  const requested: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    requested.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  };
  const client = createWondeClient({ baseUrl: emulatorUrl, token: "demo", fetch: recordingFetch });

  globalThis.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  // One database and one client, as a worker has: emptied before each run.
  const url = await createDatabase(postgresUrl, `bench_sync_${pupils}`, TEMPLATE);
  const db = createDb(url);
  const [{ tables }] = await db.$queryRaw<[{ tables: string }]>`
    SELECT string_agg(format('%I', tablename), ', ') AS tables FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  const emptySchool = async () => {
    await db.$executeRawUnsafe(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
    return db.school.create({ data: { name: `Bench ${pupils}`, wondeId, wondeTokenEnc: encryptSecret("demo") } });
  };
  // The first sync of this fresh process, whose peak RSS is the one reported (one sync's, not three syncs' garbage).
  const first = await emptySchool();
  const coldSeconds = await timed(() => syncOk(first.id, "full"));
  clearInterval(sampler);
  const full: number[] = [];
  let schoolId = "";
  for (let run = 0; run < RUNS; run++) {
    schoolId = (await emptySchool()).id;
    requested.length = 0;
    full.push(await timed(() => syncOk(schoolId, "full")));
  }
  const pages = [...requested];

  // The same process, as a long-running worker would be: re-syncs that find nothing new.
  const incremental: number[] = [];
  for (let run = 0; run < RUNS; run++) incremental.push(await timed(() => syncOk(schoolId, "incremental")));
  const people = await db.person.count({ where: { schoolId } });
  await db.$disconnect();

  // The floor. COPY's input: exactly the rows the last full sync left.
  const dumpDir = mkdtempSync(path.join(tmpdir(), "staffroom-bench-"));
  chmodSync(dumpDir, 0o777);
  const source = new pg.Client({ connectionString: url });
  await source.connect();
  for (const table of TABLES) await source.query(`COPY "${table}" TO '${dumpDir}/${table}.copy'`);
  await source.end();

  const fetchAll = async () => {
    for (const url of pages) {
      const response = await fetch(url, { headers: { authorization: "Bearer demo", accept: "application/json" } });
      JSON.parse(await response.text());
    }
  };
  let copies = 0;
  /** An empty database with the school, ready for COPY; returns the timed COPY itself. */
  const copyInto = async () => {
    const url = await createDatabase(postgresUrl, `bench_copy_${pupils}_${copies++}`, TEMPLATE);
    const target = new pg.Client({ connectionString: url });
    await target.connect();
    await target.query(`INSERT INTO "School" ("id", "name", "updatedAt") VALUES ($1, 'Bench', now())`, [schoolId]);
    return async () => {
      await target.query("BEGIN");
      for (const table of TABLES) await target.query(`COPY "${table}" FROM '${dumpDir}/${table}.copy'`);
      await target.query("COMMIT");
      await target.end();
    };
  };
  const fetchAlone: number[] = [];
  const copyAlone: number[] = [];
  const floor: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    fetchAlone.push(await timed(fetchAll));
    copyAlone.push(await timed(await copyInto()));
    // Overlapped, as the sync overlaps reading and writing: the wall time of both at once.
    const copy = await copyInto();
    floor.push(await timed(() => Promise.all([fetchAll(), copy()])));
  }
  rmSync(dumpDir, { recursive: true, force: true });

  const result: Result = {
    pupils,
    people,
    pages: pages.length,
    fullSeconds: median(full),
    coldSeconds,
    floorSeconds: median(floor),
    fetchSeconds: median(fetchAlone),
    copySeconds: median(copyAlone),
    incrementalSeconds: median(incremental),
    peakRssMb: peakRss / 2 ** 20,
    baselineRssMb: baselineRss / 2 ** 20,
  };
  console.log(JSON.stringify(result));

  async function syncOk(schoolId: string, mode: "full" | "incremental") {
    const summary = await syncSchool(db, schoolId, { mode, trigger: "CLI", client });
    if (summary.status !== "SUCCEEDED") throw new Error(summary.error ?? "sync failed");
  }
}
