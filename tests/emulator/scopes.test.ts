import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GREYFRIARS, harness, OAKFIELD, walk, type Harness } from "./helpers";

describe("scopes", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ seed: "scopes" });
  });
  afterAll(() => h.close());

  it("lists every scope with its approval", async () => {
    const body = (await h.api(`meta/schools/${GREYFRIARS}/permissions`)).json();
    const byScope = Object.fromEntries(body.data.map((p: { scope: string; approved: boolean }) => [p.scope, p.approved]));
    expect(byScope["Student UPN read"]).toBe(false);
    expect(byScope["Student date of birth read"]).toBe(false);
    for (const scope of ["Student read", "Employee read", "Contact read", "Class read", "Subject read", "Employee photo read"]) {
      expect(byScope[scope], scope).toBe(true);
    }
  });

  it("sends null for UPN, former UPN and dates of birth a school has not approved", async () => {
    const { records } = await walk(`${h.emulator.url}schools/${GREYFRIARS}/students?per_page=200&include=education_details`);
    expect(records.length).toBeGreaterThan(50);
    for (const s of records) {
      expect(s.date_of_birth).toBeNull();
      expect(s.education_details.data.upn).toBeNull();
      expect(s.education_details.data.former_upn).toBeNull();
      expect(s.education_details.data.admission_number).not.toBeNull(); // other fields still there
    }
    const staff = (await h.api(`schools/${GREYFRIARS}/employees?per_page=5`)).json().data;
    for (const e of staff) expect(e).toHaveProperty("date_of_birth", null);
  });

  it("changes with setScopes: withdrawn properties become null, withdrawn objects 403", async () => {
    const url = `schools/${OAKFIELD}/students?per_page=200&include=education_details,contacts`;
    const before = (await h.api(url)).json().data;
    expect(before.filter((s: { education_details: { data: { upn: string | null } } }) => s.education_details.data.upn !== null).length).toBeGreaterThan(150);

    h.emulator.state.setScopes(OAKFIELD, { "Student UPN read": false, "Contact parental responsibility read": false });
    const after = (await h.api(url)).json().data;
    expect(after.every((s: { education_details: { data: { upn: null } } }) => s.education_details.data.upn === null)).toBe(true);
    const link = after[0].contacts.data[0].relationship;
    expect(link.parental_responsibility).toBeNull();
    expect(link.relationship).not.toBeNull();

    const admin = await h.admin("PUT", "scopes", { schoolId: OAKFIELD, scopes: { "Student read": false } });
    expect(admin.status).toBe(200);
    const refused = await h.api(`schools/${OAKFIELD}/students`);
    expect(refused.status).toBe(403);
    expect(refused.json().error).toBe("scope_not_approved");
    const permissions = (await h.api(`meta/schools/${OAKFIELD}/permissions`)).json().data;
    expect(permissions.find((p: { scope: string }) => p.scope === "Student read").approved).toBe(false);

    h.emulator.state.setScopes(OAKFIELD, { "Student read": true, "Student UPN read": true, "Contact parental responsibility read": true });
    expect((await h.api(url)).json().data[0].education_details.data.upn).toBe(before[0].education_details.data.upn);
  });
});
