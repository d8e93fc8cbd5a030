import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCHOOLS, MIS_NAMES } from "@/emulator/server";
import { db } from "@/server/db";
import { misCapabilities } from "@/server/wonde";
import { connectedSchool, emulatorClient, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

// One emulated school per MIS in the support matrix.
const perMis = MIS_NAMES.map((mis) => DEFAULT_SCHOOLS.find((s) => s.mis === mis && s.pupils <= 200)!);

describe("full sync of each MIS", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "each-mis" });
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("covers every supported MIS", () => {
    expect(perMis.map((s) => s.mis).sort()).toEqual([...MIS_NAMES].sort());
  });

  it.each(perMis.map((s) => [s.mis, s] as const))("%s: the people, classes and fields the MIS provides, and only those", async (mis, spec) => {
    const school = await connectedSchool(db, spec.id);
    const summary = await runSync(db, emulator, school.id);
    expect(summary.error).toBeNull();
    const expected = emulator.state.counts(spec.id);
    const active = { schoolId: school.id, archivedAt: null };
    expect(await db.person.count({ where: { ...active, kind: "PUPIL" } })).toBe(expected.students);
    expect(await db.person.count({ where: { ...active, kind: "STAFF" } })).toBe(expected.currentEmployees);
    expect(await db.class.count({ where: active })).toBe(expected.classes);
    expect(await db.subject.count({ where: active })).toBe(expected.subjects);

    const caps = misCapabilities(mis);
    const staff = await db.person.findMany({ where: { ...active, kind: "STAFF" } });
    expect(staff.some((p) => p.jobTitle !== null)).toBe(caps.roles);
    expect(staff.some((p) => p.lineManagerId !== null)).toBe(caps.reportsTo);
    expect((await db.classStaff.count({ where: { class: { schoolId: school.id } } })) > 0).toBe(caps.classStaffLinks);
    expect((await db.subjectStaff.count({ where: { subject: { schoolId: school.id } } })) > 0).toBe(caps.subjectStaffLinks);

    // Spot check one staff member's fields against what Wonde sends.
    const client = emulatorClient(emulator);
    const first = (await client.employees(spec.id, { include: ["employment_details", "contact_details"], perPage: 10 }).next()).value!.data.find((e) => e.employment_details?.current)!;
    const ours = await db.externalId.findFirstOrThrow({ where: { schoolId: school.id, externalId: first.id }, include: { person: true } });
    expect(ours.person).toMatchObject({
      forename: first.forename,
      surname: first.surname,
      email: first.contact_details?.emails?.work?.toLowerCase() ?? first.contact_details?.emails?.email?.toLowerCase() ?? null,
      staffCode: first.employment_details?.staff_code ?? null,
      teaching: first.employment_details?.teaching_staff ?? null,
    });
  });
});
