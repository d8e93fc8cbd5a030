import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { recordActivity, type Actor } from "../activity/record";
import { normaliseEmail } from "../auth/credentials";
import { ssoLabel } from "../auth/sso-config";
import { activeAccountWhere } from "../users/status";
import { isPublicMailDomain } from "./domains";

type Tx = Prisma.TransactionClient;

/** A Google or Microsoft identity as the provider asserted it. */
export type SsoIdentity = { provider: string; providerAccountId: string; email: string | null; emailVerified: boolean; name: string | null };

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at > 0 && at < email.length - 1 ? email.slice(at + 1).toLowerCase() : null;
}

export type EmailMatch =
  | { kind: "match"; userId: string; schoolIds: string[] }
  | { kind: "no match" }
  | { kind: "ambiguous"; userIds: string[] }
  | { kind: "already has identity"; userId: string };

/**
 * The automatic matching rule, shared by sign-in and "Match all by email": a
 * *verified* email that equals (ignoring case) the email of exactly one active
 * account, or of its current staff person, at a school whose domain allow-list
 * contains the email's domain. A person never gets a second identity of the
 * same provider automatically.
 */
export async function matchByEmail(db: Db | Tx, identity: SsoIdentity, onlySchoolId?: string): Promise<EmailMatch> {
  if (!identity.emailVerified || !identity.email) return { kind: "no match" };
  const email = normaliseEmail(identity.email);
  const domain = emailDomain(email);
  if (!domain || isPublicMailDomain(domain)) return { kind: "no match" };
  const allowedSchool = { school: { ssoDomains: { has: domain } }, ...(onlySchoolId ? { schoolId: onlySchoolId } : {}) };
  const users = await db.user.findMany({
    where: {
      AND: [activeAccountWhere, { OR: [{ email }, { personLinks: { some: { person: { email: { equals: email, mode: "insensitive" } } } } }] }],
      memberships: { some: allowedSchool },
    },
    select: {
      id: true,
      email: true,
      // Every school's person of the account (staff in several schools have one per school).
      personLinks: { select: { person: { select: { kind: true, archivedAt: true, email: true } } } },
      accounts: { where: { provider: identity.provider }, select: { id: true } },
      memberships: { where: allowedSchool, select: { schoolId: true } },
    },
    take: 5,
  });
  // Exact comparison here: the database's case-insensitive match is only a pre-filter.
  const candidates = users.filter((u) => {
    if (u.personLinks.length === 0) return u.email === email;
    const current = u.personLinks.map((l) => l.person).filter((p) => p.kind === "STAFF" && !p.archivedAt);
    return current.length > 0 && (u.email === email || current.some((p) => normaliseEmail(p.email ?? "") === email));
  });
  if (candidates.length === 0) return { kind: "no match" };
  if (candidates.length > 1) return { kind: "ambiguous", userIds: candidates.map((u) => u.id) };
  const only = candidates[0]!;
  if (only.accounts.length > 0) return { kind: "already has identity", userId: only.id };
  return { kind: "match", userId: only.id, schoolIds: only.memberships.map((m) => m.schoolId) };
}

/**
 * Links the identity to the account (an Auth.js Account row; provider +
 * subject is unique, so an identity can belong to one account only) and logs it
 * at each school given.
 */
export async function linkIdentity(
  tx: Tx,
  input: { userId: string; identity: SsoIdentity; actor: Actor; action: "Identity Matched" | "Identity Linked"; schoolIds: string[]; how: string },
) {
  const { identity } = input;
  const account = await tx.account.create({
    data: {
      userId: input.userId,
      type: "oidc",
      provider: identity.provider,
      providerAccountId: identity.providerAccountId,
      email: identity.email ? normaliseEmail(identity.email) : null,
    },
    select: { id: true, user: { select: { email: true } } },
  });
  await tx.unmatchedIdentity.deleteMany({ where: { provider: identity.provider, providerAccountId: identity.providerAccountId } });
  for (const schoolId of input.schoolIds) {
    await recordActivity(
      {
        schoolId,
        actor: input.actor,
        action: input.action,
        subject: { type: "User", id: input.userId, label: account.user.email },
        details: { provider: ssoLabel(identity.provider), identityEmail: identity.email, how: input.how },
      },
      tx,
    );
  }
  return account;
}

/** Schools that should see a refused identity: those that claimed its email's domain. */
export async function schoolsForIdentityEmail(db: Db | Tx, email: string | null): Promise<string[]> {
  const domain = email ? emailDomain(normaliseEmail(email)) : null;
  if (!domain || isPublicMailDomain(domain)) return [];
  const schools = await db.school.findMany({ where: { ssoDomains: { has: domain } }, select: { id: true } });
  return schools.map((s) => s.id);
}

/** Prisma's unique-constraint error: another request linked the same identity first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
