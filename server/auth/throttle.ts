import type { Db } from "../db";

/** Failures allowed before the address is locked. */
export const FREE_ATTEMPTS = 5;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/** Lock length after `failures` consecutive failures: 1 min, doubling, at most 1 hour. */
export function lockDuration(failures: number, freeAttempts = FREE_ATTEMPTS): number {
  if (failures < freeAttempts) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - freeAttempts), MAX_LOCK_MS);
}

/**
 * Counts an attempt *before* its password is checked, atomically: the address's row is locked
 * while it is read and bumped, and the attempt that uses up the free ones sets the lock in the
 * same step. So N concurrent guesses can't check more than FREE_ATTEMPTS passwords; a correct
 * password clears the count (clearFailures). Returns when the address is locked instead.
 * Pupil sign-in counts per account and per device with the same table (keys "pupil-…").
 */
export async function reserveAttempt(db: Db, email: string, now = new Date(), freeAttempts = FREE_ATTEMPTS): Promise<{ ok: true } | { ok: false; until: Date }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO "SignInThrottle" (email, failures, "updatedAt") VALUES (${email}, 0, now()) ON CONFLICT (email) DO NOTHING`;
    await tx.$queryRaw`SELECT 1 FROM "SignInThrottle" WHERE email = ${email} FOR UPDATE`;
    const row = await tx.signInThrottle.findUniqueOrThrow({ where: { email } });
    if (row.lockedUntil && row.lockedUntil > now) return { ok: false, until: row.lockedUntil };
    const failures = row.failures + 1;
    const ms = lockDuration(failures, freeAttempts);
    await tx.signInThrottle.update({ where: { email }, data: { failures, lockedUntil: ms > 0 ? new Date(now.getTime() + ms) : null } });
    return { ok: true };
  });
}

export async function clearFailures(db: Db, email: string) {
  await db.signInThrottle.deleteMany({ where: { email } });
}
