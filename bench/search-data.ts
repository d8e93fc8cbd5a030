// bench:search's trust and its queries: 50 schools, 100,000 people with realistic British names,
// and what staff type into the person picker, each query made from one real person.
import type pg from "pg";
import { ADULT_NAMES_FEMALE, ADULT_NAMES_MALE, CHILD_NAMES_FEMALE, CHILD_NAMES_MALE, SURNAMES } from "../emulator/names";

export const SCHOOLS = 50;
export const PEOPLE = 100_000;
const STAFF_EVERY = 12; // one in twelve people is staff: 8,333 staff, 91,667 pupils
const JOB_TITLES = ["Class Teacher", "Teaching Assistant", "Head of Year", "Office Manager", "Site Manager", "SENCo", "Midday Supervisor", "Cook", "Head Teacher"];

/** The trust, its schools and people, generated inside PostgreSQL (INSERT … SELECT generate_series). */
export async function seedTrust(client: pg.Client): Promise<string[]> {
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
  // As autovacuum would after a bulk load: statistics, and the visibility map index-only scans rely on.
  await client.query(`VACUUM ANALYZE "Person", "PersonNameWord", "NameWord"`);
  const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "School" WHERE "trustId" = 'bench-trust' ORDER BY "id"`);
  return rows.map((r) => r.id);
}

export const QUERY_KINDS = ["surname prefix", "forename + surname", "typo", "initials", "full name", "partial surname"] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];
export type SearchQuery = { kind: QueryKind; text: string; personId: string; schoolId: string };

/** QWERTY neighbours, for a finger that lands one key off. */
const NEIGHBOURS: Record<string, string> = {
  a: "sqz", b: "vn", c: "xv", d: "sf", e: "wr", f: "dg", g: "fh", h: "gj", i: "uo", j: "hk", k: "jl", l: "k", m: "n",
  n: "bm", o: "ip", p: "o", q: "w", r: "et", s: "ad", t: "ry", u: "yi", v: "cb", w: "qe", x: "zc", y: "tu", z: "x",
};

/**
 * One slip of the fingers inside a word, never on its first letter (people rarely get that
 * wrong): two neighbours swapped ("Smtih"), a letter dropped ("Smth"), a letter doubled
 * ("Smitth") or a neighbouring key hit instead ("Smoth"). `n` picks the slip and where.
 */
export function typo(word: string, n: number): string {
  const at = 1 + (n % Math.max(1, word.length - 2));
  const ch = word[at]!;
  switch (n % 4) {
    case 0:
      return word.slice(0, at) + word[at + 1] + ch + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + ch + word.slice(at);
    default: {
      const keys = NEIGHBOURS[ch.toLowerCase()] ?? ch;
      return word.slice(0, at) + keys[n % keys.length] + word.slice(at + 1);
    }
  }
}

/**
 * What people type into a picker, made from real rows so each query has a person it is for:
 * the start of a surname, "Oli Sm", initials, a full name, half a surname, and typos of one
 * slip in a surname typed alone or in one word of a full name (in a word of 4+ letters: a
 * short name is typed carefully, and one slip in it is another name).
 */
export async function buildQueries(client: pg.Client, count: number): Promise<SearchQuery[]> {
  const { rows } = await client.query<{ id: string; schoolId: string; forename: string; surname: string; initials: string }>(
    `SELECT "id", "schoolId", "forename", "surname", "initials" FROM "Person" ORDER BY hashtext("id") LIMIT $1`,
    [count],
  );
  return rows.map((p, i) => {
    const kind = QUERY_KINDS[i % QUERY_KINDS.length]!;
    const text = (() => {
      switch (kind) {
        case "surname prefix":
          return p.surname.slice(0, 3 + (i % 3));
        case "forename + surname":
          return `${p.forename.slice(0, 3)} ${p.surname.slice(0, 2)}`;
        case "typo": {
          const n = Math.floor(i / QUERY_KINDS.length);
          const long = (word: string) => word.length >= 4;
          // Half type the surname alone, half the full name with the slip in either word.
          if (n % 2 === 0 && long(p.surname)) return typo(p.surname, n);
          const inForename = (n % 4 === 1 && long(p.forename)) || !long(p.surname);
          return inForename ? `${typo(p.forename, n)} ${p.surname}` : `${p.forename} ${typo(p.surname, n)}`;
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
