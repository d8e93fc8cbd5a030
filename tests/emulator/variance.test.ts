import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARKSIDE_ID } from "@/emulator/server";
import { harness, OAKFIELD, type Harness } from "./helpers";

type Json = Record<string, unknown>;

describe("variance and mutations", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ seed: "variance" });
  });
  afterAll(() => h.close());

  const students = async (schoolId: string) =>
    (await h.api(`schools/${schoolId}/students?per_page=50&include=education_details,contact_details,classes`)).json().data as Json[];

  it("Parkside serves realistic variants; the same records without variance are plain", async () => {
    expect((await h.admin("GET", `variance?schoolId=${PARKSIDE_ID}`)).json()).toEqual({ schoolId: PARKSIDE_ID, variance: true });
    const varied = await students(PARKSIDE_ID);
    // Booleans and numbers as strings, "" for null (in Wonde's own fields; the new ones are of any type).
    const own = varied.map(({ extended_details: _e, identifiers: _i, ...rest }) => Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith("field_added_"))));
    expect(JSON.stringify(own)).not.toMatch(/":(true|false|null|\d)/);
    const edu = (varied[0]!.education_details as { data: Json }).data;
    expect(["0", "1", "true", "false"]).toContain(edu.part_time);
    expect(edu.local_upn).toBe("");
    expect((varied[0]!.date_of_birth as Json).timezone_type).toBe("3");
    expect(varied[0]!.extended_details).toMatchObject({ data: { sen_status: expect.any(String) } });
    expect(Object.keys(varied[0]!).some((k) => k.startsWith("field_added_"))).toBe(true);

    expect((await h.admin("PUT", `variance?schoolId=${PARKSIDE_ID}&variance=off`)).status).toBe(200);
    const plain = await students(PARKSIDE_ID);
    expect(plain.map((s) => s.id)).toEqual(varied.map((s) => s.id));
    expect(typeof (plain[0]!.education_details as { data: Json }).data.part_time).toBe("boolean");
    expect(plain[0]!.extended_details).toBeUndefined();
    // An include that is empty ({"data": []}) is left out only with variance on.
    const withoutClasses = plain.findIndex((s) => (s.classes as { data: unknown[] }).data.length === 0);
    if (withoutClasses >= 0) expect(varied[withoutClasses]!.classes).toBeUndefined();
    await h.admin("PUT", "variance", { schoolId: PARKSIDE_ID, variance: true });
  });

  it("mutations set a field of every matching record (or only some ids) to another type, or remove it", async () => {
    const [first, second] = await students(OAKFIELD);
    const rules = [
      { path: `${OAKFIELD}/students`, field: "gender", as: "array" },
      { path: `${OAKFIELD}/students`, field: "education_details.data.upn", as: "absent", ids: [first!.id] },
    ];
    expect((await h.admin("PUT", "mutations", { rules })).status).toBe(200);
    const [a, b] = await students(OAKFIELD);
    expect(Array.isArray(a!.gender) && Array.isArray(b!.gender)).toBe(true);
    expect("upn" in (a!.education_details as { data: Json }).data).toBe(false);
    expect((b!.education_details as { data: Json }).data.upn).toBe((second!.education_details as { data: Json }).data.upn);
    expect((await h.admin("PUT", "mutations", { rules: [{ field: "x", as: "date" }] })).status).toBe(422);
    await h.admin("PUT", "mutations", { rules: [] });
    expect((await students(OAKFIELD))[0]).toEqual(first);
  });
});
