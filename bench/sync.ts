/**
 * Sync benchmark (not a test): `npm run bench:sync`.
 *
 * For an emulated secondary school of 2,000 pupils (and one of 500, to show
 * memory stays flat as the school grows), on a real PostgreSQL:
 *   (a) a first full sync;
 *   (b) the floor: fetching every page the sync reads from the emulator, plus
 *       COPYing the rows the sync wrote into the same tables of an empty database;
 *   (c) their ratio, printed alone as `ratio: N` (target ≤ 2);
 *   (d) a no-change incremental sync (target ≤ 10% of (a)), and a no-change full one;
 *   (e) peak RSS of the process doing the sync.
 * Each size runs in its own process, so each peak RSS is its own; BENCH_NODE_FLAGS
 * passes flags to those processes (e.g. "--max-old-space-size=96" to show the
 * working set is bounded).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDatabase, migrateDatabase, startPostgres } from "../tests/helpers/postgres";
import { startChildEmulator } from "./child-emulator";

const SELF = fileURLToPath(import.meta.url);
const SIZES = [500, 2000] as const;
const schoolIdFor = (pupils: number) => `A9${String(pupils).padStart(9, "0")}`;

type Result = {
  pupils: number;
  people: number;
  fullSeconds: number;
  fetchSeconds: number;
  copySeconds: number;
  incrementalSeconds: number;
  fullResyncSeconds: number;
  peakRssMb: number;
  baselineRssMb: number;
};

// Tables the sync writes, parents first, so COPY respects foreign keys.
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
    const results: Result[] = [];
    for (const pupils of SIZES) {
      const child = spawnSync(process.execPath, [...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? []), "--import", "tsx", SELF, "--size", String(pupils), postgres.url, emulator.url], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
      if (child.status !== 0) throw new Error(`the ${pupils}-pupil run failed:\n${child.stdout}`);
      results.push(JSON.parse(child.stdout.trim().split("\n").at(-1)!) as Result);
    }
    for (const r of results) {
      const floor = r.fetchSeconds + r.copySeconds;
      console.log(`\n${r.pupils} pupils (${r.people} people synced)`);
      console.log(`  (a) full sync                 ${r.fullSeconds.toFixed(2)} s`);
      console.log(`  (b) floor                     ${floor.toFixed(2)} s  (fetch ${r.fetchSeconds.toFixed(2)} s + COPY ${r.copySeconds.toFixed(2)} s)`);
      console.log(`  (c) full / floor              ${(r.fullSeconds / floor).toFixed(2)}`);
      console.log(`  (d) no-change incremental     ${r.incrementalSeconds.toFixed(2)} s  (${((100 * r.incrementalSeconds) / r.fullSeconds).toFixed(1)}% of full)`);
      console.log(`      no-change full re-sync    ${r.fullResyncSeconds.toFixed(2)} s  (${((100 * r.fullResyncSeconds) / r.fullSeconds).toFixed(1)}% of full)`);
      console.log(`  (e) peak RSS                  ${r.peakRssMb.toFixed(0)} MB  (baseline ${r.baselineRssMb.toFixed(0)} MB, +${(r.peakRssMb - r.baselineRssMb).toFixed(0)} MB during the sync)`);
    }
    const large = results.find((r) => r.pupils === 2000)!;
    console.log(`\nratio: ${(large.fullSeconds / (large.fetchSeconds + large.copySeconds)).toFixed(2)}`);
  } finally {
    emulator.stop();
    await postgres.stop();
  }
}

async function measure(pupils: number, postgresUrl: string, emulatorUrl: string) {
  const databaseUrl = await createDatabase(postgresUrl, `bench_sync_${pupils}`);
  await migrateDatabase(databaseUrl);
  const { createDb } = await import("../server/db");
  const { encryptSecret } = await import("../server/crypto");
  const { createWondeClient } = await import("../server/wonde");
  const { syncSchool } = await import("../server/sync/run");
  const db = createDb(databaseUrl);
  const wondeId = schoolIdFor(pupils);
  const school = await db.school.create({ data: { name: `Bench ${pupils}`, wondeId, wondeTokenEnc: encryptSecret("demo") } });
  const client = createWondeClient({ baseUrl: emulatorUrl, token: "demo" });
  const sync = async (mode: "full" | "incremental") => {
    const started = performance.now();
    const summary = await syncSchool(db, school.id, { mode, trigger: "CLI", client });
    if (summary.status !== "SUCCEEDED") throw new Error(summary.error ?? "sync failed");
    return (performance.now() - started) / 1000;
  };

  globalThis.gc?.();
  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
  const fullSeconds = await sync("full");
  clearInterval(sampler);
  const incrementalSeconds = await sync("incremental");
  const fullResyncSeconds = await sync("full");
  const people = await db.person.count({ where: { schoolId: school.id } });

  // Floor, part 1: fetch every page the sync reads, with the same includes, doing nothing with them.
  const fetchStarted = performance.now();
  const pages = [
    client.subjects(wondeId),
    client.employees(wondeId, { include: ["employment_details", "contact_details", "roles", "hierarchy"] }),
    client.students(wondeId, { include: ["education_details", "contact_details"] }),
    client.classes(wondeId, { include: ["subject", "students", "employees"] }),
  ];
  for (const list of pages) for await (const page of list) void page;
  const fetchSeconds = (performance.now() - fetchStarted) / 1000;

  // Floor, part 2: COPY the rows the sync wrote into the same tables of an empty database.
  const dumpDir = mkdtempSync(path.join(tmpdir(), "staffroom-bench-"));
  chmodSync(dumpDir, 0o777);
  const source = new pg.Client({ connectionString: databaseUrl });
  await source.connect();
  for (const table of TABLES) await source.query(`COPY "${table}" TO '${dumpDir}/${table}.copy'`);
  await source.end();
  const targetUrl = await createDatabase(postgresUrl, `bench_copy_${pupils}`);
  await migrateDatabase(targetUrl);
  const target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
  await target.query(`INSERT INTO "School" ("id", "name", "updatedAt") VALUES ($1, 'Bench', now())`, [school.id]);
  const copyStarted = performance.now();
  await target.query("BEGIN");
  for (const table of TABLES) await target.query(`COPY "${table}" FROM '${dumpDir}/${table}.copy'`);
  await target.query("COMMIT");
  const copySeconds = (performance.now() - copyStarted) / 1000;
  await target.end();
  rmSync(dumpDir, { recursive: true, force: true });
  await db.$disconnect();

  const result: Result = { pupils, people, fullSeconds, fetchSeconds, copySeconds, incrementalSeconds, fullResyncSeconds, peakRssMb: peakRss / 2 ** 20, baselineRssMb: baselineRss / 2 ** 20 };
  console.log(JSON.stringify(result));
}
