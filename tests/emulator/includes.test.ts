import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, OAKFIELD, RIVERSIDE, walk, type Harness } from "./helpers";

const DATE = { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000000$/), timezone_type: 3, timezone: "UTC" };

describe("object shapes and includes", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ seed: "shapes" });
  });
  afterAll(() => h.close());

  it("sends a student without includes as Wonde does: no upn at the top, dates as objects", async () => {
    const s = (await h.api(`schools/${OAKFIELD}/students?per_page=1`)).json().data[0];
    expect(Object.keys(s)).toEqual([
      "id", "upi", "mis_id", "initials", "surname", "forename", "middle_names", "legal_surname",
      "legal_forename", "gender", "date_of_birth", "restored_at", "created_at", "updated_at",
    ]);
    expect(s.id).toMatch(/^A\d{10}$/);
    expect(s.upi).toMatch(/^[0-9a-f]{32}$/);
    expect(s.date_of_birth).toEqual(DATE);
    expect(s.created_at).toEqual(DATE);
    expect(s.restored_at).toBeNull();
  });

  it("nests student includes as {data: …}", async () => {
    const include = "education_details,contact_details,contacts,contacts.contact_details,classes,year";
    const s = (await h.api(`schools/${OAKFIELD}/students?per_page=5&include=${include}`)).json().data[0];
    expect(s.education_details.data).toMatchObject({
      admission_number: expect.stringMatching(/^\d{6}$/),
      current_nc_year: expect.stringMatching(/^(R|[1-6])$/),
      admission_date: DATE,
      leaving_date: null,
    });
    expect(s.education_details.data).toHaveProperty("upn");
    expect(s.contact_details.data.addresses.home).toHaveProperty("postcode");
    expect(s.year.data).toMatchObject({ type: "YEAR", code: s.education_details.data.current_nc_year });
    expect(s.classes.data.length).toBeGreaterThan(0);
    expect(typeof s.classes.data[0].subject).toBe("string"); // not included → id
    const contact = s.contacts.data[0];
    expect(contact.relationship).toEqual({
      relationship: expect.any(String),
      parental_responsibility: expect.any(Boolean),
      priority: 1,
      lives_with_pupil: expect.any(Boolean),
      correspondence: expect.any(Boolean),
    });
    expect(contact.contact_details.data.emails).toHaveProperty("primary");
  });

  it("leaves out relations that were not asked for", async () => {
    const s = (await h.api(`schools/${OAKFIELD}/students?per_page=1&include=year`)).json().data[0];
    expect(s).toHaveProperty("year");
    for (const key of ["education_details", "contacts", "classes", "contact_details"]) expect(s).not.toHaveProperty(key);
  });

  it("shares contacts between siblings, with the relationship on each pupil under a contact", async () => {
    const { records } = await walk(`${h.emulator.url}schools/${OAKFIELD}/contacts?per_page=200&include=students`);
    const shared = records.filter((c) => c.students.data.length >= 2);
    expect(shared.length).toBeGreaterThan(3);
    const pupil = shared[0].students.data[0];
    expect(pupil.relationship).toMatchObject({ parental_responsibility: expect.any(Boolean), priority: expect.any(Number) });
    expect(records.some((c) => c.students.data.some((s: { relationship: { parental_responsibility: boolean } }) => !s.relationship.parental_responsibility))).toBe(true);
  });

  it("gives classes their subject as an id, or an object when included, and their staff and pupils", async () => {
    const plain = (await h.api(`schools/${RIVERSIDE}/classes?per_page=1`)).json().data[0];
    expect(plain.subject).toMatch(/^A\d{10}$/);
    const full = (await h.api(`schools/${RIVERSIDE}/classes?per_page=1&include=subject,students,employees`)).json().data[0];
    expect(full.subject.data).toMatchObject({ id: plain.subject, name: expect.any(String), code: expect.any(String), active: true });
    expect(full.students.data.length).toBeGreaterThan(5);
    expect(full.employees.data[0].meta).toMatchObject({ is_main_teacher: true, role: "Teacher" });
  });

  it("gives employees their roles, photo, classes with row meta, line manager and next of kin", async () => {
    const include = "contact_details,employment_details,roles,photo,classes,classes.subject,hierarchy,next_of_kin";
    const { records } = await walk(`${h.emulator.url}schools/${RIVERSIDE}/employees?per_page=200&include=${include}`);
    const teacher = records.find((e) => e.classes.data.length > 0 && e.hierarchy.data.length > 0);
    expect(teacher.title).toMatch(/^(Mr|Mrs|Miss|Ms|Dr|Mx)$/);
    expect(teacher.contact_details.data.emails.work).toMatch(/@riverside-academy\.sch\.uk$/);
    expect(teacher.employment_details.data).toMatchObject({
      teaching_staff: true,
      current: true,
      teacher_number: expect.stringMatching(/^\d{7}$/),
      staff_code: expect.stringMatching(/^[A-Z0-9]{3}$/),
      employment_start_date: DATE,
    });
    expect(teacher.roles.data[0]).toMatchObject({ role: expect.any(String), role_code: expect.any(String), start_date: DATE });
    expect(teacher.photo.data.content).toMatch(/^iVBORw0KGgo/); // a PNG
    expect(teacher.classes.data[0].meta).toEqual({
      is_main_teacher: expect.any(Boolean), is_class_teacher: expect.any(Boolean), role: expect.any(String), all_roles: expect.any(Array),
    });
    expect(teacher.classes.data[0].subject.data).toHaveProperty("name");
    expect(teacher.hierarchy.data[0]).toMatchObject({ id: expect.any(String), meta: { role: "Line Manager" } });
    const roles = new Set(records.flatMap((e) => e.roles.data.map((r: { role: string }) => r.role)));
    for (const role of ["Headteacher", "Head of Maths", "Teaching Assistant", "Business Manager", "Teacher"]) expect(roles).toContain(role);
    expect(records.some((e) => e.next_of_kin.data.length > 0)).toBe(true);
    expect(records.some((e) => e.employment_details.data.current === false)).toBe(true);
    expect(records.some((e) => e.employment_details.data.teaching_staff === false)).toBe(true);
  });

  it("has a primary with Reception to Year 6 and class teachers", async () => {
    const { records } = await walk(`${h.emulator.url}schools/${OAKFIELD}/students?per_page=200&include=year`);
    expect(new Set(records.map((s) => s.year.data.code))).toEqual(new Set(["R", "1", "2", "3", "4", "5", "6"]));
    expect(records.length).toBeGreaterThan(180);
    const staff = (await h.api(`schools/${OAKFIELD}/employees?per_page=200&include=roles`)).json().data;
    expect(staff.filter((e: { roles: { data: { role: string }[] } }) => e.roles.data.some((r) => r.role === "Class Teacher")).length).toBeGreaterThanOrEqual(6);
  });

  it("has a large secondary with Years 7 to 13 and leavers", async () => {
    const counts = h.emulator.state.counts(RIVERSIDE);
    expect(counts.students).toBeGreaterThan(1900);
    expect(counts.leavers).toBeGreaterThan(0);
    const leaver = (await h.api(`schools/${RIVERSIDE}/students-leaver?per_page=1&include=education_details`)).json().data[0];
    expect(leaver.education_details.data.leaving_date).toEqual(DATE);
    const counted = (await h.api(`schools/${RIVERSIDE}/counts?include=students,employees`)).json();
    expect(counted.data).toEqual({ students: { data: { count: counts.students } }, employees: { data: { count: counts.employees } } });
  });
});
