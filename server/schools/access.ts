import type { Db } from "../db";
import type { Role } from "../generated/prisma/client";

/** The roles of staff and administrators: everyone who may open the signed-in app (not pupils). */
export type StaffRole = Exclude<Role, "PUPIL">;
export type SchoolAccess = { schoolId: string; schoolName: string; role: StaffRole };

/** A trust-wide role: what a User with a trustId holds at every school of that trust. */
export type TrustRole = Extract<Role, "TRUST_ADMIN" | "TRUST_VIEWER">;

/** User.trustRole as a trust role; any other value grants nothing. */
export const asTrustRole = (role: Role): TrustRole | null => (role === "TRUST_ADMIN" || role === "TRUST_VIEWER" ? role : null);

/** Every school the user may open, with their role there; trust admins and viewers get all of their trust's schools. Pupils open none. */
export async function schoolsForUser(db: Db, userId: string): Promise<SchoolAccess[]> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      trustRole: true,
      // Unordered: the list is sorted by name below, memberships and trust schools together.
      trust: { select: { schools: { select: { id: true, name: true } } } },
      memberships: { select: { role: true, school: { select: { id: true, name: true } } } },
    },
  });
  if (!user) return [];
  const access = new Map<string, SchoolAccess>();
  for (const m of user.memberships) if (m.role !== "PUPIL") access.set(m.school.id, { schoolId: m.school.id, schoolName: m.school.name, role: m.role });
  const trustRole = asTrustRole(user.trustRole);
  if (trustRole) for (const s of user.trust?.schools ?? []) access.set(s.id, { schoolId: s.id, schoolName: s.name, role: trustRole });
  return [...access.values()].sort((a, b) => a.schoolName.localeCompare(b.schoolName));
}

/** The user's role at one school, or null when they have no access to it. A trust role wins over a membership. */
export async function roleAtSchool(db: Db, userId: string, schoolId: string): Promise<Role | null> {
  const [membership, trustUser] = await Promise.all([
    db.schoolMembership.findUnique({ where: { userId_schoolId: { userId, schoolId } }, select: { role: true } }),
    db.user.findFirst({ where: { id: userId, trust: { schools: { some: { id: schoolId } } } }, select: { trustRole: true } }),
  ]);
  const trustRole = trustUser && asTrustRole(trustUser.trustRole);
  if (trustRole) return trustRole;
  return membership?.role ?? null;
}

export const isAdminRole = (role: Role | null) => role === "SCHOOL_ADMIN" || role === "TRUST_ADMIN";

/** Who reads a school's whole record (every incident, full UPNs, the admin pages): its admins, and trust viewers, read-only. */
export const seesWholeSchool = (role: Role | null) => isAdminRole(role) || role === "TRUST_VIEWER";
