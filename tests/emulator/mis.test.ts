import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIS_CAPABILITIES, MIS_NAMES, type MisName } from "@/emulator/mis";
import { DEFAULT_SCHOOLS } from "@/emulator/schools";
import { harness, type Harness } from "./helpers";

// The "not available from" column of the matrix in shared/notes/wonde-api.md, verbatim.
const NOT_AVAILABLE_FROM: Record<string, MisName[]> = {
  roles: ["RM Integris", "WCBS", "iSAMS", "ScholarPack", "engage"],
  photo: ["RM Integris", "ScholarPack"],
  lineManager: ["Bromcom", "iSAMS", "RM Integris", "WCBS", "engage"],
  classStaff: ["Bromcom", "RM Integris", "iSAMS", "ScholarPack"],
  subjectStaff: ["Bromcom", "RM Integris", "iSAMS", "ScholarPack"],
};

describe("MIS capability table", () => {
  it("matches the support matrix", () => {
    for (const [data, missing] of Object.entries(NOT_AVAILABLE_FROM)) {
      for (const mis of MIS_NAMES) {
        expect(MIS_CAPABILITIES[mis][data as keyof (typeof MIS_CAPABILITIES)[MisName]], `${mis} ${data}`).toBe(!missing.includes(mis));
      }
    }
  });

  it("has a default school for every MIS", () => {
    expect(new Set(DEFAULT_SCHOOLS.map((s) => s.mis))).toEqual(new Set(MIS_NAMES));
  });
});

interface StaffJson {
  roles: { data: unknown[] };
  photo: { data: unknown };
  hierarchy: { data: unknown[] };
  classes: { data: unknown[] };
  employment_details: { data: { current: boolean; role_text: string | null } };
}

describe("each MIS school leaves out what its MIS does not provide", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ seed: "mis" });
    // Plain JSON here: the shapes are checked raw (variance has its own test).
    for (const school of DEFAULT_SCHOOLS.filter((s) => s.variance)) expect((await h.admin("PUT", "variance", { schoolId: school.id, variance: false })).status).toBe(200);
  });
  afterAll(() => h.close());

  const perMis = MIS_NAMES.map((mis) => [mis, DEFAULT_SCHOOLS.find((s) => s.mis === mis && s.pupils <= 150)?.id] as const);

  it.each(perMis)("%s", async (mis, schoolId) => {
    if (!schoolId) throw new Error(`no small school for ${mis}`);
    const caps = MIS_CAPABILITIES[mis];
    const school = (await h.api(`schools/${schoolId}`)).json().data;
    expect(school.mis).toBe(mis);
    const include = "roles,photo,hierarchy,classes,classes.subject,employment_details";
    const staff: StaffJson[] = (await h.api(`schools/${schoolId}/employees?per_page=200&include=${include}`)).json().data;
    const current = staff.filter((e) => e.employment_details.data.current);
    expect(current.some((e) => e.roles.data.length > 0)).toBe(caps.roles);
    expect(current.some((e) => e.employment_details.data.role_text !== null)).toBe(caps.roles);
    expect(current.some((e) => e.photo.data !== null)).toBe(caps.photo);
    expect(current.some((e) => e.hierarchy.data.length > 0)).toBe(caps.lineManager);
    expect(current.some((e) => e.classes.data.length > 0)).toBe(caps.classStaff);
    const classes = (await h.api(`schools/${schoolId}/classes?per_page=200&include=employees,subject`)).json().data;
    expect(classes.some((c: { employees: { data: unknown[] } }) => c.employees.data.length > 0)).toBe(caps.classStaff);
    // Classes keep their subject on the classes endpoint whatever the MIS.
    expect(classes.every((c: { subject: { data: unknown } }) => c.subject.data !== null)).toBe(true);
  });

  it("drops the subject from classes reached through staff when only subject links are missing", async () => {
    const custom = await harness({
      seed: "mis",
      schools: [{ id: "A1000000001", name: "Test School", mis: "SIMS", phase: "PRIMARY", pupils: 40 }],
    });
    try {
      const before = (await custom.api("schools/A1000000001/employees?include=classes.subject")).json().data;
      expect(before.some((e: { classes: { data: { subject: { data: unknown } }[] } }) => e.classes.data.some((c) => c.subject.data !== null))).toBe(true);
      // Migrating to Bromcom removes both staff links.
      custom.emulator.state.migrateSchool("A1000000001", { to: "Bromcom" });
      const after = (await custom.api("schools/A1000000001/employees?include=classes.subject,hierarchy")).json().data;
      expect(after.every((e: { classes: { data: unknown[] }; hierarchy: { data: unknown[] } }) => e.classes.data.length === 0 && e.hierarchy.data.length === 0)).toBe(true);
    } finally {
      await custom.close();
    }
  });
});
