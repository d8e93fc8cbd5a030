/**
 * Person search benchmark (not a test): `npm run bench:search`.
 *
 * A trust of 50 schools and 100,000 people (92,000 pupils, 8,000 staff) with realistic
 * British names, on a throwaway PostgreSQL migrated with the real migrations. A few hundred
 * realistic picker queries (surname prefixes, "forename surname" fragments, typos, initials,
 * full names) go through the real search service (server/incidents/person-search.ts), over
 * the person's school and over the whole trust. Prints p50/p95/p99 of the time each query
 * takes as the server sees it (the service call, database round trips included), then the
 * same for a naive ILIKE '%q%' query. The headline `p95: <ms> ms` line is ours, trust-wide.
 */
import pg from "pg";
import { ADULT_NAMES_FEMALE, ADULT_NAMES_MALE, CHILD_NAMES_FEMALE, CHILD_NAMES_MALE, SURNAMES } from "../emulator/names";
import { createDatabase, migrateDatabase, startPostgres } from "../tests/helpers/postgres";

const SCHOOLS = 50;
const PEOPLE = 100_000;
const STAFF_EVERY = 12; // one in twelve people is staff: 8,333 staff, 91,667 pupils
const QUERIES = 300;
const JOB_TITLES = ["Class Teacher", "Teaching Assistant", "Head of Year", "Office Manager", "Site Manager", "SENCo", "Midday Supervisor", "Cook", "Head Teacher"];

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
  const schoolIds = await seed(client);
  console.log(`seeded ${PEOPLE.toLocaleString("en-GB")} people in ${SCHOOLS} schools in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  const queries = await buildQueries(client);
  type Query = (typeof queries)[number];
  const ours = (q: Query, scope: string[]) => searchPeople(db, { schoolIds: scope, query: q.text, limit: 10 });
  const naive = (q: Query, scope: string[]) => db.$queryRaw(naiveSearchSql({ schoolIds: scope, query: q.text, limit: 10 }));

  // Warm the caches and the connection pool the same way for both.
  for (const q of queries.slice(0, 30)) {
    await ours(q, schoolIds);
    await naive(q, schoolIds);
  }

  const time = async (run: (q: Query) => Promise<unknown>) => {
    const samples: number[] = [];
    for (const q of queries) {
      const started = performance.now();
      await run(q);
      samples.push(performance.now() - started);
    }
    return samples;
  };

  const results = {
    oursTrust: await time((q) => ours(q, schoolIds)),
    oursSchool: await time((q) => ours(q, [q.schoolId])),
    naiveTrust: await time((q) => naive(q, schoolIds)),
    naiveSchool: await time((q) => naive(q, [q.schoolId])),
  };

  // Quality: how often the person a query was made from is among the ten offered (trust-wide).
  let found = 0;
  for (const q of queries) if ((await ours(q, schoolIds)).some((m) => m.id === q.personId)) found++;
  // Typos are the point of trigram search: how many of those find their person.
  const typos = queries.filter((q) => q.kind === "typo");
  let typoFound = 0;
  for (const q of typos) if ((await ours(q, [q.schoolId])).some((m) => m.id === q.personId)) typoFound++;

  const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ANALYZE ${prefixSearchSql({ schoolIds, query: "oli sm" }, queryWords("oli sm"), 20)}`;

  const line = (label: string, samples: number[]) => {
    const [p50, p95, p99] = [0.5, 0.95, 0.99].map((p) => percentile(samples, p).toFixed(2));
    return `${label.padEnd(34)} p50 ${p50} ms   p95 ${p95} ms   p99 ${p99} ms`;
  };
  console.log(`\n${queries.length} queries (${countBy(queries.map((q) => q.kind))}), ${PEOPLE.toLocaleString("en-GB")} people, ${SCHOOLS} schools`);
  console.log(line("ours, trust-wide (100k people)", results.oursTrust));
  console.log(line("ours, one school (~2k people)", results.oursSchool));
  console.log(line("naive ILIKE, trust-wide", results.naiveTrust));
  console.log(line("naive ILIKE, one school", results.naiveSchool));
  const byKind = new Map<string, number[]>();
  queries.forEach((q, i) => byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), results.oursTrust[i]!]));
  for (const [kind, samples] of byKind) console.log(line(`  ours trust-wide, ${kind}`, samples));
  console.log(`\nthe intended person among ours' top ten (trust-wide): ${found}/${queries.length}; typos found in their school: ${typoFound}/${typos.length}`);
  if (plan.length) console.log(`plan for "oli sm" trust-wide:\n  ${plan.map((r) => r["QUERY PLAN"]).join("\n  ")}`);
  console.log(`\nnaive p95: ${percentile(results.naiveTrust, 0.95).toFixed(2)} ms`);
  console.log(`p95: ${percentile(results.oursTrust, 0.95).toFixed(2)} ms`);

  await client.end();
  await db.$disconnect();
} finally {
  await postgres.stop();
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function countBy(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(", ");
}

/** The trust, its schools and people, generated inside PostgreSQL (INSERT … SELECT generate_series). */
async function seed(client: pg.Client): Promise<string[]> {
  await client.query(`INSERT INTO "Trust" ("id", "name") VALUES ('bench-trust', 'Bench Learning Trust')`);
  await client.query(
    `INSERT INTO "School" ("id", "trustId", "name", "updatedAt")
     SELECT 'bench-school-' || s, 'bench-trust', 'Bench School ' || s, now() FROM generate_series(1, $1) AS s`,
    [SCHOOLS],
  );
  // Pseudo-random but repeatable picks: hashes of the row number index the name lists.
  await client.query(
    `INSERT INTO "Person" ("id", "schoolId", "kind", "forename", "surname", "initials", "ncYear", "jobTitle", "updatedAt")
     SELECT 'bench-person-' || i,
            'bench-school-' || (1 + i % $1),
            CASE WHEN staff THEN 'STAFF' ELSE 'PUPIL' END::"PersonKind",
            forename, surname, left(forename, 1) || left(surname, 1),
            CASE WHEN staff THEN NULL ELSE (1 + abs(hashtext('y' || i)) % 11)::text END,
            CASE WHEN staff THEN ($5::text[])[1 + abs(hashtext('j' || i)) % cardinality($5::text[])] END,
            now()
     FROM (
       SELECT i, i % $2 = 0 AS staff,
              CASE WHEN i % $2 = 0 THEN ($6::text[])[1 + abs(hashtext('f' || i)) % cardinality($6::text[])]
                   ELSE ($3::text[])[1 + abs(hashtext('f' || i)) % cardinality($3::text[])] END AS forename,
              ($4::text[])[1 + abs(hashtext('s' || i)) % cardinality($4::text[])] AS surname
       FROM generate_series(1, $7) AS i
     ) AS p`,
    [SCHOOLS, STAFF_EVERY, [...CHILD_NAMES_MALE, ...CHILD_NAMES_FEMALE], [...SURNAMES], JOB_TITLES, [...ADULT_NAMES_MALE, ...ADULT_NAMES_FEMALE], PEOPLE],
  );
  await client.query(`ANALYZE "Person", "PersonNameWord", "NameWord"`);
  const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "School" WHERE "trustId" = 'bench-trust' ORDER BY "id"`);
  return rows.map((r) => r.id);
}

/** What people type into a picker, made from real rows so each query has a person it is for. */
async function buildQueries(client: pg.Client) {
  const { rows } = await client.query<{ id: string; schoolId: string; forename: string; surname: string; initials: string }>(
    `SELECT "id", "schoolId", "forename", "surname", "initials" FROM "Person" ORDER BY hashtext("id") LIMIT $1`,
    [QUERIES],
  );
  const kinds = ["surname prefix", "forename + surname", "typo", "initials", "full name", "partial surname"] as const;
  return rows.map((p, i) => {
    const kind = kinds[i % kinds.length]!;
    const text = (() => {
      switch (kind) {
        case "surname prefix":
          return p.surname.slice(0, 3 + (i % 3));
        case "forename + surname":
          return `${p.forename.slice(0, 3)} ${p.surname.slice(0, 2)}`;
        case "typo": {
          // Two neighbouring letters swapped, as fast typists do: "Smtih".
          const s = p.surname.length >= 5 ? p.surname : `${p.surname}${p.forename}`;
          const at = 1 + (i % (s.length - 3));
          return s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2);
        }
        case "initials":
          return p.initials;
        case "full name":
          return `${p.forename} ${p.surname}`;
        case "partial surname":
          return p.surname.slice(0, Math.max(2, Math.ceil(p.surname.length / 2)));
      }
    })();
    return { kind, text, personId: p.id, schoolId: p.schoolId };
  });
}
