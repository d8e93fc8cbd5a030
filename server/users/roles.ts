import type { Db } from "../db";
import type { Prisma, Role } from "../generated/prisma/client";
import { recordActivity, type Actor } from "../activity/record";
import { UserFacingError } from "../user-facing-error";
import { accountLabel, activeAccountWhere } from "./status";
import { endAllSessions } from "../auth/sessions";

// TRUST_VIEWER is a User.trustRole, never a membership; ranked with staff (it changes nothing).
const ROLE_RANK: Record<Role, number> = { PUPIL: -1, STAFF: 0, TRUST_VIEWER: 0, SCHOOL_ADMIN: 1, TRUST_ADMIN: 2 };

export const ROLE_LABELS: Record<Role, string> = { PUPIL: "Pupil", STAFF: "Staff", SCHOOL_ADMIN: "School admin", TRUST_ADMIN: "Trust admin", TRUST_VIEWER: "Trust viewer" };

/** The roles a staff member's school membership holds: TRUST_VIEWER is only ever a User.trustRole, and pupils' memberships are not staff's. */
export type MembershipRole = Exclude<Role, "TRUST_VIEWER" | "PUPIL">;

export type SchoolUserRow = {
  userId: string;
  email: string;
  name: string | null;
  role: MembershipRole;
  hasPassword: boolean;
  disabled: boolean;
  linkedIdentities: number;
  lastInviteAt: Date | null;
};

/** The school's accounts with their role, searchable by name or email, a page at a time. */
export async function listSchoolUsers(db: Db, schoolId: string, opts: { search?: string; page: number; pageSize: number }) {
  const search = opts.search?.trim();
  // Pupils' accounts are managed under Settings → Pupil sign-in, not here.
  const where: Prisma.SchoolMembershipWhereInput = {
    schoolId,
    role: { not: "PUPIL" },
    ...(search
      ? {
          user: {
            OR: [
              { email: { contains: search, mode: "insensitive" } },
              { name: { contains: search, mode: "insensitive" } },
              { personLinks: { some: { schoolId, person: { OR: [{ surname: { contains: search, mode: "insensitive" } }, { forename: { contains: search, mode: "insensitive" } }] } } } },
            ],
          },
        }
      : {}),
  };
  const [total, memberships] = await Promise.all([
    db.schoolMembership.count({ where }),
    db.schoolMembership.findMany({
      where,
      orderBy: [{ user: { email: "asc" } }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: {
        role: true,
        user: {
          select: {
            id: true,
            email: true,
            name: true,
            passwordHash: true,
            disabledAt: true,
            // This school's person: a member of staff in several schools is a different record in each.
            personLinks: { where: { schoolId }, select: { person: { select: { forename: true, surname: true, initials: true, archivedAt: true } } } },
            _count: { select: { accounts: true } },
            passwordTokens: { where: { purpose: "INVITE" }, orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
          },
        },
      },
    }),
  ]);
  const rows: SchoolUserRow[] = memberships.flatMap(({ role, user }) => {
    if (role === "PUPIL") return [];
    const person = user.personLinks[0]?.person;
    return [{
    userId: user.id,
    email: user.email ?? "",
    name: person ? `${person.surname}, ${person.forename}${person.initials ? ` (${person.initials})` : ""}` : user.name,
    role: role as MembershipRole,
    hasPassword: user.passwordHash !== null,
    disabled: user.disabledAt !== null || person?.archivedAt != null,
    linkedIdentities: user._count.accounts,
    lastInviteAt: user.passwordTokens[0]?.createdAt ?? null,
  }];
  });
  return { total, rows };
}

/**
 * Changes a member's role at the school. Only trust admins grant or take away
 * the trust admin role. The school must keep at least one active administrator:
 * the school row is locked for the change, so two admins demoting each other
 * at the same moment cannot both succeed.
 */
export async function setMemberRole(db: Db, input: { schoolId: string; actor: Actor & { userId: string }; actorRole: Role; userId: string; role: MembershipRole }) {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "School" WHERE id = ${input.schoolId} FOR UPDATE`;
    const membership = await tx.schoolMembership.findUnique({
      where: { userId_schoolId: { userId: input.userId, schoolId: input.schoolId } },
      select: { role: true, user: { select: { email: true } } },
    });
    if (!membership) throw new UserFacingError("NOT_FOUND", "That person is not a member of this school.");
    if (membership.role === "PUPIL") throw new UserFacingError("BAD_REQUEST", "Pupils' accounts come from the MIS and keep the pupil role.");
    if ((input.role === "TRUST_ADMIN" || membership.role === "TRUST_ADMIN") && input.actorRole !== "TRUST_ADMIN")
      throw new UserFacingError("FORBIDDEN", "Only a trust administrator can give or take away the trust admin role.");
    if (membership.role === input.role) return { role: input.role };

    await tx.schoolMembership.update({ where: { userId_schoolId: { userId: input.userId, schoolId: input.schoolId } }, data: { role: input.role } });
    // A role taken away ends the member's sessions, so nothing granted under it lingers.
    if (ROLE_RANK[input.role] < ROLE_RANK[membership.role]) await endAllSessions(tx, input.userId);
    if ((await countActiveAdmins(tx, input.schoolId)) === 0)
      throw new UserFacingError("CONFLICT", "A school needs at least one administrator. Make someone else an administrator first.");
    await recordActivity(
      {
        schoolId: input.schoolId,
        actor: input.actor,
        action: "Role Changed",
        subject: { type: "User", id: input.userId, label: accountLabel(membership.user) },
        details: { from: ROLE_LABELS[membership.role], to: ROLE_LABELS[input.role] },
      },
      tx,
    );
    return { role: input.role };
  });
}

/** Administrators who can still sign in: admin members, plus the trust's own admins. */
async function countActiveAdmins(tx: Prisma.TransactionClient, schoolId: string): Promise<number> {
  const school = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { trustId: true } });
  const [members, trustAdmins] = await Promise.all([
    tx.schoolMembership.count({ where: { schoolId, role: { in: ["SCHOOL_ADMIN", "TRUST_ADMIN"] }, user: activeAccountWhere } }),
    school.trustId ? tx.user.count({ where: { trustId: school.trustId, ...activeAccountWhere } }) : 0,
  ]);
  return members + trustAdmins;
}
