import type { Prisma } from "../generated/prisma/client";

/**
 * An account that may sign in: not disabled, and not one whose people the MIS all say have
 * left (archived); staff who work in several schools keep signing in while any school has them.
 * Used by every sign-in path and the session check.
 */
export const activeAccountWhere = {
  disabledAt: null,
  OR: [{ personLinks: { none: {} } }, { personLinks: { some: { person: { archivedAt: null } } } }],
} satisfies Prisma.UserWhereInput;

/** What isActiveAccount reads of a User. */
export const activeAccountSelect = { disabledAt: true, personLinks: { select: { person: { select: { archivedAt: true } } } } } satisfies Prisma.UserSelect;

/** How the activity log and lists name an account: its email, or (pupils have none) its name. */
export function accountLabel(user: { email: string | null; name?: string | null }): string {
  return user.email ?? user.name ?? "Pupil";
}

export function isActiveAccount(user: { disabledAt: Date | null; personLinks: { person: { archivedAt: Date | null } }[] }): boolean {
  return !user.disabledAt && (user.personLinks.length === 0 || user.personLinks.some((l) => !l.person.archivedAt));
}
