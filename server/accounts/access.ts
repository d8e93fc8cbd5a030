import type { Db } from "../db";
import { isAdminRole, roleAtSchool } from "../schools/access";
import { UserFacingError } from "../user-facing-error";

// Who may print cards and reset credentials: the school's administrators for every pupil, and
// teachers for the pupils of the classes they teach (ClassStaff of their own MIS person at that school: a teacher in several schools is a person in each).

export type PupilGroup = { classId: string } | { ncYear: string };

async function callerRole(db: Db, userId: string, schoolId: string) {
  const role = await roleAtSchool(db, userId, schoolId);
  if (!role || role === "PUPIL") throw new UserFacingError("FORBIDDEN", "You don't have access to this school.");
  return role;
}

/** Refuses unless the caller is an admin of the school, or (for a class) one of its teachers. */
export async function assertMayManageGroup(db: Db, userId: string, schoolId: string, group: PupilGroup): Promise<void> {
  if (isAdminRole(await callerRole(db, userId, schoolId))) return;
  if ("classId" in group) {
    const teaches = await db.classStaff.count({ where: { classId: group.classId, class: { schoolId }, person: { userLink: { userId } } } });
    if (teaches > 0) return;
    throw new UserFacingError("FORBIDDEN", "You can only do this for the classes you teach.");
  }
  throw new UserFacingError("FORBIDDEN", "Only this school's administrators can do this for a whole year group.");
}

/** Refuses unless the caller is an admin of the school, or teaches a class the pupil is in. */
export async function assertMayManagePupil(db: Db, userId: string, schoolId: string, personId: string): Promise<void> {
  if (isAdminRole(await callerRole(db, userId, schoolId))) return;
  const teaches = await db.classPupil.count({ where: { personId, person: { schoolId }, class: { schoolId, staff: { some: { person: { userLink: { userId } } } } } } });
  if (teaches === 0) throw new UserFacingError("FORBIDDEN", "You can only do this for pupils in the classes you teach.");
}

/** Refuses unless the caller is one of the school's administrators. */
export async function assertAdmin(db: Db, userId: string, schoolId: string): Promise<void> {
  if (!isAdminRole(await callerRole(db, userId, schoolId))) throw new UserFacingError("FORBIDDEN", "Only this school's administrators can do that.");
}
