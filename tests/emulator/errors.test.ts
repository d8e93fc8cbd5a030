import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, HILLCREST, OAKFIELD, RIVERSIDE, type Harness } from "./helpers";

describe("authentication and errors", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ seed: "errors" });
  });
  afterAll(() => h.close());

  it("accepts Bearer and Basic (token as user, empty password), with or without a trailing slash", async () => {
    for (const path of [`schools/${OAKFIELD}`, `schools/${OAKFIELD}/`]) {
      expect((await h.api(path)).status).toBe(200);
      expect((await h.api(path, { basic: true })).status).toBe(200);
    }
  });

  it("answers 401 without a token or with an unknown one", async () => {
    for (const token of [null, "nope"]) {
      const res = await h.api("schools", { token });
      expect(res.status).toBe(401);
      expect(res.json()).toMatchObject({ error: "unauthenticated", error_description: expect.any(String) });
    }
  });

  it("answers 403 for a school not approved for the token, pending or revoked", async () => {
    // oakfield-token is approved for Oakfield only.
    expect((await h.api(`schools/${OAKFIELD}/students`, { token: "oakfield-token" })).status).toBe(200);
    const other = await h.api(`schools/${RIVERSIDE}/students`, { token: "oakfield-token" });
    expect(other.status).toBe(403);
    expect(other.json().error).toBe("forbidden");
    const pending = await h.api(`schools/${HILLCREST}/students`);
    expect(pending.status).toBe(403);
    expect((await h.api(`meta/schools/${HILLCREST}`)).json().data).toEqual({ online: true, approved: false, audited: true });
    const schools = (await h.api("schools")).json().data.map((s: { id: string }) => s.id);
    expect(schools).not.toContain(HILLCREST);

    h.emulator.state.setAccess("demo", OAKFIELD, "revoked");
    try {
      const revoked = await h.api(`schools/${OAKFIELD}/employees`);
      expect(revoked.status).toBe(403);
      expect(revoked.json().error_description).toMatch(/revoked/);
    } finally {
      h.emulator.state.setAccess("demo", OAKFIELD, "approved");
    }
  });

  it("lists the token's schools by access status: schools (approved), schools/pending, schools/revoked", async () => {
    const ids = async (path: string, token = "trust-token") => (await h.api(path, { token })).json().data.map((s: { id: string }) => s.id);
    expect(await ids("schools")).toEqual(expect.arrayContaining(["A1612093845", "A1428750396", "A2146938501"]));
    expect(await ids("schools")).not.toContain(HILLCREST);
    expect(await ids("schools/pending/")).toEqual([HILLCREST]);
    expect(await ids("schools/revoked")).toEqual([]);
    const pending = (await h.api("schools/pending", { token: "trust-token" })).json();
    expect(pending.data[0]).toMatchObject({ id: HILLCREST, name: "Hillcrest Primary School", mis: "SIMS" });
    expect(pending.meta.pagination).toMatchObject({ more: false, current_page: 1 });

    h.emulator.state.setAccess("trust-token", "A1428750396", "revoked");
    try {
      expect(await ids("schools/revoked")).toEqual(["A1428750396"]);
      expect(await ids("schools")).not.toContain("A1428750396");
    } finally {
      h.emulator.state.setAccess("trust-token", "A1428750396", "approved");
    }
  });

  it("answers 404 for an unknown school, record or endpoint", async () => {
    expect((await h.api("schools/A1111111111")).status).toBe(404);
    expect((await h.api(`schools/${OAKFIELD}/students/A1111111111`)).status).toBe(404);
    expect((await h.api(`schools/${OAKFIELD}/employees/A1111111111`)).status).toBe(404);
    expect((await h.api(`schools/${OAKFIELD}/timetables`)).json()).toMatchObject({ error: "not_found" });
  });

  it("answers 422 with validation errors for bad parameters", async () => {
    const cases: [string, string][] = [
      ["per_page=0", "per_page"],
      ["per_page=ten", "per_page"],
      ["page=-1", "page"],
      ["updated_after=2024-02-30%2000:00:00", "updated_after"],
      ["updated_after=yesterday", "updated_after"],
      ["updated_before=2024-01-01T00:00:00Z", "updated_before"],
      ["include=education_details,shoe_size", "include"],
      ["include=contacts.pets", "include"],
    ];
    for (const [query, field] of cases) {
      const res = await h.api(`schools/${OAKFIELD}/students?${query}`);
      expect(res.status, query).toBe(422);
      expect(res.json()).toMatchObject({ error: "validation_failed", errors: { [field]: [expect.any(String)] } });
    }
    expect((await h.api(`schools/${OAKFIELD}/students?updated_after=2024-01-01`)).status).toBe(200);
  });

  it("serves single records and validates their includes", async () => {
    const list = (await h.api(`schools/${OAKFIELD}/employees?per_page=1`)).json();
    const id = list.data[0].id;
    const one = (await h.api(`schools/${OAKFIELD}/employees/${id}?include=employment_details`)).json();
    expect(one.data.id).toBe(id);
    expect(one.data.employment_details.data).toHaveProperty("staff_code");
    expect((await h.api(`schools/${OAKFIELD}/employees/${id}?include=year`)).status).toBe(422);
  });
});
