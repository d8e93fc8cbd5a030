import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { db } from "@/server/db";
import { connectedSchool, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

// Pupil accounts follow the sync: current pupils of enabled year groups get one, leavers' are
// archived, and a pupil whose account can't be made never fails the run.

const activeAccountsOfYear = (schoolId: string, ncYear: string) => db.pupilAccount.count({ where: { schoolId, archivedAt: null, person: { ncYear } } });
const currentPupilsOfYear = (schoolId: string, ncYear: string) => db.person.count({ where: { schoolId, kind: "PUPIL", archivedAt: null, ncYear } });

describe("pupil accounts in the sync", () => {
  let emulator: RunningEmulator;
  let schoolId: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "pupil-accounts" });
    schoolId = (await connectedSchool(db, OAKFIELD_ID)).id;
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("creates none while pupil sign-in is off, then one per current pupil of an enabled year group; leavers' are archived", async () => {
    expect((await runSync(db, emulator, schoolId)).status).toBe("SUCCEEDED");
    expect(await db.pupilAccount.count({ where: { schoolId } })).toBe(0);

    await db.pupilSignInYearGroup.create({ data: { schoolId, ncYear: "4", methods: ["BADGE"] } });
    // One pupil already has an app user (a clash the sync can't resolve): that pupil fails alone.
    const clash = await db.person.findFirstOrThrow({ where: { schoolId, kind: "PUPIL", ncYear: "4", archivedAt: null }, orderBy: { id: "asc" } });
    await db.user.create({ data: { email: `clash-${process.pid}@example.org`, personId: clash.id } });

    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");
    const pupils = await currentPupilsOfYear(schoolId, "4");
    expect(pupils).toBeGreaterThan(5);
    expect(await activeAccountsOfYear(schoolId, "4")).toBe(pupils - 1);
    expect(await db.pupilAccount.count({ where: { schoolId, person: { ncYear: { not: "4" } } } })).toBe(0);
    expect(await db.activityEvent.count({ where: { schoolId, action: "Pupil Account Failed", subjectId: clash.id } })).toBe(1);

    // Every year group on (badges only: quick to issue), so some of the leavers below have accounts.
    const years = await db.person.groupBy({ by: ["ncYear"], where: { schoolId, kind: "PUPIL", ncYear: { not: null } } });
    await db.pupilSignInYearGroup.createMany({ data: years.map((y) => ({ schoolId, ncYear: y.ncYear!, methods: ["BADGE" as const] })), skipDuplicates: true });
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");
    emulator.state.advanceTime({ students: { edits: 0, starters: 4, leavers: 12 }, employees: { edits: 0, starters: 0, leavers: 0 } });
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");
    expect(await activeAccountsOfYear(schoolId, "4")).toBe((await currentPupilsOfYear(schoolId, "4")) - 1);
    expect(await db.pupilAccount.count({ where: { schoolId, archivedAt: null } })).toBe((await db.person.count({ where: { schoolId, kind: "PUPIL", archivedAt: null } })) - 1);
    // Every leaver's account is archived, with its credentials gone and its user disabled.
    const leftWithAccounts = await db.pupilAccount.findMany({ where: { schoolId, person: { archivedAt: { not: null } } }, include: { user: true } });
    expect(leftWithAccounts.length).toBeGreaterThan(0);
    for (const account of leftWithAccounts) expect(account).toMatchObject({ archivedAt: expect.any(Date), badgeHash: null, user: { disabledAt: expect.any(Date) } });
  });
});
