import type { Db } from "../db";
import type { Role } from "../generated/prisma/client";

/** The roles of staff and administrators: everyone who may open the signed-in app (not pupils). */
export type StaffRole = Exclude<Role, "PUPIL">;
export type SchoolAccess = { schoolId: string; schoolName: string; role: StaffRole };

/** Every school the user may open, with their role there; trust admins get all of their trust's schools. Pupils open none. */
export async function schoolsForUser(db: Db, userId: string): Promise<SchoolAccess[]> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      trust: { select: { schools: { select: { id: true, name: true }, orderBy: { name: "asc" } } } },
      memberships: { select: { role: true, school: { select: { id: true, name: true } } } },
    },
  });
  if (!user) return [];
  const access = new Map<string, SchoolAccess>();
  for (const m of user.memberships) if (m.role !== "PUPIL") access.set(m.school.id, { schoolId: m.school.id, schoolName: m.school.name, role: m.role });
  for (const s of user.trust?.schools ?? []) access.set(s.id, { schoolId: s.id, schoolName: s.name, role: "TRUST_ADMIN" });
  return [...access.values()].sort((a, b) => a.schoolName.localeCompare(b.schoolName));
}

/** The user's role at one school, or null when they have no access to it. */
export async function roleAtSchool(db: Db, userId: string, schoolId: string): Promise<Role | null> {
  const [membership, trustAdmin] = await Promise.all([
    db.schoolMembership.findUnique({ where: { userId_schoolId: { userId, schoolId } }, select: { role: true } }),
    db.school.count({ where: { id: schoolId, trust: { users: { some: { id: userId } } } } }),
  ]);
  if (trustAdmin > 0) return "TRUST_ADMIN";
  return membership?.role ?? null;
}

export const isAdminRole = (role: Role | null) => role === "SCHOOL_ADMIN" || role === "TRUST_ADMIN";
