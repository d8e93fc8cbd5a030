/**
 * The production client against the Wonde emulator: every endpoint, includes,
 * pagination to the last page, dates, null scopes, each error type, retries under
 * injected faults (attempts counted from the emulator's request log) and the
 * per-school concurrency limit. No real waiting: retry sleeps are injected.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HILLCREST_ID, OAKFIELD_ID, RIVERSIDE_ID, startEmulator, type RunningEmulator } from "@/emulator/server";
import {
  collectAll, createWondeClient, describeMissingScopes, lineManagerIds, misCapabilities, parseWondeInstant,
  WondeAuthError, WondeForbiddenError, WondeMalformedResponseError, WondeNetworkError, WondeNotFoundError,
  WondeServerError, WondeValidationError, type Page, type WondeClientOptions,
} from "@/server/wonde";

const HARBOUR_VIEW = "A1161584171"; // Arbor: used for change-over-time tests
const MEADOWBANK = "A1840362118"; // RM Integris: used for scope changes
const LITTLE_HADHAM = "A1507281963"; // PupilAsset: used for revocation
const GREYFRIARS = "A1776403258"; // WCBS: UPN and dates of birth withheld
const KINGSWAY = "A2075312549"; // CMIS: used for fault injection

let em: RunningEmulator;
const sleeps: number[] = [];

function client(options: Partial<WondeClientOptions> = {}) {
  return createWondeClient({
    baseUrl: em.url,
    token: "demo",
    ...options,
    retry: { sleep: async (ms) => void sleeps.push(ms), ...options.retry },
  });
}

/** Requests the emulator logged since `mark`, optionally only those whose path contains `path`. */
function logged(mark: number, path = "") {
  return em.state.requestLog(mark).filter((r) => r.path.includes(path));
}
const mark = () => em.state.log.total;

async function drain<T>(pages: AsyncIterable<Page<T>>) {
  const all: T[] = [];
  const sizes: number[] = [];
  let last: Page<T> | undefined;
  for await (const page of pages) {
    all.push(...page.data);
    sizes.push(page.data.length);
    last = page;
  }
  return { all, sizes, last };
}

beforeAll(async () => {
  em = await startEmulator({ port: 0, seed: "wonde-contract" });
});
afterAll(async () => {
  await em.close();
});
afterEach(() => {
  em.state.clearFaults();
  sleeps.length = 0;
});

describe("account endpoints", () => {
  it("lists exactly the schools approved for the token, and reads each", async () => {
    const c = client();
    const schools = await collectAll(c.schools());
    const approved = Object.entries(em.state.accessOf("demo") ?? {}).filter(([, s]) => s === "approved").map(([id]) => id);
    expect(schools.map((s) => s.id).sort()).toEqual(approved.sort());
    expect(schools.every((s) => s.mis && misCapabilities(s.mis).known)).toBe(true);

    const oakfield = await c.school(OAKFIELD_ID);
    expect(oakfield).toMatchObject({ id: OAKFIELD_ID, name: "Oakfield Primary School", mis: "SIMS", urn: "107812", la_code: "383" });
    expect(oakfield.region?.domain).toBeTruthy();
    expect(await c.schoolMeta(OAKFIELD_ID)).toMatchObject({ approved: true, online: true });
    expect(await c.schoolMeta(HILLCREST_ID)).toMatchObject({ approved: false });
  });

  it("counts agree with the emulator's own", async () => {
    const counts = await client().counts(OAKFIELD_ID);
    const truth = em.state.counts(OAKFIELD_ID);
    expect(counts).toEqual({
      students: truth.students, employees: truth.employees, contacts: truth.contacts, classes: truth.classes, subjects: truth.subjects,
    });
  });
});

describe("lists: pagination to the last page", () => {
  it("reads every list endpoint of a school in full, at an odd page size", async () => {
    const c = client({ perPage: { students: 37, "students-leaver": 37, employees: 37, contacts: 37, classes: 37, subjects: 37 } });
    const truth = em.state.counts(OAKFIELD_ID);
    const at = mark();
    const results = {
      students: await drain(c.students(OAKFIELD_ID, { include: ["education_details"] })),
      leavers: await drain(c.leavers(OAKFIELD_ID)),
      employees: await drain(c.employees(OAKFIELD_ID, { include: ["employment_details"] })),
      contacts: await drain(c.contacts(OAKFIELD_ID)),
      classes: await drain(c.classes(OAKFIELD_ID)),
      subjects: await drain(c.subjects(OAKFIELD_ID)),
    };
    for (const [name, r] of Object.entries(results)) {
      const expected = truth[name as keyof typeof truth];
      expect(r.all.length, name).toBe(expected);
      expect(new Set(r.all.map((x) => (x as { id: string }).id)).size, `${name} ids unique`).toBe(expected);
      expect(r.sizes.length, `${name} pages`).toBe(Math.max(1, Math.ceil(expected / 37)));
      expect(r.last?.hasMore, name).toBe(false);
    }
    // Every request carried the token, a trailing slash and our query, page 2+ included.
    const requests = logged(at, `/schools/${OAKFIELD_ID}/`);
    expect(requests.length).toBe(Object.values(results).reduce((n, r) => n + r.sizes.length, 0));
    for (const r of requests) {
      expect(r.token).toBe("demo");
      expect(r.path.endsWith("/")).toBe(true);
      expect(new URLSearchParams(r.query).get("per_page")).toBe("37");
    }
    for (const r of logged(at, `/schools/${OAKFIELD_ID}/students/`)) {
      expect(new URLSearchParams(r.query).get("include")).toBe("education_details");
    }
  });

  it("reads the 2,000-pupil school at the default (maximum) page size", async () => {
    const at = mark();
    const { all, sizes } = await drain(client().students(RIVERSIDE_ID));
    expect(all.length).toBe(em.state.counts(RIVERSIDE_ID).students);
    expect(sizes).toEqual(Array.from({ length: Math.ceil(all.length / 200) }, (_, i) => Math.min(200, all.length - i * 200)));
    expect(logged(at).every((r) => new URLSearchParams(r.query).get("per_page") === "200")).toBe(true);
  });
});

describe("includes and shapes", () => {
  it("students with education details and contacts", async () => {
    const students = await collectAll(client().students(OAKFIELD_ID, { include: ["education_details", "contacts", "contacts.contact_details"] }));
    expect(students.every((s) => s.education_details && s.contacts)).toBe(true);
    const upns = students.map((s) => s.education_details?.upn);
    expect(upns.every((u) => u === null || /^[A-Z]\d{11}[0-9A-Z]$/.test(u ?? ""))).toBe(true);
    expect(upns.filter(Boolean).length).toBeGreaterThan(students.length * 0.9);
    const contacts = students.flatMap((s) => s.contacts ?? []);
    expect(contacts.length).toBeGreaterThan(students.length);
    expect(contacts.every((c) => c.relationship && typeof c.relationship.parental_responsibility === "boolean")).toBe(true);
    expect(contacts.some((c) => c.contact_details?.emails?.email)).toBe(true);
    expect(students.every((s) => s.date_of_birth === null || /^\d{4}-\d{2}-\d{2}$/.test(s.date_of_birth))).toBe(true);
  });

  it("employees with the usual includes, class row meta and line managers", async () => {
    const employees = await collectAll(client().employees(OAKFIELD_ID, {
      include: ["employment_details", "contact_details", "roles", "photo", "classes", "classes.subject", "hierarchy", "next_of_kin"],
    }));
    expect(employees.every((e) => e.employment_details && Array.isArray(e.roles) && Array.isArray(e.classes))).toBe(true);
    const rows = employees.flatMap((e) => e.classes ?? []);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((c) => typeof c.meta?.is_main_teacher === "boolean" && c.subject?.id === c.subject_id)).toBe(true);
    expect(employees.some((e) => e.roles?.some((r) => r.role))).toBe(true);
    expect(employees.some((e) => (e.next_of_kin ?? []).length > 0)).toBe(true);
    // SIMS shares reports-to: someone has a line manager who is one of the staff.
    const ids = new Set(employees.map((e) => e.id));
    const managed = employees.filter((e) => lineManagerIds(e).length > 0);
    expect(managed.length).toBeGreaterThan(0);
    expect(managed.every((e) => lineManagerIds(e).every((m) => ids.has(m)))).toBe(true);
  });

  it("class subject is an id without the include and an object with it", async () => {
    const plain = await collectAll(client().classes(OAKFIELD_ID));
    const withSubject = await collectAll(client().classes(OAKFIELD_ID, { include: ["subject", "employees"] }));
    expect(plain.every((c) => c.subject === undefined && c.employees === undefined)).toBe(true);
    expect(plain.filter((c) => c.subject_id).length).toBeGreaterThan(0);
    const byId = new Map(withSubject.map((c) => [c.id, c]));
    for (const c of plain) expect(byId.get(c.id)?.subject_id).toBe(c.subject_id);
    const withSubjectId = plain.filter((c) => c.subject_id);
    expect(withSubjectId.length).toBeGreaterThan(0);
    for (const c of withSubjectId) expect(byId.get(c.id)?.subject?.id).toBe(c.subject_id);
  });

  it("contacts list, with pupils", async () => {
    const contacts = await collectAll(client().contacts(OAKFIELD_ID, { include: ["contact_details", "students"] }));
    expect(contacts.length).toBe(em.state.counts(OAKFIELD_ID).contacts);
    expect(contacts.every((c) => Array.isArray(c.students))).toBe(true);
    expect(contacts.filter((c) => (c.students ?? []).length > 0).length).toBeGreaterThan(contacts.length * 0.9);
  });

  it("single records match the list", async () => {
    const c = client();
    const include = ["education_details", "contacts"] as const;
    const [first] = (await c.students(OAKFIELD_ID, { include, perPage: 1 }).next()).value?.data ?? [];
    expect(first).toBeDefined();
    expect(await c.student(OAKFIELD_ID, first!.id, { include })).toEqual(first);
    const [emp] = (await c.employees(OAKFIELD_ID, { include: ["roles"], perPage: 1 }).next()).value?.data ?? [];
    expect(await c.employee(OAKFIELD_ID, emp!.id, { include: ["roles"] })).toEqual(emp);
  });

  it("dates become the instants the raw date objects describe", async () => {
    const res = await fetch(`${em.url}schools/${OAKFIELD_ID}/students/?per_page=5`, { headers: { Authorization: "Bearer demo" } });
    const raw = (await res.json()) as { data: Array<{ id: string; created_at: { date: string; timezone: string }; date_of_birth: { date: string } | null }> };
    const parsed = new Map((await collectAll(client().students(OAKFIELD_ID, { perPage: 5 }))).map((s) => [s.id, s]));
    for (const r of raw.data) {
      const s = parsed.get(r.id)!;
      expect(s.created_at).toBeInstanceOf(Date);
      expect(s.created_at?.getTime()).toBe(parseWondeInstant(r.created_at).getTime());
      expect(s.date_of_birth).toBe(r.date_of_birth?.date.slice(0, 10) ?? null);
    }
  });
});

describe("incremental reads", () => {
  it("updated_after returns just the changed records; deletions and leavers show who left", async () => {
    const before = new Date(`${em.state.now().replace(" ", "T")}Z`);
    const report = em.state.advanceTime({ schoolIds: [HARBOUR_VIEW], students: { edits: 3, starters: 2, leavers: 1 } });
    const change = report.schools.find((s) => s.schoolId === HARBOUR_VIEW)!;
    const c = client();

    const changed = await collectAll(c.students(HARBOUR_VIEW, { updatedAfter: before }));
    expect(changed.map((s) => s.id).sort()).toEqual([...change.students.edited, ...change.students.started].sort());
    expect(changed.every((s) => s.updated_at! > before)).toBe(true);

    const deletions = await collectAll(c.deletions(HARBOUR_VIEW, { updatedAfter: before }));
    expect(deletions.map((d) => d.id)).toEqual(expect.arrayContaining(change.students.left));
    expect(deletions.every((d) => d.deleted_at instanceof Date && d.deleted_at > before)).toBe(true);
    const leavers = await collectAll(c.leavers(HARBOUR_VIEW));
    expect(leavers.map((s) => s.id)).toEqual(expect.arrayContaining(change.students.left));
  });
});

describe("scopes", () => {
  it("withheld scopes arrive as null and are explained", async () => {
    const c = client();
    const approved = await c.permissions(GREYFRIARS);
    expect(approved).not.toContain("Student UPN read");
    expect(approved).toContain("Student read");
    expect(describeMissingScopes(approved).map((m) => m.label)).toEqual(["UPN", "Pupil date of birth", "Staff date of birth"]);
    expect(describeMissingScopes(await c.permissions(OAKFIELD_ID))).toEqual([]);

    const students = await collectAll(c.students(GREYFRIARS, { include: ["education_details"] }));
    expect(students.length).toBeGreaterThan(0);
    expect(students.every((s) => s.education_details?.upn === null && s.date_of_birth === null)).toBe(true);
    expect(students.every((s) => s.surname)).toBe(true);
    const employees = await collectAll(c.employees(GREYFRIARS));
    expect(employees.every((e) => e.date_of_birth === null && e.surname)).toBe(true);
  });

  it("a scope withdrawn later nulls just that field", async () => {
    const c = client();
    em.state.setScopes(MEADOWBANK, { "Contact parental responsibility read": false });
    try {
      expect(describeMissingScopes(await c.permissions(MEADOWBANK)).map((m) => m.label)).toEqual(["Parental responsibility"]);
      const students = await collectAll(c.students(MEADOWBANK, { include: ["contacts"] }));
      const contacts = students.flatMap((s) => s.contacts ?? []);
      expect(contacts.length).toBeGreaterThan(0);
      expect(contacts.every((ct) => ct.relationship?.parental_responsibility === null)).toBe(true);
      expect(contacts.every((ct) => ct.relationship?.relationship)).toBe(true);
    } finally {
      em.state.setScopes(MEADOWBANK, { "Contact parental responsibility read": true });
    }
  });
});

describe("errors (never retried)", () => {
  async function failsOnce(action: () => Promise<unknown>, ErrorClass: abstract new (...args: never[]) => Error) {
    const at = mark();
    const error = await action().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(logged(at)).toHaveLength(1);
    expect(sleeps).toEqual([]);
    return error;
  }

  it("401 bad token", async () => {
    const e = await failsOnce(() => collectAll(client({ token: "not-a-token" }).schools()), WondeAuthError);
    expect((e as WondeAuthError).userMessage).toBe("Wonde rejected the token: reconnect the school in Settings.");
  });

  it("403 not yet approved, and revoked", async () => {
    await failsOnce(() => collectAll(client().students(HILLCREST_ID)), WondeForbiddenError);
    em.state.setAccess("demo", LITTLE_HADHAM, "revoked");
    try {
      await failsOnce(() => collectAll(client().employees(LITTLE_HADHAM)), WondeForbiddenError);
    } finally {
      em.state.setAccess("demo", LITTLE_HADHAM, "approved");
    }
  });

  it("404 unknown school or record", async () => {
    await failsOnce(() => client().school("A0000000000"), WondeNotFoundError);
    await failsOnce(() => client().student(OAKFIELD_ID, "A0000000000"), WondeNotFoundError);
  });

  it("422 carries Wonde's validation errors", async () => {
    const e = await failsOnce(() => collectAll(client().students(OAKFIELD_ID, { params: { updated_after: "yesterday" } })), WondeValidationError);
    expect((e as WondeValidationError).errors).toMatchObject({ errors: { updated_after: [expect.any(String)] } });
  });
});

describe("retries under injected faults", () => {
  const path = `/schools/${KINGSWAY}/subjects/`;
  const faultPath = `schools/${KINGSWAY}/subjects`;
  const subjects = () => collectAll(client().subjects(KINGSWAY));

  it("429: honours Retry-After, then succeeds", async () => {
    em.state.addFault({ kind: "rate_limit", retryAfter: 3, count: 2, path: faultPath });
    const at = mark();
    expect((await subjects()).length).toBe(em.state.counts(KINGSWAY).subjects);
    expect(logged(at, path).map((r) => r.status)).toEqual([429, 429, 200]);
    expect(sleeps).toEqual([3000, 3000]);
  });

  it("5xx: retried with backoff, then succeeds", async () => {
    em.state.addFault({ kind: "server_error", status: 503, count: 2, path: faultPath });
    const at = mark();
    await subjects();
    expect(logged(at, path).map((r) => r.status)).toEqual([503, 503, 200]);
    expect(sleeps).toHaveLength(2);
  });

  it("persistent 5xx: bounded at 5 attempts", async () => {
    em.state.addFault({ kind: "server_error", path: faultPath });
    const at = mark();
    const e = await subjects().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WondeServerError);
    expect((e as WondeServerError).attempts).toBe(5);
    expect(logged(at, path)).toHaveLength(5);
  });

  it("dropped connection mid-body: retried", async () => {
    em.state.addFault({ kind: "drop", count: 1, path: faultPath });
    const at = mark();
    expect((await subjects()).length).toBe(em.state.counts(KINGSWAY).subjects);
    expect(logged(at, path).map((r) => r.fault)).toEqual(["drop", null]);
  });

  it("truncated JSON: retried twice, then a malformed-response error", async () => {
    em.state.addFault({ kind: "bad_json", count: 1, path: faultPath });
    let at = mark();
    await subjects();
    expect(logged(at, path).map((r) => r.fault)).toEqual(["bad_json", null]);

    em.state.clearFaults();
    em.state.addFault({ kind: "bad_json", path: faultPath });
    at = mark();
    const e = await subjects().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WondeMalformedResponseError);
    expect((e as WondeMalformedResponseError).pageNumber).toBe(1);
    expect(logged(at, path)).toHaveLength(3);
  });

  it("slow response: timed out and retried", async () => {
    em.state.addFault({ kind: "delay", delayMs: 1500, count: 1, path: faultPath });
    const c = client({ timeoutMs: 300 });
    expect((await collectAll(c.subjects(KINGSWAY))).length).toBe(em.state.counts(KINGSWAY).subjects);
    // The emulator logs a request after its delay, so count arrivals on the rule instead.
    expect(em.state.faults.list()[0]).toMatchObject({ seen: 2, fired: 1 });

    em.state.clearFaults();
    em.state.addFault({ kind: "delay", delayMs: 1500, path: faultPath });
    const e = await collectAll(client({ timeoutMs: 200, retry: { maxAttempts: 2 } }).subjects(KINGSWAY)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WondeNetworkError);
    expect((e as WondeNetworkError).timedOut).toBe(true);
    expect(em.state.faults.list()[0]?.seen).toBe(2);
  });

  it("a fault in the middle of pagination loses and duplicates nothing", async () => {
    em.state.addFault({ kind: "server_error", every: 3, count: 1, path: `schools/${OAKFIELD_ID}/students` });
    const at = mark();
    const students = await collectAll(client({ perPage: { students: 50 } }).students(OAKFIELD_ID));
    expect(students.length).toBe(em.state.counts(OAKFIELD_ID).students);
    expect(new Set(students.map((s) => s.id)).size).toBe(students.length);
    const pages = logged(at, `/schools/${OAKFIELD_ID}/students/`).map((r) => `${new URLSearchParams(r.query).get("page") ?? "1"}:${r.status}`);
    expect(pages).toEqual(["1:200", "2:200", "3:500", "3:200", "4:200", "5:200"]);
  });
});

describe("per-school concurrency limit", () => {
  /** fetch wrapper that tracks how many requests are open at once. */
  function countingFetch() {
    const stats = { inFlight: 0, peak: 0 };
    const wrapped = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      stats.inFlight++;
      stats.peak = Math.max(stats.peak, stats.inFlight);
      try {
        const res = await fetch(input, init);
        const body = await res.arrayBuffer();
        return new Response(body, { status: res.status, headers: res.headers });
      } finally {
        stats.inFlight--;
      }
    }) as typeof fetch;
    return { fetch: wrapped, stats };
  }

  it("slow responses and many parallel requests never exceed the limit", async () => {
    const ids = (await collectAll(client().students(OAKFIELD_ID, { perPage: 20 }))).slice(0, 16).map((s) => s.id);
    em.state.addFault({ kind: "delay", delayMs: 60, path: `schools/${OAKFIELD_ID}/students/A` });

    for (const limit of [3, 6]) {
      const { fetch: f, stats } = countingFetch();
      const c = client({ fetch: f, maxConcurrency: limit });
      const students = await Promise.all(ids.map((id) => c.student(OAKFIELD_ID, id)));
      expect(students.map((s) => s.id)).toEqual(ids);
      expect(stats.peak, `limit ${limit}`).toBe(limit); // reached, never exceeded
    }
  });

  it("the limit is per school: another school is not held up", async () => {
    em.state.addFault({ kind: "delay", delayMs: 60, path: `schools/${OAKFIELD_ID}/students/` });
    const { fetch: f, stats } = countingFetch();
    const c = client({ fetch: f, maxConcurrency: 2 });
    await Promise.all([
      ...Array.from({ length: 4 }, () => collectAll(c.students(OAKFIELD_ID, { perPage: 50 }))).map((p) => p.then(() => undefined)),
      collectAll(c.subjects(KINGSWAY)).then(() => undefined),
      collectAll(c.subjects(HARBOUR_VIEW)).then(() => undefined),
    ]);
    // 2 for Oakfield (its limit) + 1 each for the other two schools.
    expect(stats.peak).toBe(4);
  });
});
