import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import type { PasswordTokenPurpose, Prisma } from "../generated/prisma/client";
import { activeAccountWhere } from "../users/status";

type Tx = Prisma.TransactionClient;

/** How long a link works: a reset is for now; an invite may sit in an inbox over a weekend. */
export const TOKEN_LIFETIME_MS: Record<PasswordTokenPurpose, number> = {
  RESET: 60 * 60_000,
  INVITE: 7 * 24 * 60 * 60_000,
};

/** Only this is stored: a leaked table gives no working links. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A new single-use link token for the user (256 random bits, base64url). Older
 * unused links of the same purpose stop working: only the newest email counts.
 */
export async function issuePasswordToken(tx: Tx | Db, userId: string, purpose: PasswordTokenPurpose, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.passwordToken.deleteMany({ where: { userId, purpose, usedAt: null } });
  await tx.passwordToken.create({
    data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]) },
  });
  return token;
}

export type UsableToken = { id: string; purpose: PasswordTokenPurpose; user: { id: string; email: string; name: string | null } };

/** The token's details if it can still be used (unused, unexpired, account active); otherwise null. */
export async function findUsableToken(db: Db | Tx, token: string, now = new Date()): Promise<UsableToken | null> {
  if (!token || token.length > 200) return null;
  const row = await db.passwordToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, purpose: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  // Password links are for accounts with an email (staff); pupils have credentials of their own.
  if (!row || row.usedAt || row.expiresAt <= now || !row.user.email) return null;
  const active = await db.user.count({ where: { id: row.user.id, ...activeAccountWhere } });
  return active ? { id: row.id, purpose: row.purpose, user: { ...row.user, email: row.user.email } } : null;
}

/**
 * Marks the token used, atomically: of two concurrent uses only one gets true.
 * Call inside the transaction that sets the password.
 */
export async function consumeToken(tx: Tx, tokenId: string, now = new Date()): Promise<boolean> {
  const { count } = await tx.passwordToken.updateMany({ where: { id: tokenId, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return count === 1;
}
