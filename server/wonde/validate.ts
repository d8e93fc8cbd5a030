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
