/**
 * Query parameters Wonde accepts on lists: page, per_page, updated_after, updated_before and
 * include. Invalid values give Laravel-style validation errors (answered with 422).
 */
import { parseFilterDate } from "./clock";
import type { IncludeTree } from "./serialize";

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

export interface ListQuery {
  page: number;
  perPage: number;
  /** Wonde echoes per_page as a string when the client passed it. */
  perPageGiven: boolean;
  updatedAfter: number | null;
  updatedBefore: number | null;
  include: IncludeTree;
}

export type Errors = Record<string, string[]>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Errors };

function positiveInt(text: string): number | null {
  return /^\d{1,9}$/.test(text) && Number(text) >= 1 ? Number(text) : null;
}

/** `include=contacts.contact_details,classes` → tree; every path must be offered. */
export function parseIncludes(text: string | null, offered: readonly string[], errors: Errors): IncludeTree {
  const root = new Map<string, Map<string, unknown>>();
  if (!text) return root as IncludeTree;
  for (const path of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    if (!offered.includes(path)) {
      (errors.include ??= []).push(`The include "${path}" is not available on this endpoint.`);
      continue;
    }
    let node: Map<string, unknown> = root;
    for (const part of path.split(".")) {
      let child = node.get(part) as Map<string, unknown> | undefined;
      if (!child) {
        child = new Map();
        node.set(part, child);
      }
      node = child;
    }
  }
  return root as IncludeTree;
}

export function parseListQuery(params: URLSearchParams, offered: readonly string[]): Parsed<ListQuery> {
  const errors: Errors = {};
  const perPageText = params.get("per_page");
  let perPage = DEFAULT_PER_PAGE;
  if (perPageText !== null) {
    const n = positiveInt(perPageText);
    if (n === null) errors.per_page = ["The per page must be an integer of at least 1."];
    else perPage = Math.min(n, MAX_PER_PAGE); // larger pages are clamped, not refused
  }
  const pageText = params.get("page");
  const page = pageText === null ? 1 : positiveInt(pageText);
  if (page === null) errors.page = ["The page must be an integer of at least 1."];
  const date = (name: "updated_after" | "updated_before") => {
    const text = params.get(name);
    if (text === null) return null;
    const value = parseFilterDate(text);
    if (value === null) errors[name] = [`The ${name.replace("_", " ")} does not match the format Y-m-d H:i:s.`];
    return value;
  };
  const updatedAfter = date("updated_after");
  const updatedBefore = date("updated_before");
  const include = parseIncludes(params.get("include"), offered, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { page: page ?? 1, perPage, perPageGiven: perPageText !== null, updatedAfter, updatedBefore, include },
  };
}

/**
 * The URL of another page: the request's own path and query string, byte for byte, with
 * only `page` replaced (or appended), as Wonde's `next`/`previous` links are.
 */
export function pageUrl(origin: string, path: string, rawQuery: string, page: number): string {
  const parts = rawQuery === "" ? [] : rawQuery.split("&");
  const at = parts.findIndex((p) => p === "page" || p.startsWith("page="));
  if (at === -1) parts.push(`page=${page}`);
  else parts[at] = `page=${page}`;
  return `${origin}${path}?${parts.join("&")}`;
}
