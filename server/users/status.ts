import type { Prisma } from "../generated/prisma/client";

/**
 * An account that may sign in: not disabled, and not belonging to a person the
 * MIS says has left (archived). Used by every sign-in path and the session check.
 */
export const activeAccountWhere = {
  disabledAt: null,
  OR: [{ personId: null }, { person: { archivedAt: null } }],
} satisfies Prisma.UserWhereInput;

/** How the activity log and lists name an account: its email, or (pupils have none) its name. */
export function accountLabel(user: { email: string | null; name?: string | null }): string {
  return user.email ?? user.name ?? "Pupil";
}

export function isActiveAccount(user: { disabledAt: Date | null; person: { archivedAt: Date | null } | null }): boolean {
  return !user.disabledAt && !user.person?.archivedAt;
}
