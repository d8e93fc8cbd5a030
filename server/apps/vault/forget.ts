import type { Prisma } from "../../generated/prisma/client";

/**
 * A leaver's saved passwords and data key are deleted (called by the sync where it archives
 * people, in its transaction). Not so after an MIS migration: the person, and their account, stay.
 */
export async function forgetSavedLoginsOf(tx: Prisma.TransactionClient, personIds: string[]): Promise<void> {
  if (personIds.length === 0) return;
  const users = { person: { id: { in: personIds }, archivedAt: { not: null } } } as const;
  await tx.savedAppLogin.deleteMany({ where: { user: users } });
  await tx.userDataKey.deleteMany({ where: { user: users } });
}
