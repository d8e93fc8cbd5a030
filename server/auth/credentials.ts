import type { Db } from "../db";
import { recordActivity } from "../activity/record";
import { activeAccountSelect, isActiveAccount } from "../users/status";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearFailures, reserveAttempt } from "./throttle";

export type PasswordSignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email + password. Every failure looks the same to the caller
 * whether or not the address has an account; the activity log gets the truth.
 */
export async function checkPasswordSignIn(db: Db, input: { email: string; password: string }): Promise<PasswordSignInResult> {
  const email = normaliseEmail(input.email);
  // Counted before the hash is checked, so concurrent guesses can't race past the limit.
  const attempt = await reserveAttempt(db, email);
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, passwordHash: true, ...activeAccountSelect, memberships: { select: { schoolId: true } } },
  });
  const schoolIds = user?.memberships.length ? user.memberships.map((m) => m.schoolId) : [null];
  const log = (action: string, details: Record<string, string>) =>
    Promise.all(
      schoolIds.map((schoolId) =>
        recordActivity(
          { schoolId, actor: { system: "Sign-in" }, action, subject: { type: "User", id: user?.id ?? null, label: email }, details: { method: "password", ...details } },
          db,
        ),
      ),
    );

  if (!attempt.ok) {
    await log("Sign-in Refused", { reason: "locked after repeated failures" });
    return { ok: false, reason: "locked", until: attempt.until };
  }

  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !passwordMatches || !isActiveAccount(user)) {
    const reason = !user ? "no such account" : !isActiveAccount(user) ? "account disabled" : !user.passwordHash ? "no password set" : "wrong password";
    await log("Sign-in Failed", { reason });
    return { ok: false, reason: "invalid" };
  }

  await clearFailures(db, email);
  await log("Signed In", {});
  return { ok: true, user: { id: user.id, email, name: user.name } };
}
