import type { Db } from "../db";

/** Failures allowed before the address is locked. */
export const FREE_ATTEMPTS = 5;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/** Lock length after `failures` consecutive failures: 1 min, doubling, at most 1 hour. */
export function lockDuration(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(BASE_LOCK_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_LOCK_MS);
}

export async function lockedUntil(db: Db, email: string, now = new Date()): Promise<Date | null> {
  const row = await db.signInThrottle.findUnique({ where: { email } });
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

export async function recordFailure(db: Db, email: string, now = new Date()) {
  const row = await db.signInThrottle.upsert({
    where: { email },
    create: { email, failures: 1 },
    update: { failures: { increment: 1 } },
  });
  const ms = lockDuration(row.failures);
  if (ms > 0) await db.signInThrottle.update({ where: { email }, data: { lockedUntil: new Date(now.getTime() + ms) } });
  return row.failures;
}

export async function clearFailures(db: Db, email: string) {
  await db.signInThrottle.deleteMany({ where: { email } });
}
