import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { harness, OAKFIELD, walk, type Harness } from "./helpers";

describe("MIS migration", () => {
  let h: Harness;
  beforeEach(async () => {
    await h?.close();
    h = await harness({ seed: "migration" });
  });
  afterAll(() => h.close());

  async function everything(school = OAKFIELD) {
    const base = `${h.emulator.url}schools/${school}`;
    const [students, employees, contacts, classes] = await Promise.all([
      walk(`${base}/students?per_page=200&include=education_details`),
      walk(`${base}/employees?per_page=200&include=employment_details,roles`),
      walk(`${base}/contacts?per_page=200`),
      walk(`${base}/classes?per_page=200`),
    ]);
    return { students: students.records, employees: employees.records, contacts: contacts.records, classes: classes.records };
  }

  it("can give pupils another pupil's UPN, as a slip in the new MIS would", async () => {
    const report = h.emulator.state.migrateSchool(OAKFIELD, { to: "Arbor", duplicateUpns: 2 });
    expect(report.duplicatedUpns).toHaveLength(2);
    const { students } = await everything();
    const upnOf = new Map(students.map((s) => [s.id, (s as { education_details: { data: { upn: string | null } } }).education_details.data.upn]));
    for (const pair of report.duplicatedUpns) {
      expect(upnOf.get(pair.holderId)).toBe(pair.upn);
      expect(upnOf.get(pair.copierId)).toBe(pair.upn);
    }
  });

  it("changes the MIS and every id, mis_id and upi, and lists the old ids as deletions", async () => {
    const before = await everything();
    h.emulator.state.advanceTime({ seconds: 600 });
    const report = h.emulator.state.migrateSchool(OAKFIELD, { to: "Arbor" });
    expect(report).toMatchObject({ from: "SIMS", to: "Arbor", preservedStudentIds: 0 });
    expect((await h.api(`schools/${OAKFIELD}`)).json().data.mis).toBe("Arbor");
    const after = await everything();
    for (const kind of ["students", "employees", "contacts", "classes"] as const) {
      expect(after[kind]).toHaveLength(before[kind].length);
      const old = new Set(before[kind].flatMap((r) => [r.id, r.mis_id, r.upi].filter(Boolean)));
      for (const r of after[kind]) {
        expect(old.has(r.id), `${kind} id`).toBe(false);
        expect(old.has(r.mis_id), `${kind} mis_id`).toBe(false);
      }
      // Only people carry a UPI: every one of them is new.
      const upis = after[kind].map((r) => r.upi).filter(Boolean);
      expect(upis, `${kind} upi`).toHaveLength(kind === "classes" ? 0 : after[kind].length);
      for (const upi of upis) expect(old.has(upi), `${kind} upi`).toBe(false);
    }
    // The same people, though: UPNs and staff codes survive.
    const upns = (list: { education_details: { data: { upn: string | null } } }[]) => list.map((s) => s.education_details.data.upn).sort();
    expect(upns(after.students)).toEqual(upns(before.students));
    const deletions = (await walk(`${h.emulator.url}schools/${OAKFIELD}/deletions?per_page=200`)).records;
    const deleted = new Set(deletions.map((d) => d.id));
    for (const s of before.students) expect(deleted.has(s.id)).toBe(true);
    for (const e of before.employees) expect(deleted.has(e.id)).toBe(true);
    expect(report.idMap[before.students[0].id]).toBe(after.students[0].id);
  });

  it("keeps pupils' ids by UPN when asked and the UPN scope is approved; staff ids still change", async () => {
    const before = await everything();
    const report = h.emulator.state.migrateSchool(OAKFIELD, { to: "Bromcom", preserveStudentIdsByUpn: true });
    const after = await everything();
    const withUpn = before.students.filter((s) => s.education_details.data.upn !== null);
    const withoutUpn = before.students.filter((s) => s.education_details.data.upn === null);
    expect(withoutUpn.length).toBeGreaterThan(0);
    expect(report.preservedStudentIds).toBe(withUpn.length + h.emulator.state.school(OAKFIELD)!.leavers.filter((s) => s.upn).length);
    const afterIds = new Set(after.students.map((s) => s.id));
    for (const s of withUpn) expect(afterIds.has(s.id)).toBe(true);
    for (const s of withoutUpn) expect(afterIds.has(s.id)).toBe(false);
    const kept = after.students.find((s) => s.id === withUpn[0].id);
    expect(kept.mis_id).not.toBe(withUpn[0].mis_id);
    const staffIds = new Set(after.employees.map((e) => e.id));
    for (const e of before.employees) expect(staffIds.has(e.id)).toBe(false);
    const deleted = (await walk(`${h.emulator.url}schools/${OAKFIELD}/deletions?type=student&per_page=200`)).records;
    expect(deleted).toHaveLength(withoutUpn.length);
    // Bromcom still provides roles (not line managers or class links).
    expect(after.employees.some((e) => e.roles.data.length > 0)).toBe(true);
  });

  it("cannot keep ids by UPN when the school withholds UPNs", async () => {
    h.emulator.state.setScopes(OAKFIELD, { "Student UPN read": false });
    const before = await everything();
    const res = await h.admin("POST", "migrate", { schoolId: OAKFIELD, to: "RM Integris", preserveStudentIdsByUpn: true });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ preservedStudentIds: 0, preserveRefused: true });
    const after = await everything();
    const afterIds = new Set(after.students.map((s) => s.id));
    for (const s of before.students) expect(afterIds.has(s.id)).toBe(false);
    // RM Integris provides no roles.
    expect(after.employees.every((e) => e.roles.data.length === 0)).toBe(true);
    expect((await h.admin("POST", "migrate", { schoolId: OAKFIELD, to: "Nonsense" })).status).toBe(422);
  });
});
