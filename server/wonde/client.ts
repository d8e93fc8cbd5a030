/**
 * The production Wonde REST client.
 *
 * Lists are async iterators of validated pages, so a sync holds one page at a time:
 *
 *   for await (const page of client.students("A123", { include: ["education_details"] })) {
 *     for (const s of page.data) …
 *   }
 *
 * One generic `listPages` drives every list endpoint; the endpoint table below only
 * says where it lives, what its records look like and its largest page size.
 */
import { z } from "zod";
import { formatWondeDateParam } from "./dates";
import { WondeMalformedResponseError } from "./errors";
import { WondeHttp, type HttpOptions } from "./http";
import {
  classSchema, contactSchema, countsSchema, deletionSchema, employeeSchema, pageSchema,
  permissionsSchema, schoolMetaSchema, schoolSchema, singleSchema, studentSchema, subjectSchema,
  type Contact, type Counts, type Deletion, type Employee, type Permission, type School,
  type SchoolMeta, type Student, type Subject, type WondeClass,
} from "./schemas";
import { readRecords, validateResponse, type UnreadableRecord } from "./validate";

/** A list page's envelope: `data` must be a list; its records are read one by one. */
const LIST_PAGE = z.array(z.unknown(), { error: "the page has no data list" });

export const DEFAULT_BASE_URL = "https://api.wonde.com/v1.0/";

/** Base URL for a school's region (`school.region.domain`, e.g. "api-ap-southeast-2.wonde.com"). */
export function baseUrlForDomain(domain: string): string {
  return `https://${domain}/v1.0/`;
}

/**
 * Largest `per_page` each endpoint accepts. Wonde does not document maxima [?]; 200 is
 * what integrations use in the wild. Kept per endpoint so one can be lowered alone.
 * `null`: the endpoint is not paged by us, send no per_page.
 */
export const MAX_PER_PAGE = {
  "schools": 200,
  "students": 200,
  "students-leaver": 200,
  "employees": 200,
  "contacts": 200,
  "classes": 200,
  "subjects": 200,
  "deletions": 200,
  "permissions": null,
} as const satisfies Record<string, number | null>;
export type ListEndpoint = keyof typeof MAX_PER_PAGE;

/** Include names we know; any other string is passed through. */
export type StudentInclude =
  | "education_details" | "contact_details" | "extended_details" | "contacts" | "contacts.contact_details"
  | "classes" | "classes.subject" | "year" | "house" | "registration" | "photo" | "groups";
export type EmployeeInclude =
  | "contact_details" | "employment_details" | "extended_details" | "roles" | "photo" | "classes"
  | "classes.subject" | "groups" | "hierarchy" | "next_of_kin" | "identifiers";
export type ClassInclude = "subject" | "students" | "employees" | "lessons";
export type ContactInclude = "contact_details" | "students";
type Include<K extends string> = K | (string & {});

export interface ListOptions<I extends string = string> {
  include?: readonly Include<I>[];
  /** Only records updated after this instant (sent as UTC "YYYY-MM-DD HH:MM:SS"). */
  updatedAfter?: Date;
  updatedBefore?: Date;
  /** Defaults to the endpoint's maximum (MAX_PER_PAGE). */
  perPage?: number;
  /** Extra query parameters (e.g. `has_class`), passed as given. */
  params?: Record<string, string>;
  signal?: AbortSignal;
}

export interface GetOptions<I extends string = string> {
  include?: readonly Include<I>[];
  signal?: AbortSignal;
}

export interface Page<T> {
  /** The records that could be read. */
  data: T[];
  /** Records skipped because a field Staffroom uses could not be read (see schemas.ts). */
  unreadable: UnreadableRecord[];
  /** 1-based, counted by the client. */
  pageNumber: number;
  /** Logical endpoint, e.g. "schools/A123/students". */
  endpoint: string;
  /** Whether Wonde announced another page. */
  hasMore: boolean;
}

export interface WondeClientOptions extends Omit<HttpOptions, "token"> {
  token: string;
  /** Per school: its region's domain. Default https://api.wonde.com/v1.0/ */
  baseUrl?: string;
  /** Override page sizes per endpoint (e.g. in tests, to force many pages). */
  perPage?: Partial<Record<ListEndpoint, number>>;
}

export interface WondeClient {
  readonly baseUrl: string;
  /** Schools this token has been approved for. */
  schools(options?: ListOptions): AsyncGenerator<Page<School>, void, undefined>;
  /** Schools asked for but not yet approved (`schools/pending`), or whose access was revoked (`schools/revoked`). */
  schoolsWithAccess(status: "pending" | "revoked", options?: ListOptions): AsyncGenerator<Page<School>, void, undefined>;
  school(schoolId: string, options?: GetOptions): Promise<School>;
  schoolMeta(schoolId: string, options?: GetOptions): Promise<SchoolMeta>;
  /** Names of the scopes the school has approved. */
  permissions(schoolId: string, options?: { signal?: AbortSignal }): Promise<string[]>;
  /** Every scope listed for the school, approved or not. */
  permissionEntries(schoolId: string, options?: { signal?: AbortSignal }): Promise<Permission[]>;
  students(schoolId: string, options?: ListOptions<StudentInclude>): AsyncGenerator<Page<Student>, void, undefined>;
  leavers(schoolId: string, options?: ListOptions<StudentInclude>): AsyncGenerator<Page<Student>, void, undefined>;
  student(schoolId: string, studentId: string, options?: GetOptions<StudentInclude>): Promise<Student>;
  employees(schoolId: string, options?: ListOptions<EmployeeInclude>): AsyncGenerator<Page<Employee>, void, undefined>;
  /**
   * One record of a list endpoint by id, read as a list page is (an unreadable record is
   * in `unreadable`, not thrown): how a sync retries a record it quarantined.
   */
  record<E extends RecordEndpoint>(schoolId: string, endpoint: E, id: string, options?: GetOptions): Promise<Page<RecordOf[E]>>;
  employee(schoolId: string, employeeId: string, options?: GetOptions<EmployeeInclude>): Promise<Employee>;
  contacts(schoolId: string, options?: ListOptions<ContactInclude>): AsyncGenerator<Page<Contact>, void, undefined>;
  classes(schoolId: string, options?: ListOptions<ClassInclude>): AsyncGenerator<Page<WondeClass>, void, undefined>;
  subjects(schoolId: string, options?: ListOptions): AsyncGenerator<Page<Subject>, void, undefined>;
  /** Records deleted in the MIS; `type` narrows to e.g. "student" or "employee". */
  deletions(schoolId: string, options?: ListOptions & { type?: string }): AsyncGenerator<Page<Deletion>, void, undefined>;
  /** Record counts, keyed by include name (students, employees, contacts, …). */
  counts(schoolId: string, options?: GetOptions): Promise<Counts>;
  /** Requests currently in flight for a school (observability/tests). */
  inFlight(schoolId: string): number;
}

/** The records each list endpoint holds. */
type RecordOf = { students: Student; "students-leaver": Student; employees: Employee; classes: WondeClass; subjects: Subject };
export type RecordEndpoint = keyof RecordOf;
const RECORD_SCHEMAS: { [E in RecordEndpoint]: z.ZodType<RecordOf[E]> } = {
  students: studentSchema,
  "students-leaver": studentSchema,
  employees: employeeSchema,
  classes: classSchema,
  subjects: subjectSchema,
};

const ACCOUNT_KEY = "\u0000account"; // limiter key for account-level calls; cannot clash with a school id
const DEFAULT_COUNT_INCLUDES = ["students", "employees", "contacts", "classes", "subjects"];

export function createWondeClient(options: WondeClientOptions): WondeClient {
  if (!options.token) throw new TypeError("createWondeClient: token is required");
  const base = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  const http = new WondeHttp({ ...options, token: options.token });

  const school = (schoolId: string) => `schools/${encodeURIComponent(schoolId)}`;

  function buildUrl(path: string, query: Record<string, string | undefined>): URL {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    return url;
  }

  /**
   * The next page's URL. Wonde's `next` keeps the query string [C]; anything we asked
   * for that it lacks is put back anyway, because a page silently missing its includes
   * would read as "no contacts". The host must be Wonde's: the token goes with it.
   */
  function nextUrl(next: string, current: URL, sent: Record<string, string | undefined>, endpoint: string, pageNumber: number): URL {
    let parsed: URL;
    try {
      parsed = new URL(next, current);
    } catch {
      throw new WondeMalformedResponseError(`pagination.next is not a URL: ${next}`, { endpoint, pageNumber, fieldPath: "meta.pagination.next" });
    }
    if (parsed.hostname !== base.hostname) {
      throw new WondeMalformedResponseError(`pagination.next points at another host (${parsed.hostname})`, {
        endpoint, pageNumber, fieldPath: "meta.pagination.next",
      });
    }
    // Keep our scheme and port (a proxy in front of Wonde may rewrite them).
    const url = new URL(parsed.pathname + parsed.search, base);
    for (const [k, v] of Object.entries(sent)) if (v !== undefined && k !== "page" && !url.searchParams.has(k)) url.searchParams.set(k, v);
    return url;
  }

  /**
   * Every page of a list. A page that is not a Wonde page (not JSON, no `data` list) is an
   * error; within a page, each record is read on its own (readRecords).
   */
  async function* listPages<T>(
    name: ListEndpoint,
    path: string,
    limiterKey: string,
    itemSchema: z.ZodType<T>,
    opts: ListOptions & { extra?: Record<string, string | undefined> } = {},
  ): AsyncGenerator<Page<T>, void, undefined> {
    for await (const raw of rawPages(name, path, limiterKey, LIST_PAGE, opts)) {
      const { records, unreadable } = readRecords(itemSchema, raw.data, { endpoint: raw.endpoint, pageNumber: raw.pageNumber });
      yield { ...raw, data: records, unreadable };
    }
  }

  async function* rawPages<T>(
    name: ListEndpoint,
    path: string,
    limiterKey: string,
    dataSchema: z.ZodType<T>,
    opts: ListOptions & { extra?: Record<string, string | undefined> } = {},
  ): AsyncGenerator<Omit<Page<never>, "data" | "unreadable"> & { data: T }, void, undefined> {
    const perPage = opts.perPage ?? options.perPage?.[name] ?? MAX_PER_PAGE[name] ?? undefined;
    const query: Record<string, string | undefined> = {
      ...opts.extra,
      include: opts.include?.length ? opts.include.join(",") : undefined,
      updated_after: opts.updatedAfter ? formatWondeDateParam(opts.updatedAfter) : undefined,
      updated_before: opts.updatedBefore ? formatWondeDateParam(opts.updatedBefore) : undefined,
      per_page: perPage === undefined ? undefined : String(perPage),
    };
    // Raw params fill gaps only: typed options win.
    for (const [k, v] of Object.entries(opts.params ?? {})) query[k] ??= v;
    const endpoint = path.replace(/\/$/, "");
    const schema = pageSchema(dataSchema);
    const seen = new Set<string>();
    let url: URL | null = buildUrl(path, query);
    for (let pageNumber = 1; url; pageNumber++) {
      seen.add(url.href);
      const json = await http.getJson(url, { limiterKey, endpoint, pageNumber, signal: opts.signal });
      const page: { data: T; meta: { pagination: { next: string | null } | null } } =
        validateResponse(schema, json, { endpoint, url: url.href, pageNumber });
      const next: string | null = page.meta.pagination?.next ?? null;
      yield { data: page.data, pageNumber, endpoint, hasMore: next !== null };
      url = next === null ? null : nextUrl(next, url, query, endpoint, pageNumber);
      if (url && seen.has(url.href)) {
        throw new WondeMalformedResponseError(`pagination loops back to ${url.href}`, {
          endpoint, pageNumber, fieldPath: "meta.pagination.next",
        });
      }
    }
  }

  async function getOne<T>(path: string, limiterKey: string, dataSchema: z.ZodType<T>, opts: GetOptions = {}): Promise<T> {
    const url = buildUrl(path, { include: opts.include?.length ? opts.include.join(",") : undefined });
    const endpoint = path.replace(/\/$/, "");
    const json = await http.getJson(url, { limiterKey, endpoint, signal: opts.signal });
    return validateResponse(singleSchema(dataSchema), json, { endpoint, url: url.href }).data;
  }

  async function permissionEntries(schoolId: string, opts: { signal?: AbortSignal } = {}): Promise<Permission[]> {
    const all: Permission[] = [];
    for await (const page of rawPages("permissions", `meta/${school(schoolId)}/permissions/`, schoolId, permissionsSchema, opts)) {
      all.push(...page.data);
    }
    return all;
  }

  async function record<E extends RecordEndpoint>(schoolId: string, name: E, recordId: string, opts: GetOptions = {}): Promise<Page<RecordOf[E]>> {
    const path = `${school(schoolId)}/${name}/${encodeURIComponent(recordId)}`;
    const url = buildUrl(path, { include: opts.include?.length ? opts.include.join(",") : undefined });
    const json = await http.getJson(url, { limiterKey: schoolId, endpoint: path, signal: opts.signal });
    const { data } = validateResponse(singleSchema(z.unknown()), json, { endpoint: path, url: url.href });
    const { records, unreadable } = readRecords(RECORD_SCHEMAS[name], [data], { endpoint: `${school(schoolId)}/${name}` });
    return { data: records, unreadable, pageNumber: 1, endpoint: `${school(schoolId)}/${name}`, hasMore: false };
  }

  // Trailing slash on collections, none on single records: as Wonde's official clients do.
  return {
    baseUrl: base.href,
    schools: (o) => listPages("schools", "schools/", ACCOUNT_KEY, schoolSchema, o),
    schoolsWithAccess: (status, o) => listPages("schools", `schools/${status}/`, ACCOUNT_KEY, schoolSchema, o),
    school: (id, o) => getOne(school(id), ACCOUNT_KEY, schoolSchema, o),
    schoolMeta: (id, o) => getOne(`meta/${school(id)}`, ACCOUNT_KEY, schoolMetaSchema, o),
    permissionEntries,
    permissions: async (id, o) => (await permissionEntries(id, o)).filter((p) => p.approved).map((p) => p.scope),
    students: (id, o) => listPages("students", `${school(id)}/students/`, id, studentSchema, o),
    leavers: (id, o) => listPages("students-leaver", `${school(id)}/students-leaver/`, id, studentSchema, o),
    student: (id, sid, o) => getOne(`${school(id)}/students/${encodeURIComponent(sid)}`, id, studentSchema, o),
    employees: (id, o) => listPages("employees", `${school(id)}/employees/`, id, employeeSchema, o),
    employee: (id, eid, o) => getOne(`${school(id)}/employees/${encodeURIComponent(eid)}`, id, employeeSchema, o),
    contacts: (id, o) => listPages("contacts", `${school(id)}/contacts/`, id, contactSchema, o),
    classes: (id, o) => listPages("classes", `${school(id)}/classes/`, id, classSchema, o),
    subjects: (id, o) => listPages("subjects", `${school(id)}/subjects/`, id, subjectSchema, o),
    deletions: (id, o = {}) =>
      listPages("deletions", `${school(id)}/deletions/`, id, deletionSchema, { ...o, extra: { type: o.type } }),
    counts: (id, o = {}) =>
      getOne(`${school(id)}/counts/`, id, countsSchema, { ...o, include: o.include ?? DEFAULT_COUNT_INCLUDES }),
    record,
    inFlight: (id) => http.inFlight(id),
  };
}

/** Drains a paged list into one array: only for small lists (subjects, deletions). */
export async function collectAll<T>(pages: AsyncIterable<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page.data);
  return out;
}
