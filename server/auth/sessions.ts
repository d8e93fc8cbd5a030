import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { activeAccountSelect, isActiveAccount } from "../users/status";

// Sessions are JWT cookies (credentials sign-in needs them) that each name a Session row by a
// random id. Every request checks the row still exists, so deleting rows ends sessions at once:
// signing out ends that browser's, and sign out everywhere, a password change or reset, an
// unlinked identity, a disabled account or a removed role end all of the user's.

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

const hashOf = (sessionId: string) => createHash("sha256").update(sessionId).digest("hex");

/** The key of the cookie's Session row (its stored hash): safe to hand on, it can't mint a session. */
export const sessionKeyOf = hashOf;

/** A new session for the user; returns the id the cookie carries. */
export async function startSession(db: Db, userId: string, userAgent: string | null, now = new Date()): Promise<string> {
  const sessionId = randomBytes(32).toString("base64url");
  await db.session.create({
    data: { sessionToken: hashOf(sessionId), userId, expires: new Date(now.getTime() + SESSION_MAX_AGE_S * 1000), userAgent: userAgent?.slice(0, 300) ?? null },
  });
  return sessionId;
}

/** True while the cookie's session is current and its account may still sign in. */
export async function sessionIsActive(db: Db, userId: string, sessionId: string, now = new Date()): Promise<boolean> {
  const session = await db.session.findUnique({
    where: { sessionToken: hashOf(sessionId) },
    select: { userId: true, expires: true, user: { select: activeAccountSelect } },
  });
  return !!session && session.userId === userId && session.expires > now && isActiveAccount(session.user);
}

/** Signing out: this browser's session only. */
export async function endSession(db: Db, sessionId: string) {
  await db.session.deleteMany({ where: { sessionToken: hashOf(sessionId) } });
}

/** Ends every session of these users (run inside the transaction that made the change). */
export async function endAllSessions(db: Db | Prisma.TransactionClient, userIds: string | string[]) {
  await db.session.deleteMany({ where: { userId: { in: Array.isArray(userIds) ? userIds : [userIds] } } });
}

/** The user's current sessions, newest first, marking the one asking. */
export async function listSessions(db: Db, userId: string, currentSessionId: string | undefined, now = new Date()) {
  const current = currentSessionId ? hashOf(currentSessionId) : null;
  const rows = await db.session.findMany({
    where: { userId, expires: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, sessionToken: true, createdAt: true, userAgent: true },
  });
  return rows.map((r) => ({ id: r.id, signedInAt: r.createdAt, userAgent: r.userAgent, current: r.sessionToken === current }));
}
