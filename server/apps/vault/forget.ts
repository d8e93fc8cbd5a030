import type { Prisma } from "../../generated/prisma/client";

/**
 * A leaver's saved passwords at the school they left are deleted (called by the sync where it
 * archives people, in its transaction), and their data key once they are at no school. Someone
 * who still works at another school of the trust keeps that school's logins. Not so after an MIS
 * migration: the person, and their account, stay.
 */
export async function forgetSavedLoginsOf(tx: Prisma.TransactionClient, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  const left = await tx.userPersonLink.findMany({
    where: { personId: { in: personIds }, person: { archivedAt: { not: null } } },
    select: { userId: true, schoolId: true },
  });
  if (left.length === 0) return;
  await tx.savedAppLogin.deleteMany({ where: { OR: left.map(({ userId, schoolId }) => ({ userId, schoolId })) } });
  await tx.userDataKey.deleteMany({
    where: { userId: { in: left.map((link) => link.userId) }, user: { personLinks: { none: { person: { archivedAt: null } } } } },
  });
}
