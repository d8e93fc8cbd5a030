import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { harness, OAKFIELD, request, RIVERSIDE, type Harness } from "./helpers";

const PATHS = [
  "schools",
  `schools/${OAKFIELD}`,
  `meta/schools/${OAKFIELD}/permissions`,
  `schools/${OAKFIELD}/students?include=education_details,contact_details,contacts.contact_details,classes,year&per_page=200`,
  `schools/${OAKFIELD}/employees?include=contact_details,employment_details,roles,photo,classes.subject,hierarchy,next_of_kin`,
  `schools/${OAKFIELD}/contacts?include=students,contact_details&page=3`,
  `schools/${OAKFIELD}/classes?include=subject,students,employees`,
  `schools/${OAKFIELD}/subjects`,
  `schools/${OAKFIELD}/students-leaver`,
  `schools/${OAKFIELD}/deletions`,
  `schools/${OAKFIELD}/counts`,
  `schools/${RIVERSIDE}/students?per_page=200&page=7&include=education_details`,
];

/** Every path's body, asked with the same Host so pagination links match. */
async function snapshot(h: Harness): Promise<string[]> {
  const bodies: string[] = [];
  for (const path of PATHS) {
    const res = await request(`${h.emulator.url}${path}`, { host: "emulator.test" });
    expect(res.status, path).toBe(200);
    bodies.push(res.text);
  }
  return bodies;
}

/** The same admin calls, in the same order. */
function churn(h: Harness) {
  h.emulator.state.advanceTime({
    schoolIds: [OAKFIELD],
    students: { edits: 5, starters: 3, leavers: 2 },
    employees: { edits: 2, starters: 1, leavers: 1, contractEnds: 1 },
    contacts: { edits: 4 },
  });
  h.emulator.state.migrateSchool(OAKFIELD, { to: "Arbor", preserveStudentIdsByUpn: true });
}

describe("determinism", () => {
  let a: Harness;
  let b: Harness;
  let c: Harness;
  beforeAll(async () => {
    [a, b, c] = await Promise.all([harness({ seed: "alpha" }), harness({ seed: "alpha" }), harness({ seed: "beta" })]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close(), c.close()]);
  });

  it("gives byte-identical responses for the same seed, including after the same changes", async () => {
    // Touch schools in a different order in each emulator: lazy generation must not care.
    await b.api(`schools/${RIVERSIDE}/counts`);
    const [first, second] = await Promise.all([snapshot(a), snapshot(b)]);
    expect(second).toEqual(first);
    churn(a);
    churn(b);
    const [third, fourth] = await Promise.all([snapshot(a), snapshot(b)]);
    expect(fourth).toEqual(third);
    expect(third).not.toEqual(first);
  });

  it("gives different data for a different seed, and the same again after a reset", async () => {
    b.emulator.state.reset(); // undo the first test's changes
    const [alpha, beta] = await Promise.all([snapshot(b), snapshot(c)]);
    // The school list is configuration, not generated; the people are not.
    expect(beta[0]).toBe(alpha[0]);
    expect(beta[3]).not.toBe(alpha[3]);
    expect(beta[4]).not.toBe(alpha[4]);
    c.emulator.state.reset();
    expect(await snapshot(c)).toEqual(beta);
  });
});
