import type { Db } from "../db";
import { clearFailures, reserveAttempt } from "../auth/throttle";

// Every pupil sign-in method is throttled twice, in the SignInThrottle table: per account (5 tries,
// then a lock of 1 minute, doubling) and per device (a classroom's shared device allows 20
// before it locks, so one child's typing doesn't lock out the class). A success clears both.

const DEVICE_FREE_ATTEMPTS = 20;

export const accountKey = (personId: string) => `pupil-account:${personId}`;
export const deviceKey = (device: string) => `pupil-device:${device}`;

/** Counts the attempt before anything is checked; refuses while the device or the account is locked. */
export async function reservePupilAttempt(db: Db, keys: { device: string; personIds: string[] }, now = new Date()): Promise<{ ok: true } | { ok: false; until: Date }> {
  const device = await reserveAttempt(db, deviceKey(keys.device), now, DEVICE_FREE_ATTEMPTS);
  if (!device.ok) return device;
  for (const personId of keys.personIds) {
    const account = await reserveAttempt(db, accountKey(personId), now);
    if (!account.ok) return account;
  }
  return { ok: true };
}

export async function clearPupilFailures(db: Db, keys: { device: string; personId: string }) {
  await Promise.all([clearFailures(db, deviceKey(keys.device)), clearFailures(db, accountKey(keys.personId))]);
}
