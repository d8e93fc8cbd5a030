import publicMailDomains from "email-providers/all.json";
import type { Actor } from "../activity/record";
import type { Prisma } from "../generated/prisma/client";
import { UserFacingError } from "../user-facing-error";
import { emailDomain } from "./identities";

// A school's sign-in domains decide whose Google/Microsoft sign-ins it sees and may link, so a
// domain is claimed, not typed: it must be shown to be the school's, it can belong to one trust
// (or one school outside a trust) only, and public mail services can never be claimed.

type Tx = Prisma.TransactionClient;

const PUBLIC_MAIL_DOMAINS = new Set<string>(publicMailDomains);

/** gmail.com, outlook.com, …: anyone can have an address there (the email-providers list). */
export function isPublicMailDomain(domain: string): boolean {
  return PUBLIC_MAIL_DOMAINS.has(domain.toLowerCase());
}

/** One trust per domain; a school outside a trust is its own owner. */
export const domainOwnerKey = (school: { id: string; trustId: string | null }) => school.trustId ?? `school:${school.id}`;

/** Why this school may claim the domain, or null when nothing shows it is theirs. */
async function proofOfDomain(tx: Tx, schoolId: string, actor: Actor, domain: string): Promise<string | null> {
  const staffOnDomain = await tx.person.count({ where: { schoolId, kind: "STAFF", archivedAt: null, email: { endsWith: `@${domain}`, mode: "insensitive" } } });
  if (staffOnDomain > 0) return "staff emails in the MIS";
  if (!("userId" in actor)) return null;
  const admin = await tx.user.findUnique({ where: { id: actor.userId }, select: { email: true, emailVerified: true, accounts: { select: { email: true } } } });
  // Verified: the password was set from an emailed link, or Google/Microsoft asserted the address.
  const verified = [...(admin?.emailVerified ? [admin.email] : []), ...(admin?.accounts.map((a) => a.email) ?? [])];
  return verified.some((email) => email && emailDomain(email) === domain) ? "administrator's verified email" : null;
}

/**
 * Claims each domain the school is adding, inside the caller's transaction. Refuses a public
 * mail domain, a domain another trust holds, and one with no proof; the primary key on the
 * claim makes two simultaneous claims of one domain end with one owner.
 */
export async function claimDomains(tx: Tx, input: { schoolId: string; actor: Actor; added: string[]; removed: string[] }) {
  const school = await tx.school.findUniqueOrThrow({ where: { id: input.schoolId }, select: { id: true, trustId: true } });
  const ownerKey = domainOwnerKey(school);
  for (const domain of input.added) {
    if (isPublicMailDomain(domain))
      throw new UserFacingError("BAD_REQUEST", `${domain} is a public email service: anyone can have an address there, so it can't be a school's sign-in domain.`);
    const existing = await tx.ssoDomainClaim.findUnique({ where: { domain } });
    if (existing && existing.ownerKey !== ownerKey) throw alreadyClaimed(domain);
    if (existing) continue;
    const proof = await proofOfDomain(tx, input.schoolId, input.actor, domain);
    if (!proof)
      throw new UserFacingError(
        "FORBIDDEN",
        `Staffroom can't confirm ${domain} is your school's: no current staff in your MIS have an address there, and your own verified email isn't on it. Sync Data first, or ask an administrator who signs in with an @${domain} address to add it.`,
      );
    const inserted = await tx.$executeRaw`INSERT INTO "SsoDomainClaim" (domain, "ownerKey", "claimedBySchoolId", proof) VALUES (${domain}, ${ownerKey}, ${input.schoolId}, ${proof}) ON CONFLICT (domain) DO NOTHING`;
    if (inserted === 0 && (await tx.ssoDomainClaim.findUniqueOrThrow({ where: { domain } })).ownerKey !== ownerKey) throw alreadyClaimed(domain);
  }
  // A domain no school of the owner lists any more is free for others to claim.
  for (const domain of input.removed) {
    const stillUsed = school.trustId ? await tx.school.count({ where: { trustId: school.trustId, id: { not: input.schoolId }, ssoDomains: { has: domain } } }) : 0;
    if (stillUsed === 0) await tx.ssoDomainClaim.deleteMany({ where: { domain, ownerKey } });
  }
}

const alreadyClaimed = (domain: string) =>
  new UserFacingError("CONFLICT", `${domain} is already a sign-in domain of another school or trust. If it is yours, contact support to move it.`);
