import type { Db } from "../db";
import { recordActivity, type Actor } from "../activity/record";
import { normaliseEmail } from "../auth/credentials";
import { sendAccountsReenabled, sendSignInEmailChanged } from "../mail/send-account-notices";
import { personLabel } from "../sync/write-people";

const SYNC = { system: "Sync" } as const;

export type SignInEmailChange = { userId: string; personId: string; label: string; from: string; to: string; takenBy: string | null };

/**
 * Current staff whose account email is not their MIS work email any more. Only the account's
 * primary person counts: a member of staff shared by schools with different work emails keeps
 * one sign-in email, not one that flips with each school's sync. Only the account's
 * primary person counts: a member of staff shared by schools with different work emails keeps
 * one sign-in email rather than one that flips with each school's sync.
 * `takenBy`: another account already signs in with the new address, so the
 * change waits for an admin (User matching shows it) instead of happening.
 */
export async function pendingSignInEmails(db: Db, schoolId: string): Promise<SignInEmailChange[]> {
  const users = await db.user.findMany({
    where: { person: { schoolId, kind: "STAFF", archivedAt: null, email: { not: null } } },
    select: { id: true, email: true, person: { select: { id: true, email: true, forename: true, surname: true, initials: true } } },
  });
  const changes = users.flatMap((u) => {
    const to = normaliseEmail(u.person!.email!);
    return u.email && to.includes("@") && to !== u.email ? [{ userId: u.id, personId: u.person!.id, label: personLabel(u.person!), from: u.email, to }] : [];
  });
  if (changes.length === 0) return [];
  const holders = await db.user.findMany({ where: { email: { in: changes.map((c) => c.to) } }, select: { email: true } });
  const taken = new Set(holders.map((h) => h.email));
  // Two people moving to one address: neither takes it without an admin.
  const wanted = new Map<string, number>();
  for (const c of changes) wanted.set(c.to, (wanted.get(c.to) ?? 0) + 1);
  return changes.map((c) => ({ ...c, takenBy: taken.has(c.to) ? c.to : wanted.get(c.to)! > 1 ? "another member of staff" : null }));
}

/**
 * The sign-in email follows the MIS work email: the old address stops signing
 * in (unused password links to it end), the person and the admins are told.
 * Run after every sync and after an applied migration.
 */
export async function followWorkEmails(db: Db, school: { id: string; name: string }, actor: Actor = SYNC) {
  const pending = await pendingSignInEmails(db, school.id);
  const changed: SignInEmailChange[] = [];
  for (const change of pending.filter((c) => !c.takenBy)) {
    // One transaction each: an address taken in the meantime fails only its own change.
    const done = await db
      .$transaction(async (tx) => {
        await tx.user.update({ where: { id: change.userId }, data: { email: change.to, emailVerified: null } });
        await tx.passwordToken.deleteMany({ where: { userId: change.userId, usedAt: null } });
        await recordActivity(
          { schoolId: school.id, actor, action: "Sign-in Email Changed", subject: { type: "User", id: change.userId, label: change.to }, details: { personId: change.personId, from: change.from, to: change.to } },
          tx,
        );
      })
      .then(() => true)
      .catch((error: unknown) => {
        console.error(`The sign-in email of ${change.label} could not follow the MIS:`, error);
        return false;
      });
    if (!done) continue;
    changed.push(change);
    await sendSignInEmailChanged(db, school, { name: change.label, from: change.from, to: change.to });
  }
  return { changed, waiting: pending.filter((c) => c.takenBy) };
}

/**
 * A member of staff the sync had archived (and whose account it disabled) is
 * current again: the account is re-enabled and the admins are told. Accounts
 * disabled by anyone other than the sync stay disabled.
 */
export async function reenableReturningStaff(db: Db, school: { id: string; name: string }) {
  const users = await db.user.findMany({
    where: { disabledAt: { not: null }, personLinks: { some: { schoolId: school.id, person: { kind: "STAFF", archivedAt: null } } } },
    select: { id: true, email: true, personLinks: { where: { schoolId: school.id }, select: { person: { select: { forename: true, surname: true, initials: true } } } } },
  });
  if (users.length === 0) return [];
  const disabledBy = new Map<string, string>();
  const events = await db.activityEvent.findMany({
    where: { subjectType: "User", subjectId: { in: users.map((u) => u.id) }, action: "Account Disabled" },
    orderBy: { at: "asc" },
    select: { subjectId: true, actorLabel: true },
  });
  for (const e of events) disabledBy.set(e.subjectId!, e.actorLabel);
  const returning = users.filter((u) => disabledBy.get(u.id) === SYNC.system);
  if (returning.length === 0) return [];
  await db.$transaction(async (tx) => {
    await tx.user.updateMany({ where: { id: { in: returning.map((u) => u.id) } }, data: { disabledAt: null } });
    await tx.activityEvent.createMany({
      data: returning.map((u) => ({ schoolId: school.id, actorLabel: SYNC.system, action: "Account Re-enabled", subjectType: "User", subjectId: u.id, subjectLabel: u.email, details: { reason: "current again in the MIS" } })),
    });
  });
  const names = returning.map((u) => personLabel(u.personLinks[0]!.person));
  await sendAccountsReenabled(db, school, names);
  return names;
}

/**
 * What follows a staff sync for accounts: returning staff back in, sign-in emails after the
 * MIS. A failure here is logged and never fails the sync or the migration that called it.
 */
export async function alignStaffAccounts(db: Db, school: { id: string; name: string }, actor?: Actor) {
  const logged = <T>(what: string, fallback: T) => (error: unknown) => {
    console.error(`${what} failed for school ${school.id}:`, error);
    return fallback;
  };
  const reenabled = await reenableReturningStaff(db, school).catch(logged("Re-enabling returning staff", [] as string[]));
  const emails = await followWorkEmails(db, school, actor).catch(logged("Following work emails", { changed: [] as SignInEmailChange[], waiting: [] as SignInEmailChange[] }));
  return { reenabled, ...emails };
}
