// The incident book's person picker: synced staff and pupils by name or initials, typo-tolerant,
// over one school or a whole trust.
//
// Person.searchName ("smith jones zoe zsj") is split by a trigger into PersonNameWord rows.
//  1. Prefixes: the longest word typed is looked up as a B-tree range over name words
//     (in word order, so PostgreSQL stops after the first few rows), and the other words
//     typed must start words of the same person's searchName ("jo sm" → "Smith, John").
//  2. Typos, only when (1) found no one: name words near the longest word typed (same
//     first letter, or sharing trigrams — pg_trgm over the NameWord dictionary), ranked by
//     Damerau–Levenshtein distance here, then looked up exactly as in (1).
import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { formatPersonName } from "@/lib/person-name";
import { yearGroupLabel } from "@/lib/year-group";
import { normaliseSearchText } from "./search-text";

export type PersonSearchOptions = {
  schoolIds: string[];
  query: string;
  kind?: "PUPIL" | "STAFF";
  limit?: number;
};

export type PersonMatch = {
  id: string;
  schoolId: string;
  kind: "PUPIL" | "STAFF";
  label: string;
  /** Year group for pupils, job title for staff: tells two Sam Smiths apart. */
  secondary: string;
};

const MAX_WORDS = 4;
/** Typo candidates looked up per search. */
const MAX_CORRECTIONS = 12;

type Row = { id: string; schoolId: string; kind: "PUPIL" | "STAFF"; title: string | null; forename: string; surname: string; initials: string | null; ncYear: string | null; jobTitle: string | null };

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * The smallest string above every string starting with `prefix`, for a B-tree range that
 * works under any collation for our normalised words ("smi" → "smj", "az" → "b"); null when
 * there is none ("zz").
 */
export function prefixUpperBound(prefix: string): string | null {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const at = ALPHABET.indexOf(prefix[i]!);
    if (at === -1) return `${prefix.slice(0, i)}${String.fromCodePoint(prefix.codePointAt(i)! + 1)}`;
    if (at < ALPHABET.length - 1) return `${prefix.slice(0, i)}${ALPHABET[at + 1]}`;
  }
  return null;
}

const likeEscape = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Name words starting with `prefix`, as a plain B-tree range. Words are normalised (see
 * search-text.ts), so the range is exactly the prefix's words; no LIKE on top, whose
 * selectivity PostgreSQL would count twice and then misplan the joins.
 */
function prefixRange(alias: Prisma.Sql, prefix: string): Prisma.Sql {
  const upper = prefixUpperBound(prefix);
  return Prisma.sql`${alias}."word" >= ${prefix} ${upper ? Prisma.sql`AND ${alias}."word" < ${upper}` : Prisma.empty}`;
}

/** Every other word typed starts a word of the same person's name (probes of PersonNameWord's primary key). */
function otherWordsMatch(words: string[]): Prisma.Sql {
  if (!words.length) return Prisma.empty;
  return Prisma.join(
    words.map((word) => {
      // Probed per candidate through the primary key (personId, word). `|| ''` keeps the
      // planner from scanning the word's whole range instead, which it may think cheaper.
      const upper = prefixUpperBound(word);
      return Prisma.sql`AND EXISTS (SELECT 1 FROM "PersonNameWord" o WHERE o."personId" = w."personId" AND (o."word" || '') >= ${word} ${upper ? Prisma.sql`AND (o."word" || '') < ${upper}` : Prisma.empty})`;
    }),
    " ",
    "",
  );
}

const COLUMNS = Prisma.sql`p."id", p."schoolId", p."kind"::text AS "kind", p."title", p."forename", p."surname", p."initials", p."ncYear", p."jobTitle"`;

/** Words typed, the longest first (it narrows the most). */
export function queryWords(query: string): string[] {
  const words = [...new Set(normaliseSearchText(query).split(" ").filter(Boolean))].slice(0, MAX_WORDS);
  return words.sort((a, b) => b.length - a.length);
}

/**
 * Name words matching `wordMatch` (and every other word typed), best first, then the people.
 * Everything the filter and the order need is on PersonNameWord, so PostgreSQL can walk an
 * index in (word, sortName) order and stop at `limit`; Person is read for those rows only.
 */
function wordSearchSql(options: PersonSearchOptions, wordMatch: Prisma.Sql, order: (alias: "w" | "h") => Prisma.Sql, rest: string[], limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH hits AS (
      SELECT w."personId", w."word", w."sortName" FROM "PersonNameWord" w
      WHERE w."schoolId" IN (${Prisma.join(options.schoolIds)}) AND ${wordMatch} AND w."active"
        ${options.kind ? Prisma.sql`AND w."kind" = ${options.kind}::"PersonKind"` : Prisma.empty}
        ${otherWordsMatch(rest)}
      ORDER BY ${order("w")}, w."sortName", w."personId"
      LIMIT ${limit}
    )
    SELECT ${COLUMNS} FROM hits h JOIN "Person" p ON p."id" = h."personId"
    ORDER BY ${order("h")}, h."sortName", h."personId"`;
}

/** Step 1's SQL, exported for the benchmark's EXPLAIN. */
export function prefixSearchSql(options: PersonSearchOptions, words: string[], limit: number): Prisma.Sql {
  const [lead, ...rest] = words;
  return wordSearchSql(options, prefixRange(Prisma.raw("w"), lead!), (t) => Prisma.sql`${Prisma.raw(t)}."word"`, rest, limit);
}

function exactWordsSql(options: PersonSearchOptions, candidates: string[], rest: string[], limit: number): Prisma.Sql {
  return wordSearchSql(options, Prisma.sql`w."word" = ANY(${candidates}::text[])`, (t) => Prisma.sql`array_position(${candidates}::text[], ${Prisma.raw(t)}."word")`, rest, limit);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** Name words within reach of a mistyped word (whole word, or the start of a longer one), nearest first. */
async function corrections(db: Db, typed: string): Promise<string[]> {
  const maxDistance = typed.length <= 4 ? 1 : 2;
  const upper = prefixUpperBound(typed[0]!);
  const rows = await db.$queryRaw<{ word: string }[]>`
    (SELECT "word" FROM "NameWord"
      WHERE "word" >= ${typed[0]} ${upper ? Prisma.sql`AND "word" < ${upper}` : Prisma.empty}
        AND length("word") BETWEEN ${typed.length - maxDistance} AND ${typed.length + 12})
    UNION
    (SELECT "word" FROM "NameWord" WHERE "word" % ${typed} LIMIT 200)`;
  return rows
    .map(({ word }) => ({ word, distance: Math.min(editDistance(typed, word), editDistance(typed, word.slice(0, typed.length))) }))
    .filter((c) => c.distance > 0 && c.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word))
    .slice(0, MAX_CORRECTIONS)
    .map((c) => c.word);
}

/** Matches, best first: people whose name words start with what was typed, then near misses. */
export async function searchPeople(db: Db, options: PersonSearchOptions): Promise<PersonMatch[]> {
  const limit = options.limit ?? 10;
  const words = queryWords(options.query);
  if (!words.length || !options.schoolIds.length) return [];
  // A person can match through two of their words ("Jo Jones" for "jo"): over-fetch, keep the first.
  const found = dedupe(await db.$queryRaw<Row[]>(prefixSearchSql(options, words, limit * 2)), limit);
  // Typos only when nothing starts with what was typed: a name that matches was typed right.
  if (found.length > 0 || words[0]!.length < 3) return found.map(toMatch);
  const nearby = await corrections(db, words[0]!);
  if (!nearby.length) return found.map(toMatch);
  const fuzzy = await db.$queryRaw<Row[]>(exactWordsSql(options, nearby, words.slice(1), limit * 2));
  return dedupe(fuzzy, limit).map(toMatch);
}

function dedupe(rows: Row[], limit: number): Row[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, limit);
}

export function toMatch(row: Row): PersonMatch {
  return {
    id: row.id,
    schoolId: row.schoolId,
    kind: row.kind,
    label: formatPersonName(row),
    secondary: row.kind === "PUPIL" ? yearGroupLabel(row.ncYear) : (row.jobTitle ?? "Staff"),
  };
}

/** Naive comparison for the benchmark: ILIKE '%q%' over the name columns, no index can help. */
export function naiveSearchSql({ schoolIds, query, limit = 10 }: PersonSearchOptions): Prisma.Sql {
  const pattern = `%${likeEscape(query.trim())}%`;
  return Prisma.sql`
    SELECT "id", "schoolId", "kind"::text AS "kind", "title", "forename", "surname", "initials", "ncYear", "jobTitle"
    FROM "Person"
    WHERE "schoolId" IN (${Prisma.join(schoolIds)}) AND "archivedAt" IS NULL
      AND ("surname" ILIKE ${pattern} OR "forename" ILIKE ${pattern} OR ("forename" || ' ' || "surname") ILIKE ${pattern} OR "initials" ILIKE ${pattern})
    ORDER BY "surname", "forename", "id"
    LIMIT ${limit}`;
}
