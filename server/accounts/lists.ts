import type { Db } from "../db";
import { assertMayManageGroup, type PupilGroup } from "./access";

/** A class's or year group's pupils with their usernames (never credentials), for re-issuing one. */
export async function pupilAccountsOf(db: Db, caller: { userId: string; schoolId: string }, group: PupilGroup) {
  await assertMayManageGroup(db, caller.userId, caller.schoolId, group);
  const rows = await db.pupilAccount.findMany({
    where: { schoolId: caller.schoolId, archivedAt: null, person: "classId" in group ? { archivedAt: null, classesAttended: { some: { classId: group.classId } } } : { archivedAt: null, ncYear: group.ncYear } },
    orderBy: [{ person: { surname: "asc" } }, { person: { forename: "asc" } }],
    take: 500,
    select: { personId: true, username: true, issuedAt: true, person: { select: { forename: true, surname: true } } },
  });
  return rows.map((r) => ({ personId: r.personId, name: `${r.person.forename} ${r.person.surname}`, username: r.username, issuedAt: r.issuedAt }));
}

/** The school's devices set up for shared pupil sign-in. */
export async function sharedDevicesOf(db: Db, schoolId: string) {
  return db.pupilSharedDevice.findMany({
    where: { schoolId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, label: true, createdAt: true, lastUsedAt: true },
  });
}
