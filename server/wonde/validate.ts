/** Runs a zod schema over a Wonde response and turns failures into WondeMalformedResponseError. */
import type { z } from "zod";
import { WondeMalformedResponseError } from "./errors";

export interface ValidationContext {
  endpoint: string;
  url?: string | undefined;
  pageNumber?: number | undefined;
}

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

/** ["data", 3, "education_details", "data", "upn"] → "data[3].education_details.data.upn" */
export function formatPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out || "(root)";
}

/**
 * A union failure reports only "invalid input" at the union; the most specific
 * explanation is the deepest issue among its branches, with the paths joined.
 */
function mostSpecific(issue: Issue): { path: PathKey[]; message: string } {
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    let best: { path: PathKey[]; message: string } | undefined;
    for (const branch of issue.errors) {
      for (const inner of branch) {
        const candidate = mostSpecific(inner);
        if (!best || candidate.path.length > best.path.length) best = candidate;
      }
    }
    if (best) return { path: [...issue.path, ...best.path], message: best.message };
  }
  return { path: [...issue.path], message: issue.message };
}

export function validateResponse<S extends z.ZodType>(schema: S, json: unknown, ctx: ValidationContext): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;

  const issues = result.error.issues.map(mostSpecific);
  const first = issues[0] ?? { path: [], message: "invalid response" };
  let recordId: string | undefined;
  if (first.path[0] === "data" && typeof first.path[1] === "number") {
    const record = (json as { data?: unknown[] }).data?.[first.path[1]];
    const rawId = record && typeof record === "object" ? (record as { id?: unknown }).id : undefined;
    if (typeof rawId === "string" || typeof rawId === "number") recordId = String(rawId);
  }
  throw new WondeMalformedResponseError(first.message, {
    endpoint: ctx.endpoint,
    url: ctx.url,
    pageNumber: ctx.pageNumber,
    fieldPath: formatPath(first.path),
    recordId,
    issues: issues.slice(0, 20).map((i) => `${formatPath(i.path)}: ${i.message}`),
  });
}

/** The JSON type of a value, as a quarantine entry names it. */
export type ValueType = "text" | "number" | "boolean" | "object" | "list" | "null" | "missing";

export function valueTypeOf(value: unknown): ValueType {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (typeof value === "string") return "text";
  if (typeof value === "number" || typeof value === "boolean") return typeof value as "number" | "boolean";
  return "object";
}

/** A record the client could not read: skipped, with where and why, so it can be reported and retried. */
export interface UnreadableRecord {
  endpoint: string;
  pageNumber: number | undefined;
  /** Wonde's id for the record, when it has a usable one. */
  wondeId: string | null;
  /** "Surname, Forename" or the class/subject name, when readable: for people to recognise it. */
  label: string | null;
  /** The first field that could not be read, e.g. "education_details.data.part_time". */
  field: string;
  valueType: ValueType;
  reason: string;
}

function at(value: unknown, path: readonly PathKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : typeof v === "number" ? String(v) : null);

function labelOf(record: Record<string, unknown>): string | null {
  const surname = text(record.surname) ?? text(record.legal_surname);
  const forename = text(record.forename) ?? text(record.legal_forename);
  if (surname || forename) return [surname, forename].filter(Boolean).join(", ");
  return text(record.name) ?? text(record.code);
}

/**
 * Reads a page's records one by one: the readable ones, and the unreadable ones with the
 * first field at fault. One bad record never costs the rest of the page.
 */
export function readRecords<S extends z.ZodType>(
  schema: S,
  records: readonly unknown[],
  ctx: ValidationContext,
): { records: z.output<S>[]; unreadable: UnreadableRecord[] } {
  const out: z.output<S>[] = [];
  const unreadable: UnreadableRecord[] = [];
  for (const raw of records) {
    const result = schema.safeParse(raw);
    if (result.success) {
      out.push(result.data);
      continue;
    }
    const issue = mostSpecific(result.error.issues[0]!);
    const record = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    unreadable.push({
      endpoint: ctx.endpoint,
      pageNumber: ctx.pageNumber,
      wondeId: text(record.id),
      label: labelOf(record),
      field: issue.path.length ? formatPath(issue.path) : "(the record)",
      valueType: valueTypeOf(issue.path.length ? at(raw, issue.path) : raw),
      reason: issue.path.length ? issue.message : "is not a record",
    });
  }
  return { records: out, unreadable };
}
