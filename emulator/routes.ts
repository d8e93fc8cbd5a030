/**
 * The Wonde API under /v1.0/. Pure request → response (no sockets), so the HTTP layer
 * (server.ts) only adds faults and writes bytes.
 *
 * Error bodies (Wonde documents only 422's; the rest are emulator choices):
 *   401 {"error":"unauthenticated","error_description":…}      no/unknown token
 *   403 {"error":"forbidden","error_description":…}            school not approved / revoked
 *   403 {"error":"scope_not_approved","error_description":…}   object scope withheld
 *   404 {"error":"not_found","error_description":…}            unknown school, record or path
 *   405 {"error":"method_not_allowed",…}                       anything but GET
 *   422 {"error":"validation_failed","error_description":…,"errors":{"per_page":[…]}}
 */
import type { MisName } from "./mis";
import type { ResolvedSpec, SchoolData } from "./model";
import { parseIncludes, parseListQuery, pageUrl, type Errors, type ListQuery } from "./query";
import type { AccessStatus } from "./schools";
import { SCOPES, type ScopeName } from "./scopes";
import { schoolJson, View, type IncludeTree } from "./serialize";
import type { EmulatorState } from "./store";

export interface ApiRequest {
  method: string;
  /** Path as requested, e.g. "/v1.0/schools/A1/students/". */
  path: string;
  /** Query string without "?", exactly as sent. */
  rawQuery: string;
  token: string | null;
  /** Host header, e.g. "127.0.0.1:4010"; used in pagination links and school.region. */
  host: string;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

type Json = Record<string, unknown>;

function fail(status: number, error: string, description: string, extra: Json = {}): ApiResponse {
  return { status, body: { error, error_description: description, ...extra } };
}

function invalid(errors: Errors): ApiResponse {
  return fail(422, "validation_failed", "The given data was invalid.", { errors });
}

/** `Authorization: Bearer T` or Basic with T as the user name (password ignored). */
export function tokenFrom(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return null;
  if (scheme?.toLowerCase() === "bearer") return value;
  if (scheme?.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const user = decoded.split(":", 1)[0];
    return user ? user : null;
  }
  return null;
}

// ---- resources under schools/{id}/ ------------------------------------------------------

interface Resource {
  /** Object scope the endpoint needs; null when always readable. */
  scope: ScopeName | null;
  /** Include paths the endpoint offers. */
  includes: readonly string[];
  list(school: SchoolData, view: View, query: ListQuery, params: URLSearchParams): { data: unknown[]; more: boolean };
  get(school: SchoolData, view: View, id: string, include: IncludeTree): unknown;
}

interface ResourceDef<T> {
  scope: ScopeName | null;
  includes: readonly string[];
  items(school: SchoolData): readonly T[];
  id(item: T): string;
  updatedAt(item: T): number;
  render(view: View, item: T, include: IncludeTree): unknown;
  /** Extra list filter from the query string (e.g. deletions?type=student). */
  where?(item: T, params: URLSearchParams): boolean;
}

/** Wraps a typed definition into the uniform Resource the router uses. */
function resource<T>(def: ResourceDef<T>): Resource {
  return {
    scope: def.scope,
    includes: def.includes,
    list(school, view, query, params) {
      const matching = def.items(school).filter((item) => {
        const at = def.updatedAt(item);
        if (query.updatedAfter !== null && !(at > query.updatedAfter)) return false;
        if (query.updatedBefore !== null && !(at < query.updatedBefore)) return false;
        return def.where ? def.where(item, params) : true;
      });
      const start = (query.page - 1) * query.perPage;
      const data = matching.slice(start, start + query.perPage).map((item) => def.render(view, item, query.include));
      return { data, more: start + query.perPage < matching.length };
    },
    get(school, view, id, include) {
      const item = def.items(school).find((x) => def.id(x) === id);
      return item === undefined ? undefined : def.render(view, item, include);
    },
  };
}

const STUDENT_INCLUDES = [
  "education_details",
  "contact_details",
  "contacts",
  "contacts.contact_details",
  "classes",
  "classes.subject",
  "year",
];

const byId = <T extends { id: string }>(x: T) => x.id;
const byUpdate = <T extends { updatedAt: number }>(x: T) => x.updatedAt;

const RESOURCES: Readonly<Record<string, Resource>> = {
  students: resource({
    scope: "Student read",
    includes: STUDENT_INCLUDES,
    items: (s) => s.students,
    id: byId,
    updatedAt: byUpdate,
    render: (v, x, inc) => v.student(x, inc),
  }),
  "students-leaver": resource({
    scope: "Student read",
    includes: STUDENT_INCLUDES,
    items: (s) => s.leavers,
    id: byId,
    updatedAt: byUpdate,
    render: (v, x, inc) => v.student(x, inc),
  }),
  employees: resource({
    scope: "Employee read",
    includes: [
      "contact_details",
      "employment_details",
      "roles",
      "photo",
      "classes",
      "classes.subject",
      "hierarchy",
      "next_of_kin",
    ],
    items: (s) => s.employees,
    id: byId,
    updatedAt: byUpdate,
    render: (v, x, inc) => v.employee(x, inc),
  }),
  contacts: resource({
    scope: "Contact read",
    includes: ["contact_details", "students", "students.education_details"],
    items: (s) => s.contacts,
    id: byId,
    updatedAt: byUpdate,
    render: (v, x, inc) => v.contact(x, inc),
  }),
  classes: resource({
    scope: "Class read",
    includes: ["subject", "students", "students.education_details", "employees", "employees.employment_details"],
    items: (s) => s.classes,
    id: byId,
    updatedAt: byUpdate,
    render: (v, x, inc) => v.class(x, inc),
  }),
  subjects: resource({
    scope: "Subject read",
    includes: [],
    items: (s) => s.subjects,
    id: byId,
    updatedAt: byUpdate,
    render: (v, x) => v.subject(x),
  }),
  deletions: resource({
    scope: null,
    includes: [],
    items: (s) => s.deletions,
    id: byId,
    updatedAt: (d) => d.deletedAt,
    render: (v, x) => v.deletion(x),
    where: (d, params) => {
      const type = params.get("type");
      return type === null || type === d.type;
    },
  }),
};

const COUNTABLE: Readonly<Record<string, (s: SchoolData) => number>> = {
  students: (s) => s.students.length,
  employees: (s) => s.employees.length,
  contacts: (s) => s.contacts.length,
  classes: (s) => s.classes.length,
  subjects: (s) => s.subjects.length,
};

// ---- the router ---------------------------------------------------------------------

function topLevel(paths: readonly string[]): string[] {
  return [...new Set(paths.map((p) => p.split(".")[0] ?? p))];
}

function page(req: ApiRequest, query: ListQuery, data: unknown[], more: boolean, includes: string[]): ApiResponse {
  const origin = `http://${req.host}`;
  return {
    status: 200,
    body: {
      data,
      meta: {
        pagination: {
          next: more ? pageUrl(origin, req.path, req.rawQuery, query.page + 1) : null,
          previous: query.page > 1 ? pageUrl(origin, req.path, req.rawQuery, query.page - 1) : null,
          more,
          per_page: query.perPageGiven ? String(query.perPage) : query.perPage,
          current_page: query.page,
        },
        includes,
      },
    },
  };
}

type Access = { spec: ResolvedSpec; mis: MisName; approved: boolean } | ApiResponse;

/** 404 for an unknown school, 403 unless `token` is approved for it (meta: any relation). */
function access(state: EmulatorState, token: string, schoolId: string, forMeta = false): Access {
  const profile = state.profile(schoolId);
  if (!profile) return fail(404, "not_found", `School ${schoolId} was not found.`);
  const status = state.accessOf(token)?.[schoolId];
  if (status === "approved" || (forMeta && status !== undefined)) {
    return { ...profile, approved: status === "approved" };
  }
  const why =
    status === "revoked"
      ? `Access to school ${schoolId} has been revoked.`
      : status === "pending"
        ? `School ${schoolId} has not yet approved access for this token.`
        : `This token does not have access to school ${schoolId}.`;
  return fail(403, "forbidden", why);
}

function isResponse(x: Access): x is ApiResponse {
  return "status" in x;
}

export function handleApi(state: EmulatorState, req: ApiRequest): ApiResponse {
  if (req.method !== "GET" && req.method !== "HEAD") {
    return fail(405, "method_not_allowed", "The emulator serves the read API only.");
  }
  const token = req.token;
  if (!token || !state.accessOf(token)) {
    return fail(401, "unauthenticated", "A valid access token is required (Bearer, or Basic with the token as user).");
  }
  const params = new URLSearchParams(req.rawQuery);
  const parts = req.path.replace(/^\/v1\.0\/?/, "").split("/").filter(Boolean);
  const [first, second, third, fourth] = parts;

  if (first === "schools" && parts.length === 1) return listSchools(state, req, token, params, "approved");
  // Account-level lists by access status; a school id never reads "pending" or "revoked".
  if (first === "schools" && (second === "pending" || second === "revoked") && parts.length === 2) return listSchools(state, req, token, params, second);

  if (first === "meta" && second === "schools" && third && parts.length <= 4) {
    const school = access(state, token, third, true);
    if (isResponse(school)) return school;
    if (fourth === undefined) {
      return { status: 200, body: { data: { online: true, approved: school.approved, audited: true } } };
    }
    if (fourth === "permissions") {
      const scopes = state.scopesOf(third);
      const data = SCOPES.map((scope) => ({ scope, approved: school.approved && scopes[scope] }));
      const query: ListQuery = { page: 1, perPage: data.length, perPageGiven: false, updatedAfter: null, updatedBefore: null, include: new Map() };
      return page(req, query, data, false, []);
    }
  }

  if (first === "schools" && second && parts.length <= 4) {
    const school = access(state, token, second);
    if (isResponse(school)) return school;
    if (third === undefined) return { status: 200, body: { data: schoolJson(school.spec, school.mis, req.host) } };
    const data = state.school(second) as SchoolData;
    const view = new View(data, state.scopesOf(second));
    if (third === "counts" && fourth === undefined) return counts(data, params);
    const res = RESOURCES[third];
    if (res) {
      if (res.scope && !view.scopes[res.scope]) {
        return fail(403, "scope_not_approved", `The school has not approved the "${res.scope}" scope.`);
      }
      if (fourth === undefined) {
        const parsed = parseListQuery(params, res.includes);
        if (!parsed.ok) return invalid(parsed.errors);
        const { data: rows, more } = res.list(data, view, parsed.value, params);
        return page(req, parsed.value, rows, more, topLevel(res.includes));
      }
      const errors: Errors = {};
      const include = parseIncludes(params.get("include"), res.includes, errors);
      if (Object.keys(errors).length > 0) return invalid(errors);
      const record = res.get(data, view, fourth, include);
      if (record === undefined) return fail(404, "not_found", `No ${third} record with id ${fourth}.`);
      return { status: 200, body: { data: record } };
    }
  }
  return fail(404, "not_found", `The emulator does not serve ${req.path}.`);
}

/** `schools` (approved), `schools/pending` or `schools/revoked` for the token, paged. */
function listSchools(state: EmulatorState, req: ApiRequest, token: string, params: URLSearchParams, status: AccessStatus): ApiResponse {
  const parsed = parseListQuery(params, []);
  if (!parsed.ok) return invalid(parsed.errors);
  const query = parsed.value;
  const table = state.accessOf(token) ?? {};
  const listed = state.schoolIds().filter((id) => table[id] === status);
  const start = (query.page - 1) * query.perPage;
  const data = listed.slice(start, start + query.perPage).map((id) => {
    const profile = state.profile(id);
    return profile ? schoolJson(profile.spec, profile.mis, req.host) : null;
  });
  return page(req, query, data, start + query.perPage < listed.length, []);
}

/** `counts?include=students,employees` → {"data":{"students":{"data":{"count":N}},…}} [?]. */
function counts(school: SchoolData, params: URLSearchParams): ApiResponse {
  const errors: Errors = {};
  const asked = parseIncludes(params.get("include"), Object.keys(COUNTABLE), errors);
  if (Object.keys(errors).length > 0) return invalid(errors);
  const names = asked.size > 0 ? [...asked.keys()] : Object.keys(COUNTABLE);
  const data = Object.fromEntries(names.map((name) => [name, { data: { count: COUNTABLE[name]?.(school) ?? 0 } }]));
  return { status: 200, body: { data } };
}
