import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { decryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { connectSchool } from "@/server/schools/wonde-connection";
import { appRouter } from "@/server/trpc/root";
import { WondeAuthError } from "@/server/wonde";
import { contextFor, createUser } from "../helpers/fixtures";
import { connectedSchool, emulatorClient, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

async function codeOf(call: Promise<unknown>) {
  try {
    await call;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe("synced school data through the API", () => {
  let emulator: RunningEmulator;
  let schoolA: string;
  let schoolB: string;
  let adminA: ReturnType<typeof appRouter.createCaller>;
  let staffA: ReturnType<typeof appRouter.createCaller>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "access" });
    schoolA = (await connectedSchool(db, OAKFIELD_ID)).id;
    schoolB = (await connectedSchool(db, "A1161584171")).id;
    for (const id of [schoolA, schoolB]) expect((await runSync(db, emulator, id)).status).toBe("SUCCEEDED");
    adminA = appRouter.createCaller(contextFor(db, (await createUser(db, { schoolId: schoolA, role: "SCHOOL_ADMIN" })).id));
    staffA = appRouter.createCaller(contextFor(db, (await createUser(db, { schoolId: schoolA, role: "STAFF" })).id));
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("lists a school's own staff, searchable and paginated", async () => {
    const page = await adminA.staff.list({ schoolId: schoolA, pageSize: 10 });
    expect(page.total).toBe(emulator.state.counts(OAKFIELD_ID).currentEmployees);
    expect(page.rows).toHaveLength(10);
    const someone = page.rows[3]!;
    const found = await adminA.staff.list({ schoolId: schoolA, search: someone.surname });
    expect(found.rows.map((r) => r.id)).toContain(someone.id);
    expect(found.rows.every((r) => r.surname.toLowerCase().includes(someone.surname.toLowerCase()) || r.forename.toLowerCase().includes(someone.surname.toLowerCase()) || r.email?.includes(someone.surname.toLowerCase()))).toBe(true);
    const detail = await adminA.staff.get({ schoolId: schoolA, personId: someone.id });
    expect(detail).toMatchObject({ id: someone.id, mis: "SIMS", misGaps: [] });
  });

  it("never shows school B's people to school A's admin, through any procedure", async () => {
    const personB = await db.person.findFirstOrThrow({ where: { schoolId: schoolB, kind: "STAFF" } });
    expect(await codeOf(adminA.staff.get({ schoolId: schoolA, personId: personB.id }))).toBe("NOT_FOUND");
    const calls = [
      () => adminA.staff.list({ schoolId: schoolB }),
      () => adminA.staff.get({ schoolId: schoolB, personId: personB.id }),
      () => adminA.pupils.list({ schoolId: schoolB }),
      () => adminA.classes.list({ schoolId: schoolB }),
      () => adminA.classes.subjects({ schoolId: schoolB }),
      () => adminA.sync.status({ schoolId: schoolB }),
      () => adminA.sync.start({ schoolId: schoolB }),
      () => adminA.wonde.settings({ schoolId: schoolB }),
    ];
    for (const call of calls) expect(await codeOf(call())).toBe("FORBIDDEN");
    const everyoneA = await adminA.staff.list({ schoolId: schoolA, pageSize: 100, status: "all" });
    expect(everyoneA.rows.some((r) => r.id === personB.id)).toBe(false);
  });

  it("keeps staff management from non-admins and masks UPNs for them", async () => {
    expect(await codeOf(staffA.staff.list({ schoolId: schoolA }))).toBe("FORBIDDEN");
    const forStaff = await staffA.pupils.list({ schoolId: schoolA, pageSize: 50 });
    const forAdmin = await adminA.pupils.list({ schoolId: schoolA, pageSize: 50 });
    const withUpn = forAdmin.rows.find((r) => r.upn)!;
    expect(withUpn.upn).toMatch(/^[A-Z]\d{11}[0-9A-Z]$/);
    expect(forStaff.rows.find((r) => r.id === withUpn.id)!.upn).toBe(`${"•".repeat(10)}${withUpn.upn!.slice(-3)}`);
    expect(forAdmin.years.length).toBeGreaterThan(1);
    const year = forAdmin.years[0]!;
    const filtered = await adminA.pupils.list({ schoolId: schoolA, year, pageSize: 100 });
    expect(filtered.rows.every((r) => r.ncYear === year)).toBe(true);
  });

  it("connects a school with a valid token, storing it encrypted, and explains a bad one", async () => {
    const school = await db.school.create({ data: { name: "Unconnected" } });
    await expect(connectSchool(db, { schoolId: school.id, wondeSchoolId: "A1385027794", token: "nope", client: emulatorClient(emulator, "nope") })).rejects.toBeInstanceOf(WondeAuthError);
    const connected = await connectSchool(db, { schoolId: school.id, wondeSchoolId: "A1385027794", token: "demo", client: emulatorClient(emulator) });
    expect(connected).toMatchObject({ wondeId: "A1385027794", mis: "engage" });
    expect(connected.wondeTokenEnc).not.toContain("demo");
    expect(decryptSecret(connected.wondeTokenEnc!)).toBe("demo");
    expect(connected.grantedScopes).toContain("Student UPN read");
  });
});
