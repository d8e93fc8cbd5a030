/**
 * server/people: what the staff, pupil, class and subject lists and the staff detail return,
 * row by row, against rows written directly (written for the mutants that survived; see
 * tests/MUTANTS.md). Exact rows, so a dropped or widened select, filter or sort is noticed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { listClasses, listPupils, listStaff, listSubjects, maskUpn, peopleWhere, searchPeople, sortYears } from "@/server/people/list";
import { getStaffMember } from "@/server/people/staff-detail";
import { staffPhotoResponse } from "@/server/people/photos";
import { createSchool, createUser } from "../helpers/fixtures";

afterAll(() => db.$disconnect());

const ARCHIVED = new Date("2026-01-05T00:00:00Z");
let schoolId: string;
let otherSchoolId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  schoolId = (await createSchool(db)).id;
  otherSchoolId = (await createSchool(db)).id;
  await db.school.update({ where: { id: schoolId }, data: { mis: "Bromcom" } });
  const staff = (key: string, data: { forename: string; surname: string; initials?: string; email?: string; jobTitle?: string; lastSyncedAt?: Date; archivedAt?: Date }) =>
    db.person.create({ data: { schoolId, kind: "STAFF", ...data } }).then((p) => (ids[key] = p.id));
  await staff("head", { forename: "Ada", surname: "Zephyr", initials: "AZ", email: "head@oak.example", jobTitle: "Headteacher", lastSyncedAt: new Date("2026-01-02T00:00:00Z") });
  await staff("bursar", { forename: "Bob", surname: "Young", initials: "BY", email: "bursar@oak.example", jobTitle: "Bursar", lastSyncedAt: new Date("2026-01-03T00:00:00Z") });
  await staff("teacher", { forename: "Cara", surname: "Young", initials: "CY", email: "cara@oak.example", jobTitle: "Teacher" });
  await staff("gone", { forename: "Dan", surname: "Xu", initials: "DX", email: "dan@oak.example", jobTitle: "Teacher", archivedAt: ARCHIVED });
  await db.person.update({ where: { id: ids.bursar }, data: { lineManagerId: ids.head } });
  await db.person.update({ where: { id: ids.teacher }, data: { lineManagerId: ids.head } });
  await db.person.update({ where: { id: ids.gone }, data: { lineManagerId: ids.head } });
  await db.person.create({ data: { schoolId: otherSchoolId, kind: "STAFF", forename: "Ada", surname: "Zephyr", initials: "AZ" } });

  const pupil = (key: string, data: { forename: string; surname: string; ncYear?: string; upn?: string; archivedAt?: Date }) =>
    db.person.create({ data: { schoolId, kind: "PUPIL", ...data } }).then((p) => (ids[key] = p.id));
  // Written out of order, so a list that forgets to sort is noticed; p3's forename sorts first,
  // so a list sorted by forename alone is noticed too.
  await pupil("p3", { forename: "Abe", surname: "Brown", ncYear: "10" });
  await pupil("p2", { forename: "Finn", surname: "Adams", ncYear: "R", upn: "XY" });
  await pupil("p1", { forename: "Eve", surname: "Adams", ncYear: "3", upn: "A123456789012" });
  await pupil("p4", { forename: "Hal", surname: "Cole", ncYear: "N", archivedAt: ARCHIVED });
  await pupil("p5", { forename: "Ida", surname: "Cole", ncYear: "11", archivedAt: ARCHIVED });
  await db.person.create({ data: { schoolId: otherSchoolId, kind: "PUPIL", forename: "Eve", surname: "Adams", ncYear: "7" } });

  const music = await db.subject.create({ data: { schoolId, name: "Music" } });
  const maths = await db.subject.create({ data: { schoolId, name: "Maths", code: "MA" } });
  await db.subject.create({ data: { schoolId, name: "Old Latin", archivedAt: ARCHIVED } });
  await db.subject.create({ data: { schoolId: otherSchoolId, name: "Maths" } });
  ids.maths = maths.id;
  ids.music = music.id;
  await db.subjectStaff.createMany({ data: [{ subjectId: maths.id, personId: ids.teacher! }, { subjectId: maths.id, personId: ids.gone! }] });
  const c1 = await db.class.create({ data: { schoolId, name: "3M", code: "3M1", description: "Year 3 maths", subjectId: maths.id } });
  const c2 = await db.class.create({ data: { schoolId, name: "10A" } });
  await db.class.create({ data: { schoolId, name: "9Z", subjectId: maths.id, archivedAt: ARCHIVED } });
  await db.class.create({ data: { schoolId: otherSchoolId, name: "3M" } });
  ids.c1 = c1.id;
  ids.c2 = c2.id;
  await db.classStaff.createMany({ data: [{ classId: c1.id, personId: ids.teacher!, isMainTeacher: true }, { classId: c1.id, personId: ids.gone! }] });
  const oldClass = await db.class.findFirstOrThrow({ where: { schoolId, name: "9Z" } });
  const oldSubject = await db.subject.findFirstOrThrow({ where: { schoolId, name: "Old Latin" } });
  await db.classStaff.create({ data: { classId: oldClass.id, personId: ids.teacher! } });
  await db.subjectStaff.create({ data: { subjectId: oldSubject.id, personId: ids.teacher! } });
  await db.classPupil.createMany({ data: [{ classId: c1.id, personId: ids.p1! }, { classId: c1.id, personId: ids.p2! }, { classId: c1.id, personId: ids.p4! }] });
});

const page = { page: 1, pageSize: 50 };
const staffIds = async (input: Partial<Parameters<typeof listStaff>[2]>) =>
  (await listStaff(db, schoolId, { ...page, sort: "name", direction: "asc", status: "current", ...input })).rows.map((r) => r.id);

describe("listStaff", () => {
  it("returns the school's current staff with exactly the columns the list shows", async () => {
    const { rows, total } = await listStaff(db, schoolId, { ...page, sort: "name", direction: "asc", status: "current" });
    expect(total).toBe(3);
    expect(rows.find((r) => r.id === ids.bursar)).toEqual({
      id: ids.bursar,
      title: null,
      forename: "Bob",
      surname: "Young",
      initials: "BY",
      jobTitle: "Bursar",
      email: "bursar@oak.example",
      teaching: null,
      lastSyncedAt: new Date("2026-01-03T00:00:00Z"),
      archivedAt: null,
      lineManager: { id: ids.head, forename: "Ada", surname: "Zephyr", initials: "AZ" },
      user: null,
      photo: null,
    });
  });

  it("sorts by name both ways, surname then forename", async () => {
    expect(await staffIds({})).toEqual([ids.bursar, ids.teacher, ids.head]);
    expect(await staffIds({ direction: "desc" })).toEqual([ids.head, ids.teacher, ids.bursar]);
  });

  it("sorts by another column with empty values last, then by surname", async () => {
    expect(await staffIds({ sort: "lastSyncedAt" })).toEqual([ids.head, ids.bursar, ids.teacher]);
    expect(await staffIds({ sort: "lastSyncedAt", direction: "desc" })).toEqual([ids.bursar, ids.head, ids.teacher]);
    expect(await staffIds({ sort: "jobTitle" })).toEqual([ids.bursar, ids.head, ids.teacher]);
  });

  it("shows archived staff only when asked, and all of them on request", async () => {
    expect(await staffIds({ status: "archived" })).toEqual([ids.gone]);
    expect(await staffIds({ status: "all" })).toEqual([ids.gone, ids.bursar, ids.teacher, ids.head]);
  });

  it("breaks ties in another column by surname", async () => {
    // Two teachers: Xu (archived) and Young.
    expect(await staffIds({ sort: "jobTitle", status: "all" })).toEqual([ids.bursar, ids.head, ids.gone, ids.teacher]);
  });

  it("pages through the list and counts every match", async () => {
    const second = await listStaff(db, schoolId, { page: 2, pageSize: 2, sort: "name", direction: "asc", status: "current" });
    expect(second.rows.map((r) => r.id)).toEqual([ids.head]);
    expect(second.total).toBe(3);
  });

  it("searches every word in names, initials and email, ignoring case and spaces", async () => {
    expect(await staffIds({ search: "  young  " })).toEqual([ids.bursar, ids.teacher]);
    expect(await staffIds({ search: "YOUNG cara" })).toEqual([ids.teacher]);
    expect(await staffIds({ search: "az" })).toEqual([ids.head]);
    expect(await staffIds({ search: "a" })).toEqual([ids.bursar, ids.teacher, ids.head]);
    expect(await staffIds({ search: "BURSAR@OAK" })).toEqual([ids.bursar]);
    expect(await staffIds({ search: "" })).toHaveLength(3);
  });

  it("turns a search into one condition per word, each on name, initials or email", () => {
    expect(searchPeople("  Ann  Lee ")).toEqual({
      AND: ["Ann", "Lee"].map((word) => ({
        OR: [
          { surname: { contains: word, mode: "insensitive" } },
          { forename: { contains: word, mode: "insensitive" } },
          { initials: { equals: word, mode: "insensitive" } },
          { email: { contains: word, mode: "insensitive" } },
        ],
      })),
    });
    expect(searchPeople(undefined)).toEqual({ AND: [] });
    expect(searchPeople("   ")).toEqual({ AND: [] });
  });
});

describe("peopleWhere", () => {
  it("counts the people of the schools and kinds a trust-wide figure asks for, and no others", async () => {
    const count = (schools: readonly string[], kinds: readonly ("STAFF" | "PUPIL")[], status: "current" | "all") =>
      db.person.count({ where: peopleWhere(schools, kinds, { status }) });
    expect(await count([schoolId], ["STAFF"], "all")).toBe(4);
    expect(await count([otherSchoolId], ["PUPIL"], "all")).toBe(1);
    // Both schools, both kinds, on roll or in post: 3 + 3 here, 1 + 1 there.
    expect(await count([schoolId, otherSchoolId], ["STAFF", "PUPIL"], "current")).toBe(8);
  });
});

describe("listPupils", () => {
  const list = (input: Partial<Parameters<typeof listPupils>[2]>, showUpn = true) => listPupils(db, schoolId, { ...page, status: "current", ...input }, showUpn);

  it("returns current pupils by surname then forename with exactly the columns the list shows", async () => {
    const { rows, total, years } = await list({});
    expect(total).toBe(3);
    expect(rows.map((r) => r.id)).toEqual([ids.p1, ids.p2, ids.p3]);
    expect(rows[0]).toEqual({
      id: ids.p1,
      forename: "Eve",
      surname: "Adams",
      initials: null,
      ncYear: "3",
      upn: "A123456789012",
      admissionNumber: null,
      dateOfBirth: null,
      archivedAt: null,
      leavingDate: null,
    });
    expect(rows[2]!.upn).toBeNull();
    // Years of current pupils only, Reception first.
    expect(years).toEqual(["R", "3", "10"]);
  });

  it("masks UPNs unless the caller may see them", async () => {
    const { rows } = await list({}, false);
    expect(rows.map((r) => r.upn)).toEqual(["••••••••••012", "XY", null]);
  });

  it("filters by year, status and search", async () => {
    expect((await list({ year: "10" })).rows.map((r) => r.id)).toEqual([ids.p3]);
    expect((await list({ status: "archived" })).rows.map((r) => r.id)).toEqual([ids.p4, ids.p5]);
    expect((await list({ status: "all" })).total).toBe(5);
    expect((await list({ search: "adams finn" })).rows.map((r) => r.id)).toEqual([ids.p2]);
    expect((await list({ page: 2, pageSize: 2 })).rows.map((r) => r.id)).toEqual([ids.p3]);
  });

  it("masks all but the last three characters", () => {
    expect(maskUpn("A123456789012")).toBe("••••••••••012");
    expect(maskUpn("ABCD")).toBe("•BCD");
    expect(maskUpn("ABC")).toBe("ABC");
    expect(maskUpn("AB")).toBe("AB");
  });

  it("orders years Nursery, Reception, then by number, unknown ones last, without repeats", () => {
    expect(sortYears(["10R", "10", "Reception", "2", "nursery", "X", "r", "N1", "2", "1"])).toEqual(["N1", "nursery", "r", "Reception", "1", "2", "10", "10R", "X"]);
  });
});

describe("listClasses and listSubjects", () => {
  it("lists current classes with their current staff and pupil counts", async () => {
    const { rows, total } = await listClasses(db, schoolId, page);
    expect(total).toBe(2);
    expect(rows).toEqual([
      { id: ids.c2, name: "10A", code: null, description: null, subject: null, staff: [], _count: { pupils: 0 } },
      {
        id: ids.c1,
        name: "3M",
        code: "3M1",
        description: "Year 3 maths",
        subject: { id: ids.maths, name: "Maths" },
        staff: [{ isMainTeacher: true, person: { id: ids.teacher, forename: "Cara", surname: "Young", initials: "CY" } }],
        _count: { pupils: 2 },
      },
    ]);
  });

  it("searches classes by name, ignoring case and spaces, and pages them", async () => {
    expect((await listClasses(db, schoolId, { ...page, search: " 3m " })).rows.map((r) => r.id)).toEqual([ids.c1]);
    expect((await listClasses(db, schoolId, { page: 2, pageSize: 1 })).rows.map((r) => r.id)).toEqual([ids.c1]);
  });

  it("lists current subjects with their current staff and current classes", async () => {
    const { rows, total } = await listSubjects(db, schoolId, page);
    expect(total).toBe(2);
    expect(rows).toEqual([
      { id: ids.maths, name: "Maths", code: "MA", description: null, staff: [{ person: { id: ids.teacher, forename: "Cara", surname: "Young", initials: "CY" } }], _count: { classes: 1 } },
      { id: ids.music, name: "Music", code: null, description: null, staff: [], _count: { classes: 0 } },
    ]);
    expect((await listSubjects(db, schoolId, { ...page, search: "MUS" })).rows.map((r) => r.id)).toEqual([ids.music]);
    expect((await listSubjects(db, schoolId, { page: 2, pageSize: 1 })).rows.map((r) => r.id)).toEqual([ids.music]);
  });
});

describe("getStaffMember", () => {
  it("returns the staff member with current reports, classes and subjects, and what the MIS cannot share", async () => {
    const head = await getStaffMember(db, schoolId, ids.head!);
    expect(head.reports).toEqual([
      { id: ids.bursar, forename: "Bob", surname: "Young", initials: "BY", jobTitle: "Bursar" },
      { id: ids.teacher, forename: "Cara", surname: "Young", initials: "CY", jobTitle: "Teacher" },
    ]);
    expect(head.mis).toBe("Bromcom");
    expect(head.capabilities).toMatchObject({ mis: "Bromcom", known: true, roles: true, reportsTo: false });
    expect(head.misGaps).toHaveLength(3);
    expect(head.misGaps[0]).toMatch(/^Bromcom does not share /);
    expect(head.account).toBeNull();
    expect(head).not.toHaveProperty("user");
    expect(head).not.toHaveProperty("school");

    const teacher = await getStaffMember(db, schoolId, ids.teacher!);
    expect(teacher.lineManager).toEqual({ id: ids.head, forename: "Ada", surname: "Zephyr", initials: "AZ" });
    expect(teacher.classesTaught).toEqual([{ isMainTeacher: true, class: { id: ids.c1, name: "3M", code: "3M1", subject: { name: "Maths" }, _count: { pupils: 2 } } }]);
    expect(teacher.subjectsTaught).toEqual([{ subject: { id: ids.maths, name: "Maths", code: "MA" } }]);
    expect(teacher.photo).toBeNull();
  });

  it("describes the staff member's account: disabled, password, providers", async () => {
    const user = await createUser(db, { schoolId, password: "a long enough password 1" });
    await db.user.update({ where: { id: user.id }, data: { personId: ids.bursar, disabledAt: ARCHIVED } });
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: `bursar-${user.id}` } });
    const bursar = await getStaffMember(db, schoolId, ids.bursar!);
    expect(bursar.account).toEqual({ id: user.id, email: user.email, disabled: true, hasPassword: true, providers: ["microsoft-entra-id"] });

    const plain = await createUser(db, { schoolId });
    await db.user.update({ where: { id: plain.id }, data: { personId: ids.teacher } });
    expect((await getStaffMember(db, schoolId, ids.teacher!)).account).toEqual({ id: plain.id, email: plain.email, disabled: false, hasPassword: false, providers: [] });
  });

  it("refuses a pupil, another school's staff member and an unknown id alike", async () => {
    const otherStaff = await db.person.findFirstOrThrow({ where: { schoolId: otherSchoolId, kind: "STAFF" } });
    for (const id of [ids.p1!, otherStaff.id, "no-such-id"]) {
      await expect(getStaffMember(db, schoolId, id)).rejects.toMatchObject({ code: "NOT_FOUND", message: "No such staff member at this school." });
    }
  });
});

describe("staffPhotoResponse", () => {
  it("answers 404 with a short cache, and marks photos nosniff", async () => {
    const user = await createUser(db, { schoolId });
    const missing = await staffPhotoResponse(db, user.id, ids.head!, new Request(`http://app.test/api/photos/${ids.head}`));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("private, max-age=300");
    expect(await missing.text()).toBe("No photo.");
    const unsigned = await staffPhotoResponse(db, null, ids.head!, new Request(`http://app.test/api/photos/${ids.head}`));
    expect(await unsigned.text()).toBe("Please sign in.");

    await db.school.update({ where: { id: schoolId }, data: { importPhotos: true } });
    await db.personPhoto.create({ data: { personId: ids.head!, schoolId, contentType: "image/png", bytes: new Uint8Array([1, 2, 3]), hash: "h1" } });
    const ok = await staffPhotoResponse(db, user.id, ids.head!, new Request(`http://app.test/api/photos/${ids.head}?v=old`));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"h1"');
    expect(ok.headers.get("x-content-type-options")).toBe("nosniff");
    expect(ok.headers.get("cache-control")).toBe("private, max-age=300, must-revalidate");
    const notModified = await staffPhotoResponse(db, user.id, ids.head!, new Request(`http://app.test/api/photos/${ids.head}`, { headers: { "if-none-match": '"h1"' } }));
    expect(notModified.headers.get("etag")).toBe('"h1"');
    expect(notModified.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await notModified.text()).toBe("");
  });

  it("shows a listed or detailed staff member's account and photo by the fields the pages use", async () => {
    const rows = (await listStaff(db, schoolId, { ...page, sort: "name", direction: "asc", status: "current" })).rows;
    const account = await db.user.findUniqueOrThrow({ where: { personId: ids.bursar } });
    expect(rows.find((r) => r.id === ids.bursar)!.user).toEqual({ id: account.id, disabledAt: account.disabledAt });
    expect(rows.find((r) => r.id === ids.head)!.photo).toEqual({ hash: "h1" });
    expect((await getStaffMember(db, schoolId, ids.head!)).photo).toEqual({ hash: "h1" });
  });
});

describe("people with the same name", () => {
  let tieSchoolId: string;
  beforeAll(async () => {
    tieSchoolId = (await createSchool(db)).id;
  });
  const byId = (rows: { id: string }[]) => rows.map((r) => r.id);

  it("are listed in a fixed order, so pages never repeat or skip anyone", async () => {
    // Written in descending id order, so only the id tie-break lists them ascending.
    for (const i of [3, 2, 1]) {
      const id = (kind: string) => `${tieSchoolId}-${kind}-${i}`;
      await db.person.create({ data: { id: id("staff"), schoolId: tieSchoolId, kind: "STAFF", forename: "Sam", surname: "Same", jobTitle: "Teacher" } });
      await db.person.create({ data: { id: id("pupil"), schoolId: tieSchoolId, kind: "PUPIL", forename: "Pat", surname: "Same" } });
      await db.class.create({ data: { id: id("class"), schoolId: tieSchoolId, name: "Same class" } });
      await db.subject.create({ data: { id: id("subject"), schoolId: tieSchoolId, name: "Same subject" } });
    }
    const inIdOrder = async (kind: "STAFF" | "PUPIL") => byId(await db.person.findMany({ where: { schoolId: tieSchoolId, kind }, orderBy: { id: "asc" } }));
    const staff = await inIdOrder("STAFF");
    for (const sort of ["name", "jobTitle"] as const)
      expect(byId((await listStaff(db, tieSchoolId, { ...page, sort, direction: "asc", status: "current" })).rows)).toEqual(staff);
    expect(byId((await listPupils(db, tieSchoolId, { ...page, status: "current" }, true)).rows)).toEqual(await inIdOrder("PUPIL"));
    expect(byId((await listClasses(db, tieSchoolId, page)).rows)).toEqual(byId(await db.class.findMany({ where: { schoolId: tieSchoolId }, orderBy: { id: "asc" } })));
    expect(byId((await listSubjects(db, tieSchoolId, page)).rows)).toEqual(byId(await db.subject.findMany({ where: { schoolId: tieSchoolId }, orderBy: { id: "asc" } })));
  });

  it("offers the years of current pupils that have one, never a staff member's", async () => {
    await db.person.create({ data: { schoolId: tieSchoolId, kind: "PUPIL", forename: "Yan", surname: "Year", ncYear: "2" } });
    await db.person.create({ data: { schoolId: tieSchoolId, kind: "STAFF", forename: "Odd", surname: "Record", ncYear: "9" } });
    expect((await listPupils(db, tieSchoolId, { ...page, status: "current" }, true)).years).toEqual(["2"]);
  });

  it("lists a manager's reports by surname", async () => {
    const manager = await db.person.create({ data: { schoolId: tieSchoolId, kind: "STAFF", forename: "Meg", surname: "Manager" } });
    for (const surname of ["Zed", "Abe", "Moe"]) await db.person.create({ data: { schoolId: tieSchoolId, kind: "STAFF", forename: "R", surname, lineManagerId: manager.id } });
    expect((await getStaffMember(db, tieSchoolId, manager.id)).reports.map((r) => r.surname)).toEqual(["Abe", "Moe", "Zed"]);
  });
});
