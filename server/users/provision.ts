import type { Prisma } from "../generated/prisma/client";
import { recordActivity } from "../activity/record";
import { normaliseEmail } from "../auth/credentials";
import { hasSharedStaffDecision, recordEmailLinks } from "../trust/shared-staff";
import { requestAppLogout } from "../oidc/logout";

type Tx = Prisma.TransactionClient;
const SYNC = { system: "Sync" } as const;

/**
 * Gives current staff (with an email, and no account yet) an app account:
 * email = the MIS work email, lowercased; no usable password (they choose one
 * through Forgot password or an invite); STAFF at this school. Called by the
 * sync engine inside its batch transaction. An existing account with the same
 * email (a colleague already added by hand, or the same person at another
 * school of the trust) gets this school's person link and membership instead of a
 * duplicate: the same-email rule for staff in several schools, linked here without
 * waiting for the trust admin (the Shared staff page lists it and can undo it), unless
 * the trust admin has already decided about this person.
 */
export async function provisionStaffAccounts(tx: Tx, schoolId: string, personIds: string[]): Promise<{ created: number; joined: number }> {
  if (personIds.length === 0) return { created: 0, joined: 0 };
  const people = await tx.person.findMany({
    where: { id: { in: personIds }, schoolId, kind: "STAFF", archivedAt: null, email: { not: null }, userLink: null },
    select: { id: true, forename: true, surname: true, email: true },
    orderBy: { id: "asc" },
  });
  const byEmail = new Map<string, (typeof people)[number]>();
  // Two people sharing one email (e.g. office@) get one account at most: User Matching shows the conflict.
  for (const person of people) {
    const email = normaliseEmail(person.email!);
    if (email.includes("@") && !byEmail.has(email)) byEmail.set(email, person);
  }
  if (byEmail.size === 0) return { created: 0, joined: 0 };

  const existing = await tx.user.findMany({
    where: { email: { in: [...byEmail.keys()] } },
    select: { id: true, email: true, personId: true, memberships: { where: { schoolId }, select: { role: true } }, personLinks: { where: { schoolId }, select: { personId: true } } },
  });
  let joined = 0;
  for (const user of existing) {
    // Found by email, so it has one.
    const email = user.email ?? "";
    const person = byEmail.get(email);
    if (!person) continue;
    byEmail.delete(email);
    // Already someone else at this school (two records, one email): User Matching shows it.
    if (user.personLinks.length > 0 || (await hasSharedStaffDecision(tx, person.id))) continue;
    if (user.memberships.length === 0) await tx.schoolMembership.create({ data: { userId: user.id, schoolId, role: "STAFF" } });
    await tx.userPersonLink.create({ data: { userId: user.id, schoolId, personId: person.id } });
    if (!user.personId) await tx.user.update({ where: { id: user.id }, data: { personId: person.id } });
    joined++;
    await recordActivity({ schoolId, actor: SYNC, action: "Account Linked", subject: { type: "User", id: user.id, label: email }, details: { personId: person.id } }, tx);
    await recordEmailLinks(tx, { userId: user.id, email, person: { id: person.id, schoolId } });
  }

  const toCreate = [...byEmail.entries()];
  if (toCreate.length === 0) return { created: 0, joined };
  const users = await tx.user.createManyAndReturn({
    data: toCreate.map(([email, person]) => ({ email, name: `${person.forename} ${person.surname}`, passwordHash: null, personId: person.id })),
    select: { id: true, email: true, personId: true },
  });
  await tx.schoolMembership.createMany({ data: users.map((u) => ({ userId: u.id, schoolId, role: "STAFF" as const })) });
  await tx.activityEvent.createMany({
    data: users.map((u) => ({
      schoolId,
      actorLabel: SYNC.system,
      action: "Account Created",
      subjectType: "User",
      subjectId: u.id,
      subjectLabel: u.email,
      details: { personId: u.personId },
    })),
  });
  return { created: users.length, joined };
}

/**
 * Leavers: accounts of archived people are disabled, their sessions and unused
 * password links end. Sessions are JWTs that the jwt callback re-checks on every
 * request, so the disabledAt written here signs them out at once; database
 * sessions (if any) are deleted too. A member of staff who still works at another
 * school keeps the account and loses only this school's membership.
 * Called by the sync engine in its batch.
 */
export async function disableAccountsOfArchived(tx: Tx, schoolId: string, personIds: string[], now = new Date()): Promise<{ disabled: number }> {
  if (personIds.length === 0) return { disabled: 0 };
  const leavers = await tx.user.findMany({
    where: { personLinks: { some: { schoolId, personId: { in: personIds }, person: { archivedAt: { not: null } } } }, disabledAt: null },
    select: { id: true, email: true, personLinks: { select: { person: { select: { archivedAt: true } } } } },
  });
  const elsewhere = leavers.filter((u) => u.personLinks.some((l) => !l.person.archivedAt));
  if (elsewhere.length) {
    await tx.schoolMembership.deleteMany({ where: { schoolId, userId: { in: elsewhere.map((u) => u.id) }, role: { in: ["STAFF", "SCHOOL_ADMIN"] } } });
    await tx.activityEvent.createMany({
      data: elsewhere.map((u) => ({ schoolId, actorLabel: SYNC.system, action: "Membership Ended", subjectType: "User", subjectId: u.id, subjectLabel: u.email, details: { reason: "left the school (archived in the MIS); still works at another school" } })),
    });
  }
  const users = leavers.filter((u) => !elsewhere.includes(u));
  if (users.length === 0) return { disabled: 0 };
  const ids = users.map((u) => u.id);
  await tx.user.updateMany({ where: { id: { in: ids } }, data: { disabledAt: now } });
  await tx.session.deleteMany({ where: { userId: { in: ids } } });
  await tx.passwordToken.deleteMany({ where: { userId: { in: ids }, usedAt: null } });
  await tx.activityEvent.createMany({
    data: users.map((u) => ({
      schoolId,
      actorLabel: SYNC.system,
      action: "Account Disabled",
      subjectType: "User",
      subjectId: u.id,
      subjectLabel: u.email,
      details: { reason: "left the school (archived in the MIS)" },
    })),
  });
  // Signed out of the school's apps too (OpenID Connect back-channel logout, through the job queue).
  await requestAppLogout(tx, ids);
  return { disabled: users.length };
}
