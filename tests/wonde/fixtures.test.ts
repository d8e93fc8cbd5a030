/**
 * Hand-written responses in Wonde's documented shapes, parsed by the schemas and the
 * client. Covers the odd cases the notes warn about.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  collectAll, createWondeClient, formatWondeDateParam, lineManagerIds, parseWondeDateOnly, parseWondeInstant,
  WondeMalformedResponseError, type Student,
} from "@/server/wonde";
import {
  classSchema, contactSchema, countsSchema, deletionSchema, employeeSchema, pageSchema, permissionsSchema,
  schoolSchema, singleSchema, studentSchema,
} from "@/server/wonde/schemas";
import { readRecords, validateResponse } from "@/server/wonde/validate";
import { fakeFetch, fixture, json } from "./helpers";

const BASE = "https://api.wonde.com/v1.0/";
const SCHOOL = "A1930499544";

function parsePage<T extends z.ZodType>(item: T, body: unknown, pageNumber = 1) {
  return validateResponse(pageSchema(z.array(item)), body, { endpoint: "test", pageNumber });
}

describe("dates", () => {
  const london = (date: string) => ({ date, timezone_type: 3, timezone: "Europe/London" });

  it("reads Europe/London wall time in summer (BST, UTC+1) and winter (GMT)", () => {
    expect(parseWondeInstant(london("2023-07-24 13:05:36.000000")).toISOString()).toBe("2023-07-24T12:05:36.000Z");
    expect(parseWondeInstant(london("2023-01-24 13:05:36.000000")).toISOString()).toBe("2023-01-24T13:05:36.000Z");
  });

  it("switches exactly at the DST boundaries", () => {
    // Last GMT minute before spring-forward, and the first BST one.
    expect(parseWondeInstant(london("2023-03-26 00:59:59")).toISOString()).toBe("2023-03-26T00:59:59.000Z");
    expect(parseWondeInstant(london("2023-03-26 02:00:00")).toISOString()).toBe("2023-03-26T01:00:00.000Z");
    // 01:30 does not exist that night: read as 01:30 GMT = 02:30 BST, as PHP does.
    expect(parseWondeInstant(london("2023-03-26 01:30:00")).toISOString()).toBe("2023-03-26T01:30:00.000Z");
    // 01:30 happens twice on 29 October: the first (BST) one is taken.
    expect(parseWondeInstant(london("2023-10-29 01:30:00")).toISOString()).toBe("2023-10-29T00:30:00.000Z");
    expect(parseWondeInstant(london("2023-10-29 02:30:00")).toISOString()).toBe("2023-10-29T02:30:00.000Z");
  });

  it("handles UTC, abbreviations (type 2), offsets (type 1) and other regions", () => {
    expect(parseWondeInstant({ date: "2023-07-24 13:05:36.000000", timezone_type: 3, timezone: "UTC" }).toISOString())
      .toBe("2023-07-24T13:05:36.000Z");
    expect(parseWondeInstant({ date: "2023-07-24 13:05:36", timezone_type: 2, timezone: "BST" }).toISOString())
      .toBe("2023-07-24T12:05:36.000Z");
    expect(parseWondeInstant({ date: "2023-07-24 13:05:36", timezone_type: 1, timezone: "-05:30" }).toISOString())
      .toBe("2023-07-24T18:35:36.000Z");
    expect(parseWondeInstant({ date: "2023-07-24 13:05:36", timezone_type: 3, timezone: "Australia/Sydney" }).toISOString())
      .toBe("2023-07-24T03:05:36.000Z");
    expect(parseWondeInstant({ date: "2023-01-24 13:05:36", timezone_type: 3, timezone: "Australia/Sydney" }).toISOString())
      .toBe("2023-01-24T02:05:36.000Z");
  });

  it("keeps milliseconds and drops microseconds", () => {
    expect(parseWondeInstant({ date: "2023-07-24 13:05:36.123456", timezone: "UTC" }).toISOString()).toBe("2023-07-24T13:05:36.123Z");
  });

  it("reads date-only fields as the wall date, never shifted by the zone", () => {
    // Midnight BST is 23:00 UTC the day before; a birthday must not move.
    expect(parseWondeDateOnly(london("2012-06-15 00:00:00.000000"))).toBe("2012-06-15");
    expect(parseWondeDateOnly("2012-06-15")).toBe("2012-06-15");
  });

  it("rejects impossible dates and unknown zones", () => {
    expect(() => parseWondeInstant({ date: "2023-02-30 10:00:00", timezone: "UTC" })).toThrow(/impossible/);
    expect(() => parseWondeInstant({ date: "2023-02-10 10:00:00", timezone: "Mars/Olympus" })).toThrow(/time zone/);
    expect(() => parseWondeInstant("yesterday")).toThrow(/unrecognised/);
  });

  it("formats filter dates in UTC as Wonde documents", () => {
    expect(formatWondeDateParam(new Date("2016-06-24T00:00:00Z"))).toBe("2016-06-24 00:00:00");
    expect(formatWondeDateParam(new Date("2023-07-24T13:05:36.999+01:00"))).toBe("2023-07-24 12:05:36");
  });
});

describe("student schema", () => {
  const page = parsePage(studentSchema, fixture("students-page-1.json"));
  const [ruth, tom] = page.data as [Student, Student];

  it("parses records, unwraps includes and strips unknown fields", () => {
    expect(ruth.id).toBe("A2138531762");
    expect(ruth.education_details?.upn).toBe("A123456789012");
    expect(ruth.education_details?.former_upn).toBe("Z123456789012");
    expect(ruth.education_details?.admission_date).toBe("2023-09-05");
    expect(ruth).not.toHaveProperty("some_future_field");
    expect(ruth.education_details).not.toHaveProperty("unexpected");
    expect(page.meta.pagination?.per_page).toBe(2); // sent as the string "2"
  });

  it("converts timestamps to instants even when updated_at precedes created_at", () => {
    expect(ruth.created_at?.toISOString()).toBe("2023-07-24T12:05:36.000Z");
    expect(ruth.updated_at?.toISOString()).toBe("2023-01-24T13:05:36.000Z");
    expect(ruth.updated_at!.getTime()).toBeLessThan(ruth.created_at!.getTime());
    expect(ruth.date_of_birth).toBe("2012-06-15");
  });

  it("keeps unapproved scopes as null", () => {
    expect(tom.gender).toBeNull();
    expect(tom.date_of_birth).toBeNull();
    expect(tom.education_details?.upn).toBeNull();
    expect(tom.mis_id).toBe("9920"); // numeric id normalised to a string
    expect(tom.education_details?.current_nc_year).toBe("R");
  });

  it("normalises contact relationships from nested and {data}-wrapped forms", () => {
    const [mother, father] = ruth.contacts ?? [];
    expect(mother?.relationship).toEqual({
      relationship: "Mother", parental_responsibility: true, priority: 1, lives_with_pupil: true, correspondence: true,
    });
    expect(mother?.contact_details?.emails?.email).toBe("jane@example.org");
    expect(mother?.contact_details?.addresses?.home?.postcode).toBe("CB1 1AA");
    expect(father?.relationship).toEqual({
      relationship: "Father", parental_responsibility: true, priority: 2, lives_with_pupil: false, correspondence: false,
    });
    expect(father?.contact_details).toBeUndefined();
    expect(tom.contacts).toEqual([]);
  });

  it("leaves includes that were not requested undefined", () => {
    const p2 = parsePage(studentSchema, fixture("students-page-2.json"), 2);
    const ada = p2.data[0]!;
    expect(ada.education_details).toBeUndefined();
    expect(ada.contacts).toBeUndefined();
    expect(ada.date_of_birth).toBe("2013-03-26");
    expect(p2.meta.pagination?.next).toBeNull();
  });
});

describe("contact schema", () => {
  it("normalises flat fields, row meta, and no relationship at all", () => {
    const [jane, john, byron] = parsePage(contactSchema, fixture("contacts.json")).data;
    expect(jane?.relationship).toEqual({
      relationship: "Mother", parental_responsibility: true, priority: 1, lives_with_pupil: true, correspondence: true,
    });
    expect(john?.relationship).toEqual({
      relationship: "Father", parental_responsibility: false, priority: 2, lives_with_pupil: false, correspondence: null,
    });
    expect(byron?.relationship).toBeNull();
    expect(jane).not.toHaveProperty("parental_responsibility");
  });
});

describe("employee schema", () => {
  const [mary, bob] = parsePage(employeeSchema, fixture("employees.json")).data;

  it("parses employment details, roles, photo, next of kin", () => {
    expect(mary?.title).toBe("Ms");
    expect(mary?.date_of_birth).toBe("1980-10-26");
    expect(mary?.employment_details).toMatchObject({
      teaching_staff: true, current: true, staff_code: "MGR", employment_start_date: "2016-09-01", employment_end_date: null,
    });
    expect(mary?.roles?.map((r) => r.role)).toEqual(["Head of Maths", "Teacher"]);
    expect(mary?.roles?.[0]?.start_date).toBe("2019-09-01");
    expect(mary?.photo?.content).toBe("iVBORw0KGgo=");
    expect(mary?.next_of_kin?.[0]).toMatchObject({ forename: "Peter", relationship: "Spouse", priority: 1, telephone: "07700 900001" });
    expect(mary?.contact_details?.emails?.work).toBe("m.green@school.example");
  });

  it("reads class row meta and subject as id or included object", () => {
    const [c1, c2] = mary?.classes ?? [];
    expect(c1?.meta).toEqual({ is_main_teacher: true, is_class_teacher: false, role: "Teacher", all_roles: ["Teacher", "Tutor"] });
    expect(c1?.subject_id).toBe("S1");
    expect(c1?.subject).toBeUndefined();
    expect(c2?.meta).toEqual({ is_main_teacher: false, is_class_teacher: false, role: null, all_roles: ["Teacher", "Cover"] });
    expect(c2?.subject_id).toBe("S1");
    expect(c2?.subject?.name).toBe("Maths");
  });

  it("normalises hierarchy to a list, reads line managers, and tolerates null includes", () => {
    expect(mary?.hierarchy?.[0]).toMatchObject({
      id: "A999", surname: "Head", extra_field: 1, meta: { role: "Line Manager", start_date: "2019-09-01", end_date: null },
    });
    expect(lineManagerIds(mary!)).toEqual(["A999", "A997"]);
    expect(lineManagerIds(mary!, "2024-01-01")).toEqual(["A999"]);
    expect(bob?.hierarchy).toHaveLength(1);
    expect(lineManagerIds(bob!)).toEqual(["A1375078684"]);
    expect(lineManagerIds({ hierarchy: undefined })).toEqual([]);
    expect(bob?.employment_details).toBeNull();
    expect(bob?.roles).toEqual([]);
    expect(bob?.classes).toBeUndefined();
  });
});

describe("class, school, deletion, permissions, counts schemas", () => {
  it("classes", () => {
    const page = parsePage(classSchema, fixture("classes.json"));
    const [c1, c2, c3] = page.data;
    expect(c1).toMatchObject({ subject_id: "S1", subject: undefined, meta: null });
    expect(c2?.subject?.code).toBe("MA");
    expect(c2?.employees?.[0]?.meta?.is_main_teacher).toBe(true);
    expect(c3).toMatchObject({ subject_id: null, subject: undefined, code: null });
    expect(page.meta.pagination?.current_page).toBe(1);
  });

  it("school", () => {
    const school = validateResponse(singleSchema(schoolSchema), fixture("school.json"), { endpoint: "schools/A1" }).data;
    expect(school).toMatchObject({
      id: "A1930499544", urn: "100000", establishment_number: "4000", la_code: "873", mis: "Capita SIMS",
      phase_of_education: "SECONDARY", timezone: "Europe/London",
    });
    expect(school.region).toMatchObject({ code: "GB", domain: "api.wonde.com" });
  });

  it("deletions", () => {
    const [d1, d2] = parsePage(deletionSchema, fixture("deletions.json")).data;
    expect(d1).toMatchObject({ type: "student", id: "A2138531999", restored_at: null });
    expect(d1?.deleted_at?.toISOString()).toBe("2024-04-10T00:30:00.000Z");
    expect(d2?.restored_at?.toISOString()).toBe("2024-01-11T12:00:00.000Z");
  });

  it("permissions in list or map form", () => {
    expect(permissionsSchema.parse([{ scope: "Student UPN read", approved: true }, { name: "Employees photo read", approved: "0" }, "students.read"]))
      .toEqual([
        { scope: "Student UPN read", approved: true },
        { scope: "Employees photo read", approved: false },
        { scope: "students.read", approved: true },
      ]);
    expect(permissionsSchema.parse({ "students.upn": true, "employees.photo": { approved: false } })).toEqual([
      { scope: "students.upn", approved: true },
      { scope: "employees.photo", approved: false },
    ]);
  });

  it("counts in nested or flat form", () => {
    expect(countsSchema.parse({ students: { data: { count: 2000 } }, employees: { count: "150" }, contacts: 3100 }))
      .toEqual({ students: 2000, employees: 150, contacts: 3100 });
  });
});

describe("unreadable records and malformed pages", () => {
  const read = <T extends z.ZodType>(schema: T, body: { data: unknown[] }, pageNumber = 3) =>
    readRecords(schema, body.data, { endpoint: "schools/A1/students", pageNumber });

  it("an unreadable record is skipped with endpoint, page, field, value type and record; the rest are read", () => {
    const body = fixture("students-page-1.json") as { data: Array<Record<string, unknown>> };
    (body.data[1]!.education_details as { data: Record<string, unknown> }).data.part_time = "maybe";
    const { records, unreadable } = read(studentSchema, body);
    expect(records.map((r) => r.id)).toEqual([body.data[0]!.id]);
    expect(unreadable).toEqual([
      {
        endpoint: "schools/A1/students", pageNumber: 3, wondeId: "A2138531763", label: expect.any(String),
        field: "education_details.data.part_time", valueType: "text", reason: "can't be read as yes or no",
      },
    ]);
  });

  it("reports the innermost failing field of a union (subject object)", () => {
    const body = fixture("classes.json") as { data: Array<Record<string, unknown>> };
    body.data[1]!.subject = { data: { name: "Maths" } };
    const { unreadable } = read(classSchema, body);
    expect(unreadable).toMatchObject([{ field: "subject.data.id", valueType: "missing", reason: "has no usable Wonde id" }]);
  });

  it("a bad date or a missing id quarantines the record; a page with no data list is an error", () => {
    const bad = fixture("deletions.json") as { data: Array<Record<string, unknown>> };
    bad.data[0]!.deleted_at = { date: "31/03/2024", timezone_type: 3, timezone: "UTC" };
    expect(read(deletionSchema, bad).unreadable).toMatchObject([{ field: "deleted_at", valueType: "object", reason: "can't be read as a date and time" }]);

    const noId = fixture("contacts.json") as { data: Array<Record<string, unknown>> };
    delete noId.data[2]!.id;
    expect(read(contactSchema, noId).unreadable).toMatchObject([{ wondeId: null, field: "id", valueType: "missing" }]);

    expect(() => parsePage(z.unknown(), { data: { oops: true } })).toThrow(WondeMalformedResponseError);
    expect(() => parsePage(z.unknown(), { meta: {} })).toThrow(WondeMalformedResponseError);
  });
});

describe("client over fixtures", () => {
  it("follows pagination to the end, sending auth, trailing slash, includes and per_page", async () => {
    const { fetch, requests } = fakeFetch(
      () => json(fixture("students-page-1.json")),
      () => json(fixture("students-page-2.json")),
    );
    const client = createWondeClient({ baseUrl: BASE, token: "t0k3n", fetch });
    const pages = [];
    for await (const page of client.students(SCHOOL, {
      include: ["education_details", "contacts"], updatedAfter: new Date("2024-01-02T03:04:05Z"),
    })) {
      pages.push(page);
    }
    expect(pages.map((p) => [p.pageNumber, p.data.length, p.hasMore])).toEqual([[1, 2, true], [2, 1, false]]);
    expect(pages[0]?.endpoint).toBe(`schools/${SCHOOL}/students`);

    const first = requests[0]!;
    expect(first.url.pathname).toBe(`/v1.0/schools/${SCHOOL}/students/`);
    expect(first.url.searchParams.get("include")).toBe("education_details,contacts");
    expect(first.url.searchParams.get("per_page")).toBe("200");
    expect(first.url.searchParams.get("updated_after")).toBe("2024-01-02 03:04:05");
    expect(first.headers.get("authorization")).toBe("Bearer t0k3n");
    // Page 2 is fetched from `next`, which already carries include/per_page; our
    // updated_after is put back because this `next` lacks it.
    const second = requests[1]!;
    expect(second.url.searchParams.get("page")).toBe("2");
    expect(second.url.searchParams.get("per_page")).toBe("2");
    expect(second.url.searchParams.get("updated_after")).toBe("2024-01-02 03:04:05");
  });

  it("an unreadable record is quarantined, never the page: the other records and pages are read", async () => {
    const page2 = fixture("students-page-2.json") as { data: Array<Record<string, unknown>> };
    page2.data[0]!.date_of_birth = { date: "not a date" };
    const { fetch } = fakeFetch(() => json(fixture("students-page-1.json")), () => json(page2));
    const client = createWondeClient({ baseUrl: BASE, token: "t", fetch });
    const pages = [];
    for await (const page of client.students(SCHOOL)) pages.push(page);
    expect(pages.map((p) => [p.pageNumber, p.data.length, p.unreadable.length])).toEqual([[1, 2, 0], [2, 0, 1]]);
    expect(pages[1]!.unreadable[0]).toMatchObject({ endpoint: `schools/${SCHOOL}/students`, pageNumber: 2, field: "date_of_birth", valueType: "object" });
  });

  it("a page that is not a Wonde page is an error naming endpoint and page", async () => {
    const { fetch } = fakeFetch(() => json(fixture("students-page-1.json")), () => json({ error: "oops" }));
    const client = createWondeClient({ baseUrl: BASE, token: "t", fetch });
    const seen: number[] = [];
    await expect(async () => {
      for await (const page of client.students(SCHOOL)) seen.push(page.pageNumber);
    }).rejects.toMatchObject({ name: "WondeMalformedResponseError", endpoint: `schools/${SCHOOL}/students`, pageNumber: 2, fieldPath: "data" });
    expect(seen).toEqual([1]);
  });

  it("refuses a next link to another host (the token would go with it) and pagination loops", async () => {
    const evil = fixture("students-page-1.json") as { meta: { pagination: { next: string } } };
    evil.meta.pagination.next = "https://evil.example/v1.0/schools/A1/students/?page=2";
    const client = createWondeClient({ baseUrl: BASE, token: "t", fetch: fakeFetch(() => json(evil)).fetch });
    await expect(collectAll(client.students(SCHOOL))).rejects.toMatchObject({ fieldPath: "meta.pagination.next" });

    const loop = fixture("students-page-1.json") as { meta: { pagination: { next: string } } };
    const { fetch, requests } = fakeFetch(() => json(loop));
    const looping = createWondeClient({ baseUrl: BASE, token: "t", fetch });
    await expect(collectAll(looping.students(SCHOOL))).rejects.toThrow(/loops/);
    expect(requests.length).toBe(2);
  });

  it("single records, school, counts, permissions and deletions use the documented paths", async () => {
    const { fetch, requests } = fakeFetch(
      () => json({ data: (fixture("employees.json") as { data: unknown[] }).data[0] }),
      () => json(fixture("school.json")),
      () => json({ data: { students: { data: { count: 3 } }, employees: { data: { count: 2 } } } }),
      () => json({ data: [{ scope: "Student UPN read", approved: true }, { scope: "Employee photo read", approved: false }] }),
      () => json(fixture("deletions.json")),
    );
    const client = createWondeClient({ baseUrl: "http://localhost:9/v1.0", token: "t", fetch });
    const mary = await client.employee(SCHOOL, "A1375078684", { include: ["roles"] });
    expect(mary.roles).toHaveLength(2);
    expect((await client.school(SCHOOL)).mis).toBe("Capita SIMS");
    expect(await client.counts(SCHOOL)).toEqual({ students: 3, employees: 2 });
    expect(await client.permissions(SCHOOL)).toEqual(["Student UPN read"]);
    const deletions = await collectAll(client.deletions(SCHOOL, { type: "student", updatedAfter: new Date(0) }));
    expect(deletions).toHaveLength(2);

    expect(requests.map((r) => r.url.pathname + r.url.search)).toEqual([
      `/v1.0/schools/${SCHOOL}/employees/A1375078684?include=roles`,
      `/v1.0/schools/${SCHOOL}`,
      `/v1.0/schools/${SCHOOL}/counts/?include=students%2Cemployees%2Ccontacts%2Cclasses%2Csubjects`,
      `/v1.0/meta/schools/${SCHOOL}/permissions/`,
      `/v1.0/schools/${SCHOOL}/deletions/?type=student&updated_after=1970-01-01+00%3A00%3A00&per_page=200`,
    ]);
  });
});
