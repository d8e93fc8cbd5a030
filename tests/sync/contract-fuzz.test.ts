/**
 * Contract fuzz: for every endpoint the sync reads, every field Staffroom does not map is
 * changed to another JSON type (string, number, boolean, object, array, null) or removed.
 * One run per type with every such field changed to it, then seeded random batches mixing
 * types. Each run must succeed with nothing quarantined and leave the database exactly as
 * the unmutated run does: a full sync, then an incremental one (which also reads deletions).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MUTATION_TYPES, startEmulator, type MutationRule, type MutationType, type RunningEmulator } from "@/emulator/server";
import { Rng } from "@/emulator/prng";
import { createDb } from "@/server/db";
import { freshDatabaseUrl } from "../helpers/database";
import { LENIENT_FIELDS, MAPPED_FIELDS, type Field } from "../helpers/mapped-fields";
import { connectedSchool, runSync, snapshot } from "../helpers/sync";

const SCHOOL = "A2102984463"; // St Mary's (SIMS): roles, line managers and class staff links
/** The school object's fields Staffroom uses. Permissions and counts have no other fields. */
const SCHOOL_MAPPED = ["id", "name", "mis", "timezone", "region.domain"];
const RANDOM_BATCHES = 3;

type Json = Record<string, unknown>;
type Variant = { name: string; typeOf: (endpoint: string, path: string) => MutationType };

/** Every field path in these records, `[]` for list elements, containers included. */
function pathsOf(records: unknown[]): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) for (const item of value) walk(item, `${path}[]`);
    else if (value !== null && typeof value === "object") {
      for (const [key, inner] of Object.entries(value as Json)) {
        const next = path ? `${path}.${key}` : key;
        out.add(next);
        walk(inner, next);
      }
    }
  };
  for (const record of records) walk(record, "");
  return out;
}

/** What of a mapped field the sync reads: of an included subject, only its id. */
const fieldRead = (f: Field) => (f.kind === "subject" ? `${f.path}.data.id` : f.path);

const within = (path: string, parent: string) => path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);

/** A field the product does not map: not mapped itself, not holding a mapped field, not inside one. */
function unmapped(path: string, mapped: readonly string[]) {
  return !mapped.some((m) => m === path || within(m, path) || within(path, m));
}

/** A full sync's database, compared without the moments things happened. */
async function state(url: string, schoolId: string) {
  const database = createDb(url);
  try {
    const snap = await snapshot(database, schoolId);
    return { ...snap, people: snap.people.map((p) => ({ ...p, archivedAt: p.archivedAt !== null })) };
  } finally {
    await database.$disconnect();
  }
}

describe("contract fuzz: fields Staffroom does not map never change the outcome", () => {
  let emulator: RunningEmulator;
  /** endpoint path → its unmapped field paths. */
  const fuzzable = new Map<string, string[]>();
  const variants: Variant[] = [
    ...MUTATION_TYPES.map((type) => ({ name: `every unmapped field as ${type}`, typeOf: () => type })),
    ...Array.from({ length: RANDOM_BATCHES }, (_, batch) => {
      const rng = new Rng(`contract-fuzz|${batch}`);
      const chosen = new Map<string, MutationType>();
      return {
        name: `seeded random batch ${batch + 1}`,
        typeOf: (endpoint: string, path: string) => {
          const key = `${endpoint} ${path}`;
          if (!chosen.has(key)) chosen.set(key, rng.pick(MUTATION_TYPES));
          return chosen.get(key)!;
        },
      };
    }),
  ];
  const databases = new Map<string, { url: string; schoolId: string }>();
  let reference: { url: string; schoolId: string };

  const rulesFor = (variant: Variant): MutationRule[] =>
    [...fuzzable].flatMap(([endpoint, paths]) => paths.map((path) => ({ endpoint, field: path, as: variant.typeOf(endpoint, path) })));

  async function syncWith(rules: MutationRule[], target: { url: string; schoolId: string }, mode: "full" | "incremental") {
    emulator.state.setMutations(rules);
    const database = createDb(target.url);
    try {
      return await runSync(database, emulator, target.schoolId, { mode });
    } finally {
      emulator.state.setMutations([]);
      await database.$disconnect();
    }
  }

  beforeAll(async () => {
    emulator = await startEmulator({ seed: "contract-fuzz" });
    const url = await freshDatabaseUrl();
    const database = createDb(url);
    reference = { url, schoolId: (await connectedSchool(database, SCHOOL)).id };
    await database.$disconnect();
  });
  afterAll(async () => {
    await emulator.close();
  });

  // Ten syncs each: sized for a busy 2-core CI box.
  const SLOW = 300_000;

  it("finds the unmapped fields of every endpoint a full and an incremental sync read", async () => {
    // Every endpoint the full sync asked for, as it asked; deletions only an incremental sync reads.
    const mark = emulator.state.log.total;
    expect((await syncWith([], reference, "full")).status).toBe("SUCCEEDED");
    const read = new Map<string, string>();
    for (const request of emulator.state.requestLog(mark)) read.set(request.path.replace(/^\/v1\.0\//, "").replace(/\/+$/, ""), request.query.replace(/(^|&)page=\d+/, ""));
    read.set(`schools/${SCHOOL}/deletions`, "per_page=200");
    for (const [endpoint, query] of read) {
      const response = await fetch(`${emulator.url}${endpoint}/?${query}`, { headers: { authorization: "Bearer demo" } });
      const body = (await response.json()) as { data: unknown };
      const records = Array.isArray(body.data) ? body.data : [body.data];
      const name = endpoint.split("/").at(-1)!;
      const mapped =
        endpoint === `schools/${SCHOOL}` ? SCHOOL_MAPPED : name === "permissions" || name === "counts" ? null : [...(MAPPED_FIELDS.find((e) => e.endpoint === name)?.fields.map(fieldRead) ?? []), ...LENIENT_FIELDS];
      expect(mapped === null || mapped.length > LENIENT_FIELDS.length, `${endpoint} has a list of mapped fields`).toBe(true);
      if (mapped) fuzzable.set(endpoint, [...pathsOf(records)].filter((p) => unmapped(p, mapped)));
    }
    expect([...fuzzable.keys()].map((e) => e.split("/").at(-1)).sort()).toEqual([SCHOOL, "classes", "deletions", "employees", "students", "students-leaver", "subjects"].sort());
    // Fields of every kind are fuzzed: unused scalars, dates, nested records and includes' extras.
    expect(fuzzable.get(`schools/${SCHOOL}/students`)).toEqual(expect.arrayContaining(["gender", "created_at", "education_details.data.learner_number", "contact_details.data.salutation"]));
    expect(fuzzable.get(`schools/${SCHOOL}/classes`)).toEqual(expect.arrayContaining(["alternative", "students.data[].forename", "employees.data[].meta.role", "subject.data.name"]));
    expect(fuzzable.get(`schools/${SCHOOL}/employees`)).toEqual(expect.arrayContaining(["roles.data[].role_code", "hierarchy.data[].meta", "restored_at"]));
    expect(fuzzable.get(`schools/${SCHOOL}`)).toEqual(expect.arrayContaining(["urn", "address", "region.code"]));
  }, SLOW);

  it("a full sync with each variant succeeds, quarantines nothing and writes what the unmutated sync wrote", async () => {
    const expected = await state(reference.url, reference.schoolId);
    // The rules really reach what the sync is served.
    emulator.state.setMutations(rulesFor(variants[0]!));
    const served = await fetch(`${emulator.url}schools/${SCHOOL}/students/?include=education_details`, { headers: { authorization: "Bearer demo" } });
    emulator.state.setMutations([]);
    expect(((await served.json()) as { data: Json[] }).data[0]).toMatchObject({ gender: "mutated", education_details: { data: { learner_number: "mutated" } } });
    for (const variant of variants) {
      const url = await freshDatabaseUrl();
      const database = createDb(url);
      const target = { url, schoolId: (await connectedSchool(database, SCHOOL)).id };
      await database.$disconnect();
      databases.set(variant.name, target);
      const summary = await syncWith(rulesFor(variant), target, "full");
      expect(summary, variant.name).toMatchObject({ status: "SUCCEEDED", quarantined: 0 });
      expect(await state(url, target.schoolId), variant.name).toEqual(expected);
    }
  }, SLOW);

  it("so does the incremental sync the next day, which also reads leavers and deletions", async () => {
    emulator.state.advanceTime({ schoolIds: [SCHOOL], students: { edits: 4, starters: 2, leavers: 2 }, employees: { edits: 2, starters: 1, leavers: 1, contractEnds: 1 } });
    expect((await syncWith([], reference, "incremental")).status).toBe("SUCCEEDED");
    const expected = await state(reference.url, reference.schoolId);
    expect(expected.people.filter((p) => p.archivedAt && p.leavingDate)).not.toHaveLength(0);
    for (const variant of variants) {
      const target = databases.get(variant.name)!;
      const summary = await syncWith(rulesFor(variant), target, "incremental");
      expect(summary, variant.name).toMatchObject({ status: "SUCCEEDED", mode: "incremental", quarantined: 0 });
      expect(await state(target.url, target.schoolId), variant.name).toEqual(expected);
    }
  }, SLOW);
});
