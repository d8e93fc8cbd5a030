/**
 * The sync's last step, alone: pupil accounts that could not be made, or could not be
 * aligned at all, are a warning in the server log, never a failed sync. Written for the
 * sync-write mutants the whole-sync test left alive (tests/MUTANTS.md).
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { db, type Db } from "@/server/db";
import { logger } from "@/server/logger";
import { alignPupilAccountsAfterSync } from "@/server/sync/pupil-accounts";
import { createSchool } from "../helpers/fixtures";

afterAll(() => db.$disconnect());
afterEach(() => vi.restoreAllMocks());

describe("alignPupilAccountsAfterSync", () => {
  it("makes the accounts, and warns with the counts only when some could not be made", async () => {
    const school = await createSchool(db);
    await db.pupilSignInYearGroup.create({ data: { schoolId: school.id, ncYear: "4", methods: ["BADGE"] } });
    for (const surname of ["Lee", "Khan"]) await db.person.create({ data: { schoolId: school.id, kind: "PUPIL", forename: "Pat", surname, ncYear: "4" } });
    const warn = vi.spyOn(logger, "warn");

    await alignPupilAccountsAfterSync(db, school.id);
    expect(await db.pupilAccount.count({ where: { schoolId: school.id } })).toBe(2);
    expect(warn).not.toHaveBeenCalled();

    // A pupil who already has an app user can't be given an account.
    const pupil = await db.person.create({ data: { schoolId: school.id, kind: "PUPIL", forename: "Sam", surname: "Clash", ncYear: "4" } });
    await db.user.create({ data: { email: `clash-${process.pid}@example.org`, personId: pupil.id } });
    await alignPupilAccountsAfterSync(db, school.id);
    expect(warn).toHaveBeenCalledWith({ schoolId: school.id, created: 0, restored: 0, archived: 0, credentialsAdded: 0, failed: 1 }, "Some pupil accounts could not be created");
  });

  it("warns and carries on when the accounts can't be aligned at all", async () => {
    const warn = vi.spyOn(logger, "warn");
    const error = new Error("database gone");
    const broken = new Proxy({}, { get: () => { throw error; } }) as Db;
    await expect(alignPupilAccountsAfterSync(broken, "school-1")).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith({ err: error, schoolId: "school-1" }, "Pupil accounts were not updated after the sync");
  });
});
