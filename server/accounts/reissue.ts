import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { recordActivity } from "../activity/record";
import { endAllSessions } from "../auth/sessions";
import { migrationDayStart } from "../migrations/report";
import { UserFacingError } from "../user-facing-error";
import { assertAdmin, assertMayManageGroup, assertMayManagePupil } from "./access";
import { newCredentials } from "./credentials";
import { alignPupilAccounts } from "./provision";
import { METHOD_LABELS, yearGroupMethods } from "./settings";

export type ReissueTarget = { personId: string } | { classId: string } | { lastMigration: true };
type Caller = { userId: string; label: string; schoolId: string };

/**
 * New credentials (every method of the pupil's year group) for one pupil, a class, or the pupils
 * the last MIS migration created as new (scenario B, from the migration report's to-do list).
 * The old password, pictures and badge stop working at once and the pupils' sessions end.
 * Teachers may do it for their own classes' pupils, admins for anyone; the Activity Log records who.
 */
export async function reissueCredentials(db: Db, caller: Caller, target: ReissueTarget): Promise<{ reissued: number }> {
  const { schoolId } = caller;
  let where: Prisma.PupilAccountWhereInput;
  let scope: string;
  if ("personId" in target) {
    await assertMayManagePupil(db, caller.userId, schoolId, target.personId);
    where = { personId: target.personId };
    scope = "one pupil";
  } else if ("classId" in target) {
    await assertMayManageGroup(db, caller.userId, schoolId, target);
    where = { person: { classesAttended: { some: { classId: target.classId } } } };
    scope = "class";
  } else {
    await assertAdmin(db, caller.userId, schoolId);
    const personIds = await pupilsCreatedByLastMigration(db, schoolId);
    // The sync creates their accounts; make sure they exist before issuing.
    await alignPupilAccounts(db, schoolId, { userId: caller.userId, label: caller.label });
    where = { personId: { in: personIds } };
    scope = "pupils created by the last MIS migration";
  }
  const accounts = await db.pupilAccount.findMany({
    where: { AND: [where, { schoolId, archivedAt: null }] },
    select: { personId: true, userId: true, username: true, person: { select: { forename: true, surname: true, ncYear: true } } },
  });
  if ("personId" in target && accounts.length === 0) throw new UserFacingError("NOT_FOUND", "That pupil has no active account. Turn pupil sign-in on for their year group first.");
  const methods = await yearGroupMethods(db, schoolId);
  const now = new Date();
  for (const account of accounts) {
    const yearMethods = methods.get(account.person.ncYear ?? "") ?? [];
    // Hashed before the transaction: argon2 takes a moment, and the row is locked only to write.
    const credentials = await newCredentials(account.personId, yearMethods);
    await db.$transaction(async (tx) => {
      await tx.pupilAccount.update({ where: { personId: account.personId }, data: { ...credentials, issuedAt: now, issuedById: caller.userId } });
      await endAllSessions(tx, account.userId);
      await recordActivity(
        {
          schoolId,
          actor: { userId: caller.userId, label: caller.label },
          action: "Pupil Credentials Re-issued",
          subject: { type: "Person", id: account.personId, label: `${account.person.forename} ${account.person.surname}` },
          details: { username: account.username, methods: yearMethods.map((m) => METHOD_LABELS[m]).join(", "), scope },
        },
        tx,
      );
    });
  }
  return { reissued: accounts.length };
}

/** Pupils the last applied MIS migration created as new ("User Created" since its day), still current. */
async function pupilsCreatedByLastMigration(db: Db, schoolId: string): Promise<string[]> {
  const migration = await db.misMigration.findFirst({ where: { schoolId, status: "APPLIED" }, orderBy: { appliedAt: "desc" }, select: { schoolId: true, migratedAt: true, detectedAt: true } });
  if (!migration) throw new UserFacingError("NOT_FOUND", "This school has no applied MIS migration.");
  const created = await db.activityEvent.findMany({
    where: { schoolId, action: "User Created", subjectType: "Person", at: { gte: await migrationDayStart(db, migration) }, details: { path: ["kind"], equals: "PUPIL" } },
    select: { subjectId: true },
  });
  return created.flatMap((e) => e.subjectId ?? []);
}
