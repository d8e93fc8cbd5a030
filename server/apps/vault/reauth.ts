// Re-authentication before a saved password is shown: within REAUTH_WINDOW_MS of proving who
// you are on this browser. Staff with a password type it again; pupils with a pupil password type
// theirs; anyone else (Google/Microsoft, badge or picture sign-in) signs in again, and a sign-in
// that recent counts as well (it starts a new session).
import type { Db } from "../../db";
import { passwordMatches } from "../../accounts/credentials";
import { reservePupilAttempt, clearPupilFailures } from "../../accounts/throttle";
import { normaliseEmail } from "../../auth/credentials";
import { verifyPassword } from "../../auth/password";
import { clearFailures, reserveAttempt } from "../../auth/throttle";
import { UserFacingError } from "../../user-facing-error";

export const REAUTH_WINDOW_MS = 10 * 60_000;

/** How this user proves themselves again: their password, their pupil password, or a fresh sign-in. */
export type ReauthMethod = "password" | "pupil-password" | "sign-in-again";
export type ReauthState = { method: ReauthMethod; freshUntil: Date | null };

const SIGN_IN_AGAIN = "Sign in again to see saved passwords.";

async function currentSession(db: Db, userId: string, sessionKey: string | null, now: Date) {
  if (!sessionKey) return null;
  return db.session.findFirst({ where: { sessionToken: sessionKey, userId, expires: { gt: now } }, select: { id: true, createdAt: true, reauthenticatedAt: true } });
}

async function credentialsOf(db: Db, userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, passwordHash: true, pupilAccount: { select: { personId: true, passwordHash: true, archivedAt: true } } },
  });
  const pupil = user.pupilAccount && !user.pupilAccount.archivedAt && user.pupilAccount.passwordHash ? user.pupilAccount : null;
  const method: ReauthMethod = user.email && user.passwordHash ? "password" : pupil ? "pupil-password" : "sign-in-again";
  return { method, email: user.email, passwordHash: user.passwordHash, pupil };
}

/** Until when this browser's user may see saved passwords (null: not now), and how to extend it. */
export async function reauthState(db: Db, userId: string, sessionKey: string | null, now = new Date()): Promise<ReauthState> {
  const [session, { method }] = await Promise.all([currentSession(db, userId, sessionKey, now), credentialsOf(db, userId)]);
  if (!session) return { method, freshUntil: null };
  const last = Math.max(session.createdAt.getTime(), session.reauthenticatedAt?.getTime() ?? 0);
  const until = new Date(last + REAUTH_WINDOW_MS);
  return { method, freshUntil: until > now ? until : null };
}

/** Throws unless this browser's user authenticated within the window. */
export async function assertRecentlyAuthenticated(db: Db, userId: string, sessionKey: string | null, now = new Date()) {
  if (!(await reauthState(db, userId, sessionKey, now)).freshUntil) throw new UserFacingError("PRECONDITION_FAILED", "Confirm it's you first: saved passwords are shown only for a few minutes after you do.");
}

/**
 * Checks the user's own password (staff) or pupil password, throttled like signing in, and marks
 * this browser's session as re-authenticated now.
 */
export async function reauthenticate(db: Db, userId: string, sessionKey: string | null, password: string, now = new Date()): Promise<ReauthState> {
  const session = await currentSession(db, userId, sessionKey, now);
  if (!session) throw new UserFacingError("PRECONDITION_FAILED", SIGN_IN_AGAIN);
  const who = await credentialsOf(db, userId);
  let ok: boolean;
  if (who.method === "password") {
    const key = normaliseEmail(who.email!);
    const attempt = await reserveAttempt(db, key, now);
    if (!attempt.ok) throw new UserFacingError("TOO_MANY_REQUESTS", "Too many wrong passwords. Wait a few minutes, then try again.");
    ok = await verifyPassword(who.passwordHash!, password);
    if (ok) await clearFailures(db, key);
  } else if (who.method === "pupil-password") {
    const keys = { device: `reauth:${userId}`, personId: who.pupil!.personId };
    const attempt = await reservePupilAttempt(db, { device: keys.device, personIds: [keys.personId] }, now);
    if (!attempt.ok) throw new UserFacingError("TOO_MANY_REQUESTS", "Too many wrong tries. Wait a minute, then try again.");
    ok = await passwordMatches(who.pupil!, password);
    if (ok) await clearPupilFailures(db, keys);
  } else {
    throw new UserFacingError("PRECONDITION_FAILED", SIGN_IN_AGAIN);
  }
  if (!ok) throw new UserFacingError("BAD_REQUEST", who.method === "pupil-password" ? "That isn't your password. Try again." : "That password isn't right.");
  await db.session.update({ where: { id: session.id }, data: { reauthenticatedAt: now } });
  return { method: who.method, freshUntil: new Date(now.getTime() + REAUTH_WINDOW_MS) };
}
