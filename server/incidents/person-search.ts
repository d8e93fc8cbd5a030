// The incident book's person picker: synced staff and pupils by name or initials, typo-tolerant,
// over one school or a whole trust.
//
// Person.searchName ("smith jones zoe zsj") is split by a trigger into PersonNameWord rows, each
// carrying the whole searchName; the search indexes hold every column read, so PostgreSQL
// answers from the index alone.
//  1. Prefixes: the longest word typed is looked up as a B-tree range over name words
//     (in word order, so PostgreSQL stops after the first few rows), and the other words
//     typed must start words of the same person's searchName ("jo sm" → "Smith, John"),
//     checked on the index entry.
//  2. Typos, only when (1) found no one: for each word typed, the name words near it (same
//     first letter, or sharing trigrams — pg_trgm over the NameWord dictionary), ranked by
//     Damerau–Levenshtein distance here. The words that start no name at all are corrected
//     first ("Olvia Pearson": olvia), each looked up exactly with the other words as in (1).
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

/** Every other word typed starts a word of the same person's searchName (read from the index entry). */
function otherWordsMatch(words: string[]): Prisma.Sql {
  if (!words.length) return Prisma.empty;
  return Prisma.join(
    words.map((word) => Prisma.sql`AND (' ' || w."searchName") LIKE ${`% ${likeEscape(word)}%`}`),
    " ",
    "",
  );
}

/** The filters every search applies: the schools, current people, the kind asked for, the other words typed. */
function scopeFilter(options: PersonSearchOptions, rest: string[]): Prisma.Sql {
  return Prisma.sql`w."schoolId" IN (${Prisma.join(options.schoolIds)}) AND w."active"
    ${options.kind ? Prisma.sql`AND w."kind" = ${options.kind}::"PersonKind"` : Prisma.empty}
    ${otherWordsMatch(rest)}`;
}

const COLUMNS = Prisma.sql`p."id", p."schoolId", p."kind"::text AS "kind", p."title", p."forename", p."surname", p."initials", p."ncYear", p."jobTitle"`;

/** Words typed, the longest first (it narrows the most). */
export function queryWords(query: string): string[] {
  const words = [...new Set(normaliseSearchText(query).split(" ").filter(Boolean))].slice(0, MAX_WORDS);
  return words.sort((a, b) => b.length - a.length);
}

/**
 * People with a name word in the lead's prefix range (and every other word typed), in (word,
 * sortName) order: PostgreSQL walks an index in that order and stops at `limit`; Person is
 * read for those rows only. Exported for the benchmark's EXPLAIN.
 */
export function prefixSearchSql(options: PersonSearchOptions, words: string[], limit: number): Prisma.Sql {
  const [lead, ...rest] = words;
  return Prisma.sql`
    WITH hits AS (
      SELECT w."personId", w."word", w."sortName" FROM "PersonNameWord" w
      WHERE ${prefixRange(Prisma.raw("w"), lead!)} AND ${scopeFilter(options, rest)}
      ORDER BY w."word", w."sortName", w."personId"
      LIMIT ${limit}
    )
    SELECT ${COLUMNS} FROM hits h JOIN "Person" p ON p."id" = h."personId"
    ORDER BY h."word", h."sortName", h."personId"`;
}

/**
 * People with one of `candidates` as a whole name word (and every other word typed), nearest
 * candidate first: one short index walk per candidate, each stopping at `limit`.
 */
function exactWordsSql(options: PersonSearchOptions, candidates: { word: string; rank: number }[], rest: string[], limit: number): Prisma.Sql {
  return Prisma.sql`
    WITH hits AS (
      SELECT h."personId", h."sortName", c."rank" FROM unnest(${candidates.map((c) => c.word)}::text[], ${candidates.map((c) => c.rank)}::float8[]) AS c("word", "rank")
      CROSS JOIN LATERAL (
        SELECT w."personId", w."sortName" FROM "PersonNameWord" w
        WHERE w."word" = c."word" AND ${scopeFilter(options, rest)}
        ORDER BY w."sortName", w."personId"
        LIMIT ${limit}
      ) h
      ORDER BY c."rank", h."sortName", h."personId"
      LIMIT ${limit}
    )
    SELECT ${COLUMNS} FROM hits h JOIN "Person" p ON p."id" = h."personId"
    ORDER BY h."rank", h."sortName", h."personId"`;
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

/** How far a correction may be from what was typed: one slip in a short word, two in a longer one. */
const maxDistance = (typed: string) => (typed.length <= 4 ? 1 : 2);

type Correction = { word: string; rank: number };

/**
 * For each word typed (3+ letters), the name words within reach of it (whole word, or the start of
 * a longer one; a whole word ranks ahead of a start at the same distance), nearest first, and
 * whether some name word starts with it as typed. One query for all the words.
 */
async function corrections(db: Db, typed: string[]): Promise<Map<string, { known: boolean; near: Correction[] }>> {
  const rows = await db.$queryRaw<{ typed: string; word: string }[]>`
    SELECT t."typed", n."word" FROM unnest(${typed}::text[], ${typed.map((w) => w[0]!)}::text[], ${typed.map((w) => prefixUpperBound(w[0]!))}::text[], ${typed.map((w) => w.length - maxDistance(w))}::int[], ${typed.map((w) => w.length + 12)}::int[]) AS t("typed", "lo", "hi", "shortest", "longest")
    CROSS JOIN LATERAL (
      (SELECT "word" FROM "NameWord" WHERE "word" >= t."lo" AND (t."hi" IS NULL OR "word" < t."hi") AND length("word") BETWEEN t."shortest" AND t."longest")
      UNION
      (SELECT "word" FROM "NameWord" WHERE "word" % t."typed" LIMIT 200)
    ) n`;
  const out = new Map(typed.map((w) => [w, { known: false, near: [] as (Correction & { distance: number })[] }]));
  for (const { typed: word, word: candidate } of rows) {
    const entry = out.get(word)!;
    if (candidate.startsWith(word)) entry.known = true;
    const whole = editDistance(word, candidate);
    const start = editDistance(word, candidate.slice(0, word.length));
    const distance = Math.min(whole, start);
    if (distance > 0 && distance <= maxDistance(word)) entry.near.push({ word: candidate, distance, rank: whole <= start ? whole : start + 0.5 });
  }
  for (const entry of out.values()) entry.near = entry.near.sort((a, b) => a.rank - b.rank || a.word.localeCompare(b.word)).slice(0, MAX_CORRECTIONS);
  return out;
}

/** Matches, best first: people whose name words start with what was typed, then near misses. */
export async function searchPeople(db: Db, options: PersonSearchOptions): Promise<PersonMatch[]> {
  const limit = options.limit ?? 10;
  const words = queryWords(options.query);
  if (!words.length || !options.schoolIds.length) return [];
  // A person can match through two of their words ("Jo Jones" for "jo"): over-fetch, keep the first.
  const found = dedupe(await db.$queryRaw<Row[]>(prefixSearchSql(options, words, limit * 2)), limit);
  // Typos only when nothing starts with what was typed: a name that matches was typed right.
  const typed = words.filter((w) => w.length >= 3);
  if (found.length > 0 || !typed.length) return found.map(toMatch);
  const near = await corrections(db, typed);
  // The word that starts no name is the slip; otherwise the longest word first.
  const suspects = [...typed].sort((a, b) => Number(near.get(a)!.known) - Number(near.get(b)!.known));
  for (const word of suspects.slice(0, 2)) {
    const candidates = near.get(word)!.near;
    if (!candidates.length) continue;
    const fuzzy = dedupe(await db.$queryRaw<Row[]>(exactWordsSql(options, candidates, words.filter((w) => w !== word), limit)), limit);
    if (fuzzy.length) return fuzzy.map(toMatch);
  }
  return [];
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
