/**
 * Every field Staffroom maps, read through the real record schemas: each kind of value it
 * accepts is coerced as schemas.ts documents, "" and null read as null, and a value it can't
 * read quarantines just that record (the next record of the page is still read).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { OAKFIELD_ID, startEmulator, type RunningEmulator } from "@/emulator/server";
import { classSchema, contactSchema, deletionSchema, employeeSchema, schoolSchema, studentSchema, subjectSchema } from "@/server/wonde/schemas";
import { readRecords } from "@/server/wonde/validate";
import { MAPPED_FIELDS, type Field, type Kind } from "../helpers/mapped-fields";

type Json = Record<string, unknown>;

/** Accepted spellings per kind, and what each reads as. */
const ACCEPTED: Record<Kind, [unknown, unknown][]> = {
  id: [["A123", "A123"], [4567, "4567"]],
  text: [["Smith", "Smith"], [42, "42"], ["", null], [null, null], [undefined, null]],
  "yes/no": [[true, true], [false, false], [1, true], [0, false], ["1", true], ["0", false], ["true", true], ["False", false], ["yes", true], ["n", false], ["", null], [null, null]],
  date: [
    [{ date: "2019-09-03 00:00:00.000000", timezone_type: 3, timezone: "Europe/London" }, "2019-09-03"],
    ["2019-09-03", "2019-09-03"],
    ["2019-09-03 23:30:00", "2019-09-03"],
    ["", null],
    [null, null],
  ],
  instant: [
    [{ date: "2024-07-01 09:00:00.000000", timezone_type: 3, timezone: "Europe/London" }, new Date("2024-07-01T08:00:00Z")],
    ["2024-07-01 09:00:00", new Date("2024-07-01T09:00:00Z")],
    ["", null],
  ],
  subject: [["S1", "S1"], [77, "77"], [{ data: { id: "S2", name: "Maths" } }, "S2"], [null, null], ["", null]],
};

/** A value no coercion of the kind can read. */
const UNREADABLE: Record<Kind, { value: unknown; type: string }> = {
  id: { value: { id: 1 }, type: "object" },
  text: { value: { text: "x" }, type: "object" },
  "yes/no": { value: "maybe", type: "text" },
  date: { value: "31/02/2024", type: "text" },
  instant: { value: [2024, 7, 1], type: "list" },
  subject: { value: true, type: "boolean" },
};

const SCHEMAS: Record<string, z.ZodType> = { students: studentSchema, employees: employeeSchema, classes: classSchema, subjects: subjectSchema, deletions: deletionSchema };
/** The coercion cases address the first element of a list: "roles.data[].role" → "roles.data.0.role". */
const MAPPED = MAPPED_FIELDS.filter((e) => e.endpoint in SCHEMAS).map((e) => ({
  ...e,
  schema: SCHEMAS[e.endpoint]!,
  fields: e.fields.map((f) => ({ ...f, path: f.path.replaceAll("[]", ".0") })),
}));

function setAt(record: Json, path: string, value: unknown) {
  const keys = path.split(".");
  let target: Json = record;
  for (const key of keys.slice(0, -1)) target = target[key] as Json;
  if (value === undefined) delete target[keys.at(-1)!];
  else target[keys.at(-1)!] = value;
}

/** Where a field lands once read: includes unwrapped (no `data`), a class's subject as `subject_id`. */
function readAt(record: unknown, path: string): unknown {
  if (path === "subject") return (record as Json).subject_id;
  let value = record;
  for (const key of path.split(".").filter((k) => k !== "data")) value = (value as Json | null)?.[key];
  return value;
}

let emulator: RunningEmulator;
const samples = new Map<string, Json[]>();

beforeAll(async () => {
  emulator = await startEmulator({ seed: "coercion" });
  // A few leavers, so there are deletions to read.
  emulator.state.advanceTime({ schoolIds: [OAKFIELD_ID], students: { leavers: 2 } });
  for (const { endpoint, include } of MAPPED) {
    const response = await fetch(`${emulator.url}schools/${OAKFIELD_ID}/${endpoint}?per_page=200&include=${include.join(",")}`, { headers: { authorization: "Bearer demo" } });
    samples.set(endpoint, ((await response.json()) as { data: Json[] }).data);
  }
  const school = await fetch(`${emulator.url}schools/${OAKFIELD_ID}`, { headers: { authorization: "Bearer demo" } });
  samples.set("school", [((await school.json()) as { data: Json }).data]);
});
afterAll(async () => {
  await emulator.close();
});

/** Two records of the endpoint that have every mapped field (a class with staff, staff with a role and manager). */
function pair(endpoint: string, fields: Field[]): [Json, Json] {
  const hasAll = (r: Json) => fields.every((f) => f.path.split(".").slice(0, -1).reduce<unknown>((v, k) => (v as Json | null)?.[k], r) !== undefined);
  const found = samples.get(endpoint)!.filter(hasAll);
  expect(found.length, `${endpoint}: two records with every mapped field`).toBeGreaterThanOrEqual(2);
  return [structuredClone(found[0]!), structuredClone(found[1]!)];
}

describe.each(MAPPED)("$endpoint", ({ endpoint, schema, fields }) => {
  it.each(fields)("$path ($kind): coerces what it accepts", ({ path, kind }) => {
    for (const [input, expected] of ACCEPTED[kind]) {
      // An id has no "no value": a record without one is quarantined (below).
      if (kind === "id" && (input === "" || input === null)) continue;
      const [record] = pair(endpoint, fields);
      setAt(record, path, input);
      const { records, unreadable } = readRecords(schema, [record], { endpoint });
      expect(unreadable, `${JSON.stringify(input)}`).toEqual([]);
      expect(readAt(records[0], path), `${JSON.stringify(input)}`).toEqual(expected);
    }
  });

  it.each(fields)("$path ($kind): a value it can't read quarantines only that record", ({ path, kind }) => {
    const [bad, good] = pair(endpoint, fields);
    const { value, type } = UNREADABLE[kind];
    setAt(bad, path, value);
    const { records, unreadable } = readRecords(schema, [bad, good], { endpoint, pageNumber: 1 });
    expect(records.map((r) => (r as { id: string }).id)).toEqual([String(good.id)]);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ endpoint, pageNumber: 1, valueType: type, reason: expect.any(String) });
    // The field named is the one at fault (an id inside a list names its element).
    expect(unreadable[0]!.field.replace(/\[(\d+)\]/g, ".$1")).toBe(path);
    if (path !== "id") expect(unreadable[0]!.wondeId).toBe(String(bad.id));
  });
});

describe("fields read leniently", () => {
  it("updated_at only moves the cursor: an unreadable one reads as null and keeps the record", () => {
    const [record] = pair("students", []);
    record.updated_at = { when: "yesterday" };
    const { records, unreadable } = readRecords(studentSchema, [record], { endpoint: "students" });
    expect(unreadable).toEqual([]);
    expect(records[0]!.updated_at).toBeNull();
  });

  it("the school: name, MIS, time zone and region domain are read; the rest never fails", () => {
    const school = structuredClone(samples.get("school")![0]!);
    Object.assign(school, { urn: { n: 1 }, la_code: [], phase_of_education: true, address: "here", extended: 3 });
    expect(schoolSchema.parse(school)).toMatchObject({ id: OAKFIELD_ID, mis: "SIMS", timezone: "Europe/London", urn: null, la_code: null, address: null });
    expect(readRecords(schoolSchema, [{ ...school, mis: { name: "SIMS" } }], { endpoint: "schools" }).unreadable).toMatchObject([{ field: "mis", valueType: "object" }]);
  });

  it("a number (a contact's priority, for incidents) reads numbers and numeric text", () => {
    const contact = (priority: unknown) => readRecords(contactSchema, [{ id: "C1", forename: "Ann", surname: "Lee", priority }], { endpoint: "contacts" });
    for (const [input, expected] of [[2, 2], [" 3 ", 3], ["1.5", 1.5], ["", null], [null, null]] as const) {
      expect(contact(input).records[0]!.relationship?.priority ?? null).toBe(expected);
    }
    expect(contact("first").unreadable).toMatchObject([{ field: "priority", valueType: "text", reason: "can't be read as a number" }]);
  });

  it("a role list reads arrays of names or objects and comma-joined text", () => {
    const [record] = pair("classes", MAPPED.find((e) => e.endpoint === "classes")!.fields);
    const meta = (record.employees as { data: Json[] }).data[0]!.meta as Json;
    for (const [input, expected] of [[["Teacher", { role: "TA" }], ["Teacher", "TA"]], ["Teacher, TA", ["Teacher", "TA"]], ["", []]] as const) {
      meta.all_roles = input;
      expect((readRecords(classSchema, [record], { endpoint: "classes" }).records[0]!.employees![0]!.meta!.all_roles)).toEqual(expected);
    }
  });
});
