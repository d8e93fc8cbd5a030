import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { classSchema, employeeSchema, studentSchema, subjectSchema } from "@/server/wonde/schemas";
import { contentHash, INCLUDES, mapClass, mapEmployee, mapStudent, mapSubject, schoolFeed, upnSharedBy } from "@/server/sync/map";
import { imageType } from "@/server/sync/photos";

// What the sync makes of Wonde's records, field by field, as Wonde sends them (parsed by the
// client's schemas). Written for the sync-map mutants the sync tests left alive (tests/MUTANTS.md).

const date = (d: string) => ({ date: `${d} 00:00:00.000000`, timezone_type: 3, timezone: "Europe/London" });
const sims = schoolFeed("SIMS", [], false);
/** Bromcom: roles, but no line managers and no class staff links. */
const bromcom = schoolFeed("Bromcom", [], false);
/** ScholarPack: line managers, but no roles. */
const scholarPack = schoolFeed("ScholarPack", [], false);

describe("what a school shares", () => {
  it("reads the MIS's capabilities, the approved scopes however Wonde spells them, and the photo switch", () => {
    const feed = schoolFeed("Capita SIMS", ["Student UPN Read", "employees read"], true);
    expect(feed.capabilities.mis).toBe("SIMS");
    expect(feed.importPhotos).toBe(true);
    expect(upnSharedBy(feed)).toBe(true);
    expect(upnSharedBy(schoolFeed("SIMS", ["student upn"], false))).toBe(true);
    expect(upnSharedBy(schoolFeed("SIMS", ["Students read", "Student UPN history read"], false))).toBe(false);
    expect(upnSharedBy(schoolFeed("SIMS", [], false))).toBe(false);
  });

  it("asks only for the includes the MIS can fill", () => {
    expect(INCLUDES.employees(sims)).toEqual(["employment_details", "contact_details", "roles", "hierarchy"]);
    expect(INCLUDES.employees(bromcom)).toEqual(["employment_details", "contact_details", "roles"]);
    expect(INCLUDES.employees(scholarPack)).toEqual(["employment_details", "contact_details", "hierarchy"]);
    expect(INCLUDES.employees(schoolFeed("RM Integris", [], false))).toEqual(["employment_details", "contact_details"]);
    expect(INCLUDES.classes(sims)).toEqual(["subject", "students", "employees"]);
    expect(INCLUDES.classes(bromcom)).toEqual(["subject", "students"]);
  });
});

describe("mapStudent", () => {
  const full = studentSchema.parse({
    id: "S1",
    mis_id: "1001",
    upi: "upi-1",
    initials: "XQ",
    forename: "Amy",
    surname: "Jones",
    middle_names: "Beth",
    legal_forename: "Amelia",
    legal_surname: "Jones-Smith",
    date_of_birth: date("2014-03-05"),
    contact_details: { data: { emails: { primary: "amy@home.test", email: "other@home.test" } } },
    education_details: {
      data: {
        upn: "A123456789012",
        former_upn: "B123456789012",
        current_nc_year: "5",
        admission_number: "00042",
        admission_date: date("2019-09-04"),
        leaving_date: date("2026-07-20"),
        part_time: true,
      },
    },
  });

  it("maps every field, the UPNs only when the UPN scope is approved", () => {
    const expected = {
      forename: "Amy",
      surname: "Jones",
      middleNames: "Beth",
      legalForename: "Amelia",
      legalSurname: "Jones-Smith",
      initials: "XQ",
      dateOfBirth: "2014-03-05",
      email: "amy@home.test",
      ncYear: "5",
      upn: "A123456789012",
      formerUpn: "B123456789012",
      admissionNumber: "00042",
      admissionDate: "2019-09-04",
      leavingDate: "2026-07-20",
      partTime: true,
    };
    expect(mapStudent(full, true)).toStrictEqual({ externalId: "S1", misId: "1001", upi: "upi-1", fields: expected });
    expect(mapStudent(full, false).fields).toStrictEqual({ ...expected, upn: undefined, formerUpn: undefined });
  });

  it("falls back to the legal name, the other email and initials made from the names", () => {
    const pupil = studentSchema.parse({
      id: "S2",
      forename: null,
      surname: null,
      legal_forename: "zoe",
      legal_surname: "brown",
      middle_names: "anna  maria",
      contact_details: { data: { emails: { primary: null, email: "zoe@home.test" } } },
      education_details: { data: {} },
    });
    expect(mapStudent(pupil, true).fields).toMatchObject({ forename: "zoe", surname: "brown", initials: "ZAMB", email: "zoe@home.test", upn: null, formerUpn: null });
  });

  it("maps a record with nothing but its id to empty fields, never to text of its own", () => {
    const bare = studentSchema.parse({ id: "S3" });
    expect(mapStudent(bare, true)).toStrictEqual({
      externalId: "S3",
      misId: null,
      upi: null,
      fields: {
        forename: "",
        surname: "",
        middleNames: null,
        legalForename: null,
        legalSurname: null,
        initials: "",
        dateOfBirth: null,
        email: null,
        ncYear: null,
        upn: null,
        formerUpn: null,
        admissionNumber: null,
        admissionDate: null,
        leavingDate: null,
        partTime: null,
      },
    });
    // Contact details without emails, and initials from a forename alone.
    const noEmails = studentSchema.parse({ id: "S4", forename: "Li", contact_details: { data: { phones: { primary: "01234" } } } });
    expect(mapStudent(noEmails, false).fields).toMatchObject({ email: null, initials: "L", upn: undefined });
  });
});

describe("mapEmployee", () => {
  const full = employeeSchema.parse({
    id: "E1",
    mis_id: "77",
    upi: "upi-e1",
    title: "Mrs",
    forename: "Jane",
    surname: "Smith",
    middle_names: "Mary",
    legal_forename: "Janet",
    legal_surname: "Smyth",
    initials: "JMS2",
    date_of_birth: date("1980-01-02"),
    contact_details: {
      data: {
        emails: { work: "J.Smith@School.Test", email: "jane@other.test", primary: "jane@primary.test" },
        phones: { work: "0101", mobile: "0707", primary: "0202" },
        addresses: { home: { street: "1 High St", town: "", county: null, postcode: "AB1 2CD" } },
      },
    },
    employment_details: { data: { current: true, teaching_staff: true, staff_code: "JSM", teacher_number: "TN1", role_text: "Teacher of Maths" } },
    roles: {
      data: [
        { role: "Teacher" },
        { role: "Head of Maths" },
        { role: "Teacher" },
        { role: "Former role", end_date: date("2020-08-31") },
        { role: null },
      ],
    },
    hierarchy: { data: [{ id: "M1" }, { id: "M2" }] },
  });

  it("maps every field: current roles once each, the work email in lower case, the first line manager", () => {
    expect(mapEmployee(full, sims)).toStrictEqual({
      externalId: "E1",
      misId: "77",
      upi: "upi-e1",
      current: true,
      lineManagerExternalId: "M1",
      fields: {
        title: "Mrs",
        forename: "Jane",
        surname: "Smith",
        middleNames: "Mary",
        legalForename: "Janet",
        legalSurname: "Smyth",
        initials: "JMS2",
        dateOfBirth: "1980-01-02",
        email: "j.smith@school.test",
        phone: "0101",
        address: { street: "1 High St", postcode: "AB1 2CD" },
        jobTitle: "Teacher, Head of Maths",
        teaching: true,
        staffCode: "JSM",
        teacherNumber: "TN1",
      },
    });
  });

  it("leaves the job title and line manager alone when the MIS does not share them", () => {
    const bromcomView = mapEmployee(full, bromcom);
    expect(bromcomView.lineManagerExternalId).toBeUndefined();
    expect(bromcomView.fields.jobTitle).toBe("Teacher, Head of Maths");
    const scholarPackView = mapEmployee(full, scholarPack);
    expect(scholarPackView.lineManagerExternalId).toBe("M1");
    expect(scholarPackView.fields.jobTitle).toBeUndefined();
  });

  it("falls back to the role text, the other emails and phones, and no line manager", () => {
    const second = employeeSchema.parse({
      id: "E2",
      forename: "sam",
      surname: "o'neill",
      contact_details: { data: { emails: { work: null, email: "Sam@Other.Test", primary: "sam@primary.test" }, phones: { work: null, mobile: "0707", primary: "0202" }, addresses: { home: { street: "", town: null } } } },
      employment_details: { data: { current: false, role_text: "Caretaker" } },
      roles: { data: [{ role: "Old job", end_date: date("2021-07-31") }] },
      hierarchy: { data: [] },
    });
    const mapped = mapEmployee(second, sims);
    expect(mapped.current).toBe(false);
    expect(mapped.lineManagerExternalId).toBeNull();
    expect(mapped.fields).toMatchObject({ initials: "SO", email: "sam@other.test", phone: "0707", address: null, jobTitle: "Caretaker", teaching: null });

    const third = employeeSchema.parse({ id: "E3", forename: "Al", contact_details: { data: { emails: { primary: "AL@Primary.Test" }, phones: { primary: "0202" } } }, roles: { data: [] } });
    expect(mapEmployee(third, sims).fields).toMatchObject({ email: "al@primary.test", phone: "0202", address: null, jobTitle: null });
  });

  it("maps a record with nothing but its id to empty fields; without employment details it is not current", () => {
    const bare = employeeSchema.parse({ id: "E4" });
    expect(mapEmployee(bare, sims)).toStrictEqual({
      externalId: "E4",
      misId: null,
      upi: null,
      current: false,
      lineManagerExternalId: null,
      fields: {
        title: null,
        forename: "",
        surname: "",
        middleNames: null,
        legalForename: null,
        legalSurname: null,
        initials: "",
        dateOfBirth: null,
        email: null,
        phone: null,
        address: null,
        jobTitle: null,
        teaching: null,
        staffCode: null,
        teacherNumber: null,
      },
    });
    // Contact details with neither emails, phones nor addresses; employment details that say nothing of currency.
    const empty = employeeSchema.parse({ id: "E5", contact_details: { data: { salutation: "Dr" } }, employment_details: { data: { staff_code: "X" } } });
    expect(mapEmployee(empty, sims)).toMatchObject({ current: false, fields: { email: null, phone: null, address: null, staffCode: "X" } });
  });
});

describe("mapSubject and mapClass", () => {
  it("names a subject by its name, else its code, else says it is unnamed", () => {
    expect(mapSubject(subjectSchema.parse({ id: "SU1", mis_id: "9", name: "Maths", code: "MA" }))).toStrictEqual({ externalId: "SU1", misId: "9", fields: { name: "Maths", code: "MA", description: null } });
    expect(mapSubject(subjectSchema.parse({ id: "SU2", code: "EN" })).fields.name).toBe("EN");
    expect(mapSubject(subjectSchema.parse({ id: "SU3" })).fields.name).toBe("Unnamed subject");
  });

  it("maps a class with its subject, its main teacher, its other staff and its pupils", () => {
    const cls = classSchema.parse({
      id: "C1",
      mis_id: "500",
      name: "7A/Ma1",
      code: "7AMA",
      description: "Year 7 maths",
      subject: { data: { id: "SU1", name: "Maths" } },
      employees: { data: [{ id: "E1", meta: { is_main_teacher: true } }, { id: "E2", meta: { is_main_teacher: false } }, { id: "E3" }] },
      students: { data: [{ id: "S1" }, { id: "S2" }] },
    });
    expect(mapClass(cls, sims)).toStrictEqual({
      externalId: "C1",
      misId: "500",
      fields: { name: "7A/Ma1", code: "7AMA", description: "Year 7 maths" },
      subjectExternalId: "SU1",
      staff: [
        { externalId: "E1", isMainTeacher: true },
        { externalId: "E2", isMainTeacher: false },
        { externalId: "E3", isMainTeacher: false },
      ],
      pupilExternalIds: ["S1", "S2"],
    });
    // The MIS does not link classes to staff: the sync leaves the links alone.
    expect(mapClass(cls, bromcom).staff).toBeUndefined();
  });

  it("names a class by its code, else says it is unnamed, and reads missing member lists as empty", () => {
    const byCode = mapClass(classSchema.parse({ id: "C2", code: "8B" }), sims);
    expect(byCode).toMatchObject({ fields: { name: "8B", code: "8B", description: null }, subjectExternalId: null, staff: [], pupilExternalIds: [] });
    expect(mapClass(classSchema.parse({ id: "C3" }), sims).fields.name).toBe("Unnamed class");
  });
});

describe("contentHash", () => {
  const sha = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 32);

  it("hashes a canonical text: keys sorted, undefined fields left out, arrays in order", () => {
    const hash = contentHash({ b: 1, a: [1, "x", null, { d: undefined, c: true }], e: undefined, C: "up" });
    expect(hash).toBe(sha('{"C":"up","a":[1,"x",null,{"c":true}],"b":1}'));
    expect(hash).toHaveLength(32);
    expect(contentHash({ z: 1, y: 2, x: 3, w: 4 })).toBe(sha('{"w":4,"x":3,"y":2,"z":1}'));
    expect(contentHash("text")).toBe(sha('"text"'));
    expect(contentHash(7)).toBe(sha("7"));
    expect(contentHash(null)).toBe(sha("null"));
    expect(contentHash(undefined)).toBe(sha("null"));
    expect(contentHash([undefined, 2])).toBe(sha("[null,2]"));
  });

  it("is the same whatever order the fields come in, and differs when a value does", () => {
    expect(contentHash({ forename: "Amy", surname: "Jones" })).toBe(contentHash({ surname: "Jones", forename: "Amy" }));
    expect(contentHash({ forename: "Amy", surname: "Jones" })).not.toBe(contentHash({ forename: "Amy", surname: "Jonas" }));
  });
});

describe("imageType", () => {
  const bytes = (...values: number[]) => Buffer.from(values);
  const ascii = (text: string) => Buffer.from(text, "latin1");

  it("recognises PNG, JPEG, GIF and WebP by their first bytes", () => {
    expect(imageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe("image/png");
    expect(imageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("image/jpeg");
    expect(imageType(ascii("GIF89a...."))).toBe("image/gif");
    expect(imageType(ascii("RIFF\x10\x00\x00\x00WEBPVP8 "))).toBe("image/webp");
  });

  it("refuses bytes that only start like an image", () => {
    expect(imageType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b))).toBeNull();
    expect(imageType(bytes(0x00, 0xd8, 0xff, 0xe0))).toBeNull();
    expect(imageType(bytes(0xff, 0x00, 0xff, 0xe0))).toBeNull();
    expect(imageType(bytes(0xff, 0xd8, 0x00, 0xe0))).toBeNull();
    expect(imageType(bytes(0x00, 0x00, 0xff, 0xe0))).toBeNull();
    expect(imageType(ascii("GIF7"))).toBeNull();
    expect(imageType(ascii("RIFF\x10\x00\x00\x00WAVEfmt "))).toBeNull();
    expect(imageType(ascii("RIFX\x10\x00\x00\x00WEBPVP8 "))).toBeNull();
    expect(imageType(Buffer.alloc(0))).toBeNull();
  });
});
