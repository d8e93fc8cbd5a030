/**
 * Activity-log benchmark (not a test): `npm run bench:activity`.
 *
 * On a throwaway PostgreSQL with the real migrations, loads 1,000,000 ActivityEvent rows across
 * four schools (INSERT … SELECT generate_series; sync-like runs of 50 events share a timestamp),
 * then times the Activity page's real queries (server/activity) over repeated runs, p50/p95:
 * the first page, a page deep in the log (by cursor, and by walking 500 pages), filters by
 * action, person kind, actor and free text, the filter dropdowns, and a CSV export. EXPLAIN
 * ANALYZE shows which index each page query uses. Figures only: nothing here asserts.
 *
 * BENCH_ROWS overrides the row count (e.g. 100000 for a quick look).
 */
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { ActivityFilters } from "../server/activity/queries";
import { createDatabase, migrateDatabase, startPostgres } from "../tests/helpers/postgres";

const TOTAL = Number(process.env.BENCH_ROWS ?? 1_000_000);
/** Each school's share of the rows: one big secondary, a middling one, two small primaries. */
const SCHOOLS = [
  { id: "bench-school-a", name: "Bench Academy A", share: 0.6 },
  { id: "bench-school-b", name: "Bench Academy B", share: 0.25 },
  { id: "bench-school-c", name: "Bench Primary C", share: 0.1 },
  { id: "bench-school-d", name: "Bench Primary D", share: 0.05 },
];
const END = new Date("2026-11-23T17:00:00Z");
const SPAN_MS = 3 * 365 * 86_400_000;
const TIE_RUN = 50;
const PAGE = 50;
const RUNS = 30;
const RARE_LABEL = "Zebedee, Quinn (ZQ)";

const postgres = await startPostgres();
try {
  const url = await createDatabase(postgres.url, "staffroom_bench_activity");
  await migrateDatabase(url);
  const loadSeconds = await load(url);
  process.env.DATABASE_URL = url;
  await measure(url, loadSeconds);
} finally {
  await postgres.stop();
}

async function load(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    for (const school of SCHOOLS) {
      const rows = Math.round(TOTAL * school.share);
      await client.query(`INSERT INTO "School" (id, name, timezone, "updatedAt") VALUES ($1, $2, 'Europe/London', now())`, [school.id, school.name]);
      // h: a well-mixed number per row that picks the action, kind, names and actor.
      await client.query(
        `INSERT INTO "ActivityEvent" (id, "schoolId", "actorUserId", "actorLabel", action, "subjectType", "subjectId", "subjectLabel", details, at)
         SELECT $1 || '-' || lpad(g::text, 7, '0'), $1, NULL,
                CASE WHEN a.action IN ('Role Changed', 'Identity Matched', 'Invite Sent') THEN (ARRAY['Helen Head', 'Mark Bursar', 'Dana Data'])[1 + (h / 7) % 3]
                     WHEN a.action IN ('Signed In', 'Sign-in Refused') THEN 'Sign-in'
                     WHEN a.action = 'Password Reset Requested' THEN 'Forgot password'
                     ELSE 'Sync' END,
                a.action,
                CASE WHEN a.person THEN 'Person' WHEN a.action = 'Sync Completed' THEN 'SyncRun' ELSE 'User' END,
                'subject-' || (h % 5000),
                CASE WHEN a.person THEN n.surname || ', ' || n.forename || ' (' || left(n.forename, 1) || left(n.surname, 1) || ')'
                     WHEN a.action = 'Sync Completed' THEN 'Incremental sync'
                     ELSE lower(n.forename || '.' || n.surname) || '@bench.sch.uk' END,
                CASE WHEN a.person THEN jsonb_build_object('kind', CASE WHEN (h / 100) % 10 < 2 THEN 'STAFF' ELSE 'PUPIL' END, 'changed', '["email"]'::jsonb)
                     WHEN a.action LIKE 'Sign%' THEN jsonb_build_object('method', 'password')
                     ELSE '{}'::jsonb END,
                ($3::timestamp - $4 * interval '1 millisecond') + (g / ${TIE_RUN}) * ($4::float8 / ($2 / ${TIE_RUN} + 1)) * interval '1 millisecond'
         FROM generate_series(1, $2::int) g
         CROSS JOIN LATERAL (SELECT abs(hashint4(g # hashtext($1))) AS h) x
         CROSS JOIN LATERAL (SELECT
           CASE WHEN h % 100 < 40 THEN 'User Updated' WHEN h % 100 < 55 THEN 'User Created' WHEN h % 100 < 75 THEN 'Signed In'
                WHEN h % 100 < 80 THEN 'User Matched' WHEN h % 100 < 84 THEN 'User Archived' WHEN h % 100 < 87 THEN 'Sign-in Refused'
                WHEN h % 100 < 89 THEN 'Sync Completed' WHEN h % 100 < 92 THEN 'Password Reset Requested' WHEN h % 100 < 95 THEN 'Identity Matched'
                WHEN h % 100 < 97 THEN 'Role Changed' WHEN h % 100 < 99 THEN 'Invite Sent' ELSE 'Incident Logged' END AS action,
           h % 100 < 40 OR (h % 100 >= 40 AND h % 100 < 55) OR (h % 100 >= 75 AND h % 100 < 84) AS person) a
         CROSS JOIN LATERAL (SELECT
           (ARRAY['Smith','Jones','Taylor','Brown','Williams','Wilson','Johnson','Davies','Patel','Robinson','Wright','Thompson','Evans','Walker','White','Roberts','Green','Hall','Thomas','Clarke','Jackson','Wood','Harris','Edwards','Turner','Martin','Cooper','Hill','Ward','Hughes','Moore','Clark','King','Harrison','Lewis','Baker','Lee','Allen','Morris','Khan','Scott','Watson','Davis','Parker','James','Bennett','Young','Phillips','Richardson','Mitchell'])[1 + (h / 1000) % 50] AS surname,
           (ARRAY['Oliver','Amelia','George','Isla','Harry','Ava','Noah','Mia','Jack','Ivy','Leo','Lily','Arthur','Isabella','Muhammad','Rosie','Oscar','Sophia','Charlie','Grace','Jacob','Freya','Thomas','Willow','Henry','Olivia','William','Emily','Alfie','Ella','Joshua','Poppy','Freddie','Evie','Archie','Charlotte','Theo','Aria','Alexander','Daisy'])[1 + (h / 50000) % 40] AS forename) n`,
        [school.id, rows, END.toISOString().slice(0, 23), SPAN_MS],
      );
      // One needle deep in the haystack, for the rare free-text search.
      await client.query(
        `UPDATE "ActivityEvent" SET "subjectLabel" = $2 WHERE id = (SELECT id FROM "ActivityEvent" WHERE "schoolId" = $1 ORDER BY at, id OFFSET $3 LIMIT 1)`,
        [school.id, RARE_LABEL, Math.floor(rows / 10)],
      );
    }
    // ANALYZE only, no VACUUM: the trigram indexes keep whatever pending list the load left
    // (bounded by their gin_pending_list_limit), as between autovacuums in production.
    await client.query(`ANALYZE "ActivityEvent"`);
  } finally {
    await client.end();
  }
  return (performance.now() - started) / 1000;
}

async function measure(url: string, loadSeconds: number) {
  const { createDb } = await import("../server/db");
  const { Prisma } = await import("../server/generated/prisma/client");
  const { activityBatches, activityFacets, activityPageSql, encodeCursor, listActivity } = await import("../server/activity/queries");
  const { activityCsvStream } = await import("../server/activity/export");
  const db = createDb(url);
  const big = SCHOOLS[0]!;
  const bigRows = Math.round(TOTAL * big.share);

  const counts = await db.$queryRaw<{ schoolId: string; n: bigint }[]>`SELECT "schoolId", count(*) AS n FROM "ActivityEvent" GROUP BY 1 ORDER BY 2 DESC`;
  const size = await db.$queryRaw<{ table: string; indexes: string }[]>`
    SELECT pg_size_pretty(pg_table_size('"ActivityEvent"')) AS table, pg_size_pretty(pg_indexes_size('"ActivityEvent"')) AS indexes`;
  console.log(`Loaded ${TOTAL.toLocaleString("en-GB")} events in ${loadSeconds.toFixed(1)} s (table ${size[0]!.table}, indexes ${size[0]!.indexes})`);
  console.log(`  per school: ${counts.map((c) => `${c.schoolId} ${Number(c.n).toLocaleString("en-GB")}`).join(", ")}`);

  // A cursor 1,000 rows from the oldest end of the big school: the deepest page anyone could reach.
  const nearEnd = await db.$queryRaw<{ at: Date; id: string }[]>`
    SELECT at, id FROM "ActivityEvent" WHERE "schoolId" = ${big.id} ORDER BY at, id OFFSET 1000 LIMIT 1`;
  const deepCursor = encodeCursor(nearEnd[0]!);
  const lastMonth = new Date(END.getTime() - 30 * 86_400_000);

  const scenarios: { name: string; input: ActivityFilters & { cursor?: string }; runs?: number }[] = [
    { name: "first page", input: {} },
    { name: "deep page (cursor 1,000 rows from the oldest)", input: { cursor: deepCursor } },
    { name: "action = User Created", input: { actions: ["User Created"] } },
    { name: "action = Role Changed (2%), deep", input: { actions: ["Role Changed"], cursor: deepCursor } },
    { name: "MyLogin check: User Created, STAFF, last 30 days", input: { actions: ["User Created"], personKind: "STAFF", from: lastMonth } },
    { name: "person kind = STAFF", input: { personKind: "STAFF" } },
    { name: "actor = Mark Bursar", input: { actor: "Mark Bursar" } },
    { name: "date range: one day a year ago", input: { from: new Date(END.getTime() - 365 * 86_400_000), to: new Date(END.getTime() - 364 * 86_400_000) } },
    { name: 'text "smith" (common)', input: { text: "smith" } },
    { name: 'text "zebedee" (one row, 90% deep)', input: { text: "zebedee" }, runs: 10 },
    { name: 'text "no-such-person" (no match: worst case)', input: { text: "no-such-person" }, runs: 10 },
    { name: 'text "no-such-person", last 30 days', input: { text: "no-such-person", from: lastMonth } },
  ];

  console.log(`\nPage queries on ${big.id} (${bigRows.toLocaleString("en-GB")} events), ${PAGE} rows a page, through listActivity():`);
  console.log(`${"scenario".padEnd(52)} ${"rows".padStart(5)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  plan`);
  for (const s of scenarios) {
    const input = { ...s.input, limit: PAGE };
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < (s.runs ?? RUNS); i++) {
      const t = performance.now();
      rows = (await listActivity(db, big.id, input)).rows.length;
      times.push(performance.now() - t);
    }
    const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${activityPageSql(big.id, input)}`);
    console.log(`${s.name.padEnd(52)} ${String(rows).padStart(5)} ${fmt(pct(times, 50))} ${fmt(pct(times, 95))}  ${planSummary(plan.map((p) => p["QUERY PLAN"]))}`);
  }

  // Walking the log page by page: every page should cost what the first did.
  const walk: number[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    const page: Awaited<ReturnType<typeof listActivity>> = await listActivity(db, big.id, { cursor, limit: PAGE });
    walk.push(performance.now() - t);
    cursor = page.nextCursor;
  }
  console.log(`${"walk 500 pages from the newest (per page)".padEnd(52)} ${String(PAGE).padStart(5)} ${fmt(pct(walk, 50))} ${fmt(pct(walk, 95))}  page 500 took ${walk.at(-1)!.toFixed(2)} ms; total ${(walk.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} s`);

  const facetTimes: number[] = [];
  let facets: Awaited<ReturnType<typeof activityFacets>> | null = null;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    facets = await activityFacets(db, big.id);
    facetTimes.push(performance.now() - t);
  }
  console.log(`${"facets (distinct actions, recent actors)".padEnd(52)} ${String(facets!.actions.length + facets!.actors.length).padStart(5)} ${fmt(pct(facetTimes, 50))} ${fmt(pct(facetTimes, 95))}`);

  // Exports: rows through the keyset batches alone, then the whole CSV stream.
  const small = SCHOOLS.at(-1)!;
  let t = performance.now();
  let batchRows = 0;
  for await (const batch of activityBatches(db, big.id, {})) batchRows += batch.length;
  const batchSeconds = (performance.now() - t) / 1000;
  console.log(`\nExport of ${big.id}: ${batchRows.toLocaleString("en-GB")} rows read in keyset batches in ${batchSeconds.toFixed(1)} s (${Math.round(batchRows / batchSeconds).toLocaleString("en-GB")} rows/s)`);
  t = performance.now();
  let bytes = 0;
  const reader = activityCsvStream(db, small.id, "Europe/London", {}).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  const csvSeconds = (performance.now() - t) / 1000;
  const smallRows = Math.round(TOTAL * small.share);
  console.log(`CSV export of ${small.id}: ${smallRows.toLocaleString("en-GB")} rows, ${(bytes / 1e6).toFixed(1)} MB in ${csvSeconds.toFixed(2)} s (${Math.round(smallRows / csvSeconds).toLocaleString("en-GB")} rows/s)`);

  await db.$disconnect();
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function fmt(ms: number): string {
  return ms.toFixed(2).padStart(8);
}

/** The plan's scan nodes (and sorts) in one line, e.g. 'Index Scan using "…_at_id_idx" → Limit'. */
function planSummary(lines: string[]): string {
  const nodes = lines
    .map((l) => l.trim().replace(/^->\s*/, ""))
    .filter((l) => /Scan|Sort|Filter: |Index Cond: /.test(l) && !/Sort Key|Sort Method|Presorted/.test(l))
    .map((l) => l.replace(/\s*\(cost=[^)]*\)/, "").replace(/\s*\(actual[^)]*\)/, "").replace(/ on "ActivityEvent"/, ""));
  const exec = lines.find((l) => l.startsWith("Execution Time"));
  return `${nodes.join(" | ").slice(0, 220)}${exec ? ` [${exec.replace("Execution Time: ", "")}]` : ""}`;
}
