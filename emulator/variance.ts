/**
 * Realistic variants of Wonde's JSON, the kind real feeds show across MIS and over time,
 * and exact mutations for contract tests. Both rewrite a response's `data` only (never the
 * pagination `meta`), after the API has answered.
 *
 * Variance (per school; `SchoolSpec.variance`, `setVariance`, `PUT /__admin/variance`):
 * - booleans as strings ("1"/"0" or "true"/"false"), numbers as strings ("3");
 * - empty strings for nulls (`"middle_names": ""`, `"leaving_date": ""`);
 * - missing includes: an include that is empty (`{"data": null}` / `{"data": []}`) is left out;
 * - extra nested objects and unknown new fields on every record.
 * The choice per record is deterministic (a hash of the record's id), so responses stay
 * byte-stable for a seed.
 *
 * Mutations (`setMutations`, `PUT /__admin/mutations`): set one field of every record of the
 * matching endpoints to a value of another JSON type, or remove it.
 */
import { z } from "zod";

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** FNV-1a: a small stable hash, to vary records deterministically. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const isEmptyInclude = (v: Json) => isObject(v) && Object.keys(v).length === 1 && "data" in v && (v.data === null || (Array.isArray(v.data) && v.data.length === 0));

function vary(value: Json, salt: number, key: string | null): Json {
  if (typeof value === "boolean") return salt % 2 ? (value ? "1" : "0") : value ? "true" : "false";
  if (typeof value === "number") return String(value);
  // An include's own `data: null` stays: Wonde writes "" for empty scalars, not for includes.
  if (value === null) return key === "data" ? null : "";
  if (Array.isArray(value)) return value.map((item) => vary(item, salt, null));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (isEmptyInclude(v)) continue;
    out[k] = vary(v, salt, k);
  }
  return out;
}

/** A record with its variants applied, and the extra fields new MIS versions bring. */
function varyRecord(record: Json): Json {
  if (!isObject(record)) return record;
  const salt = hash(String(record.id ?? ""));
  const varied = vary(record, salt, null) as JsonObject;
  varied.extended_details = { data: { sen_status: salt % 3 ? "N" : "K", flags: { data: [{ code: "X", active: salt % 2 === 0 }] } } };
  varied.identifiers = { data: { mis: String(record.mis_id ?? ""), legacy: { id: salt % 1000, source: "import" } } };
  varied[`field_added_${salt % 4}`] = salt % 2 ? "value" : { nested: true };
  return varied;
}

/** A response body with variance applied to its records. */
export function varyBody(body: Json): Json {
  if (!isObject(body) || !("data" in body)) return body;
  const data = body.data;
  return { ...body, data: Array.isArray(data) ? data.map(varyRecord) : varyRecord(data) };
}

// ---- mutations --------------------------------------------------------------------

export const MUTATION_TYPES = ["string", "number", "boolean", "object", "array", "null", "absent"] as const;
export type MutationType = (typeof MUTATION_TYPES)[number];

export const mutationRuleSchema = z.object({
  /** Only endpoints whose path after /v1.0/ contains this text (as fault rules). */
  path: z.string().optional(),
  /** Only this endpoint: its path after /v1.0/, exactly (a trailing slash ignored), e.g. "schools/A1/students". */
  endpoint: z.string().optional(),
  /** Dot path inside each record; `[]` steps into every element, e.g. "roles.data[].role_code". */
  field: z.string().min(1),
  as: z.enum(MUTATION_TYPES),
  /** Only records with these ids (default: every record). */
  ids: z.array(z.string()).optional(),
});
export type MutationRule = z.infer<typeof mutationRuleSchema>;

const SAMPLE: Record<Exclude<MutationType, "absent">, Json> = {
  string: "mutated",
  number: 7,
  boolean: true,
  object: { mutated: { data: [1] } },
  array: [1, "two", { three: 3 }],
  null: null,
};

function mutateAt(target: Json, steps: string[], as: MutationType): void {
  const [step, ...rest] = steps;
  if (step === undefined || !isObject(target)) return;
  const each = step.endsWith("[]");
  const key = each ? step.slice(0, -2) : step;
  if (!(key in target)) return;
  if (each) {
    const list = target[key];
    if (Array.isArray(list)) for (const item of list) mutateAt(item, rest, as);
  } else if (rest.length) {
    mutateAt(target[key], rest, as);
  } else if (as === "absent") {
    delete target[key];
  } else {
    target[key] = structuredClone(SAMPLE[as]);
  }
}

/** A response body with every matching rule applied to each record (a copy). */
export function mutateBody(body: Json, path: string, rules: readonly MutationRule[]): Json {
  const exact = path.replace(/\/+$/, "");
  const matching = rules.filter((r) => (!r.path || path.includes(r.path)) && (!r.endpoint || r.endpoint.replace(/\/+$/, "") === exact));
  if (!matching.length || !isObject(body) || !("data" in body)) return body;
  const copy = structuredClone(body) as JsonObject;
  const records = Array.isArray(copy.data) ? copy.data : [copy.data];
  for (const record of records) {
    for (const rule of matching) {
      if (!rule.ids || (isObject(record) && rule.ids.includes(String(record.id)))) mutateAt(record, rule.field.split("."), rule.as);
    }
  }
  return copy;
}
