import type { Db } from "../db";
import type { PasswordTokenPurpose } from "../generated/prisma/client";
import { recordActivity, type Actor } from "../activity/record";
import { normaliseEmail } from "../auth/credentials";
import { hashPassword } from "../auth/password";
import { passwordProblem } from "../auth/password-policy";
import { consumeToken, findUsableToken, issuePasswordToken } from "../auth/password-tokens";
import { clearFailures } from "../auth/throttle";
import { sendInvite } from "../mail/send-invite";
import { sendPasswordReset } from "../mail/send-password-reset";
import { EMAIL_DISABLED_REASON, type MailConfig } from "../mail/transport";
import { UserFacingError } from "../user-facing-error";
import { activeAccountWhere } from "./status";
import { endAllSessions } from "../auth/sessions";
import { logger } from "../logger";

/** One reset email per address per minute at most: a form resubmitted in a loop can't flood an inbox. */
const RESET_EMAIL_INTERVAL_MS = 60_000;

const accountForEmail = { id: true, email: true, name: true, memberships: { select: { schoolId: true, school: { select: { name: true } } }, orderBy: { createdAt: "asc" } } } as const;

/**
 * Forgot password. Sends a reset link when the address belongs to an active
 * account; does nothing visible otherwise. The caller answers the same either
 * way (no enumeration); the activity log gets the truth.
 */
export async function requestPasswordReset(db: Db, rawEmail: string, config?: MailConfig, now = new Date()): Promise<void> {
  const email = normaliseEmail(rawEmail);
  const found = await db.user.findFirst({ where: { email, ...activeAccountWhere }, select: accountForEmail });
  const user = found && { ...found, email };
  const schoolIds = user?.memberships.length ? user.memberships.map((m) => m.schoolId) : [null];
  const log = (details: Record<string, string>) =>
    Promise.all(
      schoolIds.map((schoolId) =>
        recordActivity({ schoolId, actor: { system: "Forgot password" }, action: "Password Reset Requested", subject: { type: "User", id: user?.id ?? null, label: email }, details }, db),
      ),
    );
  if (!user) return void (await log({ outcome: "no email sent: no active account with this address" }));

  const recent = await db.passwordToken.count({ where: { userId: user.id, purpose: "RESET", createdAt: { gt: new Date(now.getTime() - RESET_EMAIL_INTERVAL_MS) } } });
  if (recent > 0) return void (await log({ outcome: "no email sent: one was sent less than a minute ago" }));

  const token = await issuePasswordToken(db, user.id, "RESET", now);
  const sent = await sendPasswordReset(db, { email: user.email, name: user.name, schoolName: user.memberships[0]?.school.name ?? null }, token, config);
  await log(sent.via === "disabled" ? { outcome: `no email sent: ${EMAIL_DISABLED_REASON}` } : { outcome: "reset link sent", emailId: sent.id });
}

/** An admin sends (or re-sends) a staff member the link to choose their first password. */
export async function sendInviteEmail(db: Db, schoolId: string, actor: Actor, userId: string, config?: MailConfig): Promise<{ email: string }> {
  const user = await db.user.findFirst({
    where: { id: userId, email: { not: null }, ...activeAccountWhere, memberships: { some: { schoolId } } },
    select: { id: true, email: true, name: true, memberships: { where: { schoolId }, select: { school: { select: { name: true } } } } },
  });
  if (!user?.email) throw new UserFacingError("NOT_FOUND", "That person has no active account at this school.");
  const token = await issuePasswordToken(db, user.id, "INVITE");
  const sent = await sendInvite(db, { email: user.email, name: user.name, schoolName: user.memberships[0]?.school.name ?? null }, token, config);
  if (sent.via === "disabled") throw new UserFacingError("BAD_REQUEST", `The invite was not sent: ${EMAIL_DISABLED_REASON} on this server.`);
  await recordActivity({ schoolId, actor, action: "Invite Sent", subject: { type: "User", id: user.id, label: user.email }, details: { emailId: sent.id } }, db);
  return { email: user.email };
}

export type PasswordLink = { valid: false } | { valid: true; purpose: PasswordTokenPurpose; email: string };

/** What the reset / invite page needs to know before showing the form. */
export async function describePasswordLink(db: Db, token: string): Promise<PasswordLink> {
  const found = await findUsableToken(db, token);
  return found ? { valid: true, purpose: found.purpose, email: found.user.email } : { valid: false };
}

export const INVALID_LINK_MESSAGE = "This link has expired or has already been used. Ask for a new one from the Forgot password page.";

/**
 * Sets the password from a reset or invite link. The link is used up in the
 * same transaction as the password change, so it works exactly once; every
 * other outstanding link for the account stops working too.
 */
/**
 * Forgot password, as the form calls it: starts the lookup and the email without waiting for
 * them, so neither the answer nor its timing says whether an account exists.
 */
export function startPasswordReset(db: Db, email: string): void {
  void requestPasswordReset(db, email).catch((error: unknown) => logger.error({ err: error }, "Password reset email failed"));
}

export async function setPasswordWithToken(db: Db, input: { token: string; password: string }): Promise<{ email: string }> {
  const found = await findUsableToken(db, input.token);
  if (!found) throw new UserFacingError("BAD_REQUEST", INVALID_LINK_MESSAGE);
  const problem = await passwordProblem(input.password, { email: found.user.email });
  if (problem) throw new UserFacingError("BAD_REQUEST", problem);
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  await db.$transaction(async (tx) => {
    if (!(await consumeToken(tx, found.id, now))) throw new UserFacingError("BAD_REQUEST", INVALID_LINK_MESSAGE);
    await tx.user.update({ where: { id: found.user.id }, data: { passwordHash, emailVerified: now } });
    await tx.passwordToken.deleteMany({ where: { userId: found.user.id, usedAt: null } });
    // Whoever knew the old password is signed out everywhere.
    await endAllSessions(tx, found.user.id);
    const memberships = await tx.schoolMembership.findMany({ where: { userId: found.user.id }, select: { schoolId: true } });
    for (const schoolId of memberships.length ? memberships.map((m) => m.schoolId) : [null]) {
      await recordActivity(
        { schoolId, actor: { userId: found.user.id, label: found.user.email }, action: "Password Set", subject: { type: "User", id: found.user.id, label: found.user.email }, details: { via: found.purpose === "INVITE" ? "invite link" : "reset link" } },
        tx,
      );
    }
  });
  await clearFailures(db, found.user.email);
  return { email: found.user.email };
}
