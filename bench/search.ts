/**
 * Person search benchmark (not a test): `npm run bench:search`.
 *
 * A trust of 50 schools and 100,000 people (92,000 pupils, 8,000 staff) with realistic
 * British names, on a throwaway PostgreSQL migrated with the real migrations (bench/search-data.ts).
 * 300 picker queries of six kinds (surname prefixes, "Oli Sm" fragments, typos, initials, full
 * names, half surnames), each made from one person, go through the real search service
 * (server/incidents/person-search.ts), over the person's school and over the whole trust.
 * Prints p50/p95/p99 of the time each query takes as the server sees it (the service call,
 * database round trips included), the same for a naive ILIKE '%q%' query, and per kind and
 * reach how often the person a query was made from is among the ten offered. The headline
 * `p95: <ms> ms` line is ours, trust-wide.
 */
import pg from "pg";
import { createDatabase, migrateDatabase, startPostgres } from "../tests/helpers/postgres";
import { loadAverage, median } from "./figures";
import { buildQueries, PEOPLE, QUERY_KINDS, SCHOOLS, seedTrust } from "./search-data";

const QUERIES = 300;
const PASSES = 3;
const postgres = await startPostgres();
try {
  const url = await createDatabase(postgres.url, "bench_search");
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  const { createDb } = await import("../server/db");
  const { naiveSearchSql, prefixSearchSql, queryWords, searchPeople } = await import("../server/incidents/person-search");
  const db = createDb(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();

  const seeded = performance.now();
  const schoolIds = await seedTrust(client);
  console.log(`seeded ${PEOPLE.toLocaleString("en-GB")} people in ${SCHOOLS} schools in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  const queries = await buildQueries(client, QUERIES);
  type Query = (typeof queries)[number];
  const ours = (q: Query, scope: string[]) => searchPeople(db, { schoolIds: scope, query: q.text, limit: 10 });
  const naive = (q: Query, scope: string[]) => db.$queryRaw<{ id: string }[]>(naiveSearchSql({ schoolIds: scope, query: q.text, limit: 10 }));

  // Warm the caches and the connection pool the same way for both.
  for (const q of queries.slice(0, 30)) {
    await ours(q, schoolIds);
    await naive(q, schoolIds);
  }

  /** Each query's median time over PASSES passes (a neighbour's burst moves one pass, not the figure), and whether its person was in the ten. */
  const measure = async (run: (q: Query) => Promise<{ id: string }[]>) => {
    const passes: number[][] = [];
    const hits: boolean[] = [];
    for (let pass = 0; pass < PASSES; pass++) {
      passes.push([]);
      for (const q of queries) {
        const started = performance.now();
        const found = await run(q);
        passes[pass]!.push(performance.now() - started);
        if (pass === 0) hits.push(found.some((m) => m.id === q.personId));
      }
    }
    return { ms: queries.map((_, i) => median(passes.map((p) => p[i]!))), hits };
  };

  const results = {
    oursTrust: await measure((q) => ours(q, schoolIds)),
    oursSchool: await measure((q) => ours(q, [q.schoolId])),
    naiveTrust: await measure((q) => naive(q, schoolIds)),
    naiveSchool: await measure((q) => naive(q, [q.schoolId])),
  };

  const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ANALYZE ${prefixSearchSql({ schoolIds, query: "oli sm" }, queryWords("oli sm"), 20)}`;

  const line = (label: string, samples: number[]) => {
    const [p50, p95, p99] = [0.5, 0.95, 0.99].map((p) => percentile(samples, p).toFixed(2));
    return `${label.padEnd(36)} p50 ${p50} ms   p95 ${p95} ms   p99 ${p99} ms`;
  };
  console.log(`\n${queries.length} queries (${QUERY_KINDS.map((k) => `${queries.filter((q) => q.kind === k).length} ${k}`).join(", ")}), ${PEOPLE.toLocaleString("en-GB")} people, ${SCHOOLS} schools`);
  console.log(`each query's median of ${PASSES} passes; load average now ${loadAverage()}`);
  console.log(line("ours, trust-wide (100k people)", results.oursTrust.ms));
  console.log(line("ours, one school (~2k people)", results.oursSchool.ms));
  console.log(line("naive ILIKE, trust-wide", results.naiveTrust.ms));
  console.log(line("naive ILIKE, one school", results.naiveSchool.ms));
  for (const kind of QUERY_KINDS) console.log(line(`  ours trust-wide, ${kind}`, results.oursTrust.ms.filter((_, i) => queries[i]!.kind === kind)));

  // Quality: how often the person a query was made from is among the ten offered. Short
  // prefixes and initials trust-wide match hundreds of people equally well: their rate says
  // how crowded the trust is, not how good the search is.
  const rate = (hits: boolean[], kind: string) => {
    const of = queries.flatMap((q, i) => (q.kind === kind ? [hits[i]!] : []));
    const found = of.filter(Boolean).length;
    return `${`${found}/${of.length}`.padStart(6)} (${Math.round((100 * found) / of.length)}%)`.padEnd(14);
  };
  console.log(`\nthe intended person in the top ten      ours, trust-wide   ours, one school   naive, trust-wide  naive, one school`);
  for (const kind of QUERY_KINDS)
    console.log(`  ${kind.padEnd(36)} ${rate(results.oursTrust.hits, kind)}     ${rate(results.oursSchool.hits, kind)}     ${rate(results.naiveTrust.hits, kind)}     ${rate(results.naiveSchool.hits, kind)}`);
  const all = (hits: boolean[]) => `${hits.filter(Boolean).length}/${hits.length}`;
  console.log(`  ${"all".padEnd(36)} ${all(results.oursTrust.hits).padStart(6)}${" ".repeat(13)}${all(results.oursSchool.hits).padStart(6)}`);
  console.log(`examples: ${QUERY_KINDS.map((k) => `${k} "${queries.find((q) => q.kind === k)!.text}"`).join(", ")}`);
  if (plan.length) console.log(`\nplan for "oli sm" trust-wide:\n  ${plan.map((r) => r["QUERY PLAN"]).join("\n  ")}`);
  console.log(`\nfull names in the top ten, trust-wide: ${rate(results.oursTrust.hits, "full name").trim()}`);
  console.log(`typos in the top ten, one school: ${rate(results.oursSchool.hits, "typo").trim()}`);
  console.log(`naive p95: ${percentile(results.naiveTrust.ms, 0.95).toFixed(2)} ms`);
  console.log(`p95: ${percentile(results.oursTrust.ms, 0.95).toFixed(2)} ms`);

  await client.end();
  await db.$disconnect();
} finally {
  await postgres.stop();
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

