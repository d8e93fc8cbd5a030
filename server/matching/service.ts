import type { Db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { recordActivity, type Actor } from "../activity/record";
import { ssoLabel } from "../auth/sso-config";
import { UserFacingError } from "../user-facing-error";
import { claimDomains, isPublicMailDomain } from "./domains";
import { isUniqueViolation, linkIdentity, matchByEmail, type SsoIdentity } from "./identities";
import { endAllSessions } from "../auth/sessions";

/** "no-sso": has an account but no Google/Microsoft sign-in linked; "no-account": has no Staffroom account at all. */
export const MATCHING_FILTERS = ["all", "no-sso", "no-account", "conflicts"] as const;
export type MatchingFilter = (typeof MATCHING_FILTERS)[number];

export type MatchingRow = {
  personId: string;
  displayName: string;
  jobTitle: string | null;
  email: string | null;
  account: { userId: string; email: string; hasPassword: boolean; disabled: boolean } | null;
  identities: { accountId: string; provider: string; providerLabel: string; email: string | null }[];
  conflicts: string[];
};

export function personDisplayName(p: { surname: string; forename: string; initials: string | null }): string {
  return `${p.surname}, ${p.forename}${p.initials ? ` (${p.initials})` : ""}`;
}

/**
 * Conflicts at the school, by person: two identities of one provider on one
 * person, or one email shared by several staff (so an identity with that email
 * is claimed by more than one person and can't be matched automatically).
 */
async function conflictsByPerson(db: Db, schoolId: string): Promise<Map<string, string[]>> {
  const [twoOfOneProvider, sharedEmails] = await Promise.all([
    db.$queryRaw<{ personId: string; provider: string }[]>`
      SELECT l."personId", a.provider
      FROM "Account" a JOIN "UserPersonLink" l ON l."userId" = a."userId" AND l."schoolId" = ${schoolId} JOIN "Person" p ON p.id = l."personId"
      WHERE p.kind = 'STAFF' AND p."archivedAt" IS NULL
      GROUP BY l."personId", a.provider HAVING count(*) > 1`,
    db.$queryRaw<{ personId: string; others: number }[]>`
      SELECT p.id AS "personId", (count(*) OVER (PARTITION BY lower(p.email)))::int - 1 AS others
      FROM "Person" p
      WHERE p."schoolId" = ${schoolId} AND p.kind = 'STAFF' AND p."archivedAt" IS NULL AND p.email IS NOT NULL`,
  ]);
  const conflicts = new Map<string, string[]>();
  const add = (personId: string, message: string) => conflicts.set(personId, [...(conflicts.get(personId) ?? []), message]);
  for (const row of twoOfOneProvider) add(row.personId, `Has more than one ${ssoLabel(row.provider)} sign-in linked`);
  for (const row of sharedEmails) if (row.others > 0) add(row.personId, `Email shared with ${row.others} other staff member${row.others === 1 ? "" : "s"}`);
  return conflicts;
}

// Two different jobs for an admin: a missing account is created by the sync (or needs a work
// email), a missing sign-in is linked on this page; so they are filtered and counted apart.
// A person's account is the one linked to them at their school (shared staff have one per school).
const NO_ACCOUNT: Prisma.PersonWhereInput = { userLink: null };
const NO_SSO: Prisma.PersonWhereInput = { userLink: { user: { accounts: { none: {} } } } };

/** Current staff with their account and linked identities: the User Matching table. */
export async function listStaffMatching(db: Db, schoolId: string, opts: { search?: string; filter: MatchingFilter; page: number; pageSize: number }) {
  const conflicts = await conflictsByPerson(db, schoolId);
  const search = opts.search?.trim();
  const conditions: Prisma.PersonWhereInput[] = [{ schoolId, kind: "STAFF", archivedAt: null }];
  if (search)
    conditions.push({
      OR: [
        { surname: { contains: search, mode: "insensitive" } },
        { forename: { contains: search, mode: "insensitive" } },
        { email: { contains: search, mode: "insensitive" } },
      ],
    });
  if (opts.filter === "no-account") conditions.push(NO_ACCOUNT);
  if (opts.filter === "no-sso") conditions.push(NO_SSO);
  if (opts.filter === "conflicts") conditions.push({ id: { in: [...conflicts.keys()] } });
  const where: Prisma.PersonWhereInput = { AND: conditions };
  const [total, people, counts] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({
      where,
      orderBy: [{ surname: "asc" }, { forename: "asc" }, { id: "asc" }],
      skip: (opts.page - 1) * opts.pageSize,
      take: opts.pageSize,
      select: {
        id: true,
        surname: true,
        forename: true,
        initials: true,
        jobTitle: true,
        email: true,
        userLink: {
          select: {
            user: {
              select: {
                id: true,
                email: true,
                passwordHash: true,
                disabledAt: true,
                accounts: { orderBy: [{ provider: "asc" }, { id: "asc" }], select: { id: true, provider: true, email: true } },
              },
            },
          },
        },
      },
    }),
    matchingCounts(db, schoolId, conflicts.size),
  ]);
  const rows: MatchingRow[] = people.map((p) => {
    const user = p.userLink?.user;
    return {
      personId: p.id,
      displayName: personDisplayName(p),
      jobTitle: p.jobTitle,
      email: p.email,
      account: user ? { userId: user.id, email: user.email ?? "", hasPassword: user.passwordHash !== null, disabled: user.disabledAt !== null } : null,
      identities: (user?.accounts ?? []).map((a) => ({ accountId: a.id, provider: a.provider, providerLabel: ssoLabel(a.provider), email: a.email })),
      conflicts: conflicts.get(p.id) ?? [],
    };
  });
  return { total, rows, counts };
}

async function matchingCounts(db: Db, schoolId: string, conflicts: number) {
  const staff = { schoolId, kind: "STAFF" as const, archivedAt: null };
  const [all, noSso, noAccount] = await Promise.all([
    db.person.count({ where: staff }),
    db.person.count({ where: { AND: [staff, NO_SSO] } }),
    db.person.count({ where: { AND: [staff, NO_ACCOUNT] } }),
  ]);
  return { all, noSso, noAccount, conflicts };
}

/** The sign-in domains whose refused identities a school sees: its own, never a public mail service's. */
const visibleDomains = (ssoDomains: string[]) => ssoDomains.filter((domain) => !isPublicMailDomain(domain));

/** Refused identities this school may see and link: only those on a domain it has claimed. */
export async function visibleUnmatchedWhere(db: Db, schoolId: string): Promise<Prisma.UnmatchedIdentityWhereInput> {
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { ssoDomains: true } });
  const domains = visibleDomains(school.ssoDomains);
  return domains.length ? { OR: domains.map((domain) => ({ email: { endsWith: `@${domain}` } })) } : { id: { in: [] } };
}

/**
 * How many refused identities each school sees (the trust dashboard's figure), in one query: the
 * same identities as visibleUnmatchedWhere, an email's domain (after its last @) being one the
 * school lists. Domains never contain @, so that equals "ends with @domain".
 */
export async function unmatchedCounts(db: Db, schools: { id: string; ssoDomains: string[] }[]): Promise<Map<string, number>> {
  const pairs = schools.flatMap((s) => visibleDomains(s.ssoDomains).map((domain) => Prisma.sql`(${s.id}, ${domain})`));
  if (!pairs.length) return new Map();
  const rows = await db.$queryRaw<{ schoolId: string; count: number }[]>`
    SELECT v."schoolId", count(DISTINCT u."id")::int AS "count"
    FROM (VALUES ${Prisma.join(pairs)}) AS v("schoolId", "domain")
    JOIN "UnmatchedIdentity" u ON substring(u."email" from '@([^@]*)$') = v."domain"
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.schoolId, r.count]));
}

export async function listUnmatchedIdentities(db: Db, schoolId: string) {
  const where = await visibleUnmatchedWhere(db, schoolId);
  const rows = await db.unmatchedIdentity.findMany({
    where,
    orderBy: { lastSeenAt: "desc" },
    take: 100,
    select: { id: true, provider: true, email: true, emailVerified: true, name: true, attempts: true, lastSeenAt: true },
  });
  return rows.map((r) => ({ ...r, providerLabel: ssoLabel(r.provider) }));
}

function identityOf(row: { provider: string; providerAccountId: string; email: string | null; emailVerified: boolean; name: string | null }): SsoIdentity {
  return { provider: row.provider, providerAccountId: row.providerAccountId, email: row.email, emailVerified: row.emailVerified, name: row.name };
}

/** An admin links a refused identity to a current staff member of their school. */
export async function linkIdentityToPerson(db: Db, input: { schoolId: string; actor: Actor; identityId: string; personId: string }) {
  const visible = await visibleUnmatchedWhere(db, input.schoolId);
  const pending = await db.unmatchedIdentity.findFirst({ where: { AND: [{ id: input.identityId }, visible] } });
  if (!pending) throw new UserFacingError("NOT_FOUND", "That sign-in is no longer waiting for a match. Refresh the page.");
  const person = await db.person.findFirst({
    where: { id: input.personId, schoolId: input.schoolId, kind: "STAFF", archivedAt: null },
    select: { surname: true, forename: true, initials: true, userLink: { select: { user: { select: { id: true, disabledAt: true, accounts: { where: { provider: pending.provider }, select: { id: true } } } } } } },
  });
  if (!person) throw new UserFacingError("NOT_FOUND", "That person is not current staff at this school.");
  const name = personDisplayName(person);
  const user = person.userLink?.user;
  if (!user || user.disabledAt) throw new UserFacingError("CONFLICT", `${name} has no active Staffroom account yet. Run Sync Data first.`);
  if (user.accounts.length > 0)
    throw new UserFacingError("CONFLICT", `${name} already has a ${ssoLabel(pending.provider)} sign-in linked. Unlink it first if it is wrong.`);
  const userId = user.id;
  try {
    await db.$transaction((tx) =>
      linkIdentity(tx, { userId, identity: identityOf(pending), actor: input.actor, action: "Identity Linked", schoolIds: [input.schoolId], how: "linked by an administrator" }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserFacingError("CONFLICT", "That sign-in has just been linked to someone. Refresh the page.");
    throw error;
  }
  return { personName: name };
}

/** Removes a linked identity from a staff member of the school; its next sign-in is refused until linked again. */
export async function unlinkIdentity(db: Db, input: { schoolId: string; actor: Actor; accountId: string }) {
  const account = await db.account.findFirst({
    where: { id: input.accountId, user: { personLinks: { some: { schoolId: input.schoolId } } } },
    select: { id: true, provider: true, email: true, userId: true, user: { select: { email: true } } },
  });
  if (!account) throw new UserFacingError("NOT_FOUND", "That sign-in is not linked to anyone at this school.");
  await db.$transaction(async (tx) => {
    await tx.account.delete({ where: { id: account.id } });
    // A session that came in through the unlinked identity must not outlive it.
    await endAllSessions(tx, account.userId);
    await recordActivity(
      { schoolId: input.schoolId, actor: input.actor, action: "Identity Unlinked", subject: { type: "User", id: account.userId, label: account.user.email }, details: { provider: ssoLabel(account.provider), identityEmail: account.email } },
      tx,
    );
  });
  return { provider: ssoLabel(account.provider) };
}

/** "Match all by email": the automatic rule applied to every refused identity this school can see. */
export async function matchAllByEmail(db: Db, input: { schoolId: string; actor: Actor }) {
  const where = await visibleUnmatchedWhere(db, input.schoolId);
  const pending = await db.unmatchedIdentity.findMany({ where, orderBy: { firstSeenAt: "asc" } });
  const result = { matched: 0, ambiguous: 0, unmatched: 0 };
  for (const row of pending) {
    const match = await matchByEmail(db, identityOf(row), input.schoolId);
    if (match.kind !== "match") {
      result[match.kind === "ambiguous" ? "ambiguous" : "unmatched"]++;
      continue;
    }
    try {
      await db.$transaction((tx) =>
        linkIdentity(tx, { userId: match.userId, identity: identityOf(row), actor: input.actor, action: "Identity Matched", schoolIds: [input.schoolId], how: "match all by email" }),
      );
      result.matched++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      result.unmatched++;
    }
  }
  await recordActivity({ schoolId: input.schoolId, actor: input.actor, action: "Bulk Match Run", subject: { type: "School", id: input.schoolId }, details: result }, db);
  return result;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Parses "oakfield.sch.uk, @oakfield.org" into clean domains; names the first bad one. */
export function parseDomains(raw: string[]): { domains: string[] } | { error: string } {
  const domains = new Set<string>();
  for (const entry of raw) {
    const domain = entry.trim().toLowerCase().replace(/^@/, "");
    if (!domain) continue;
    if (!DOMAIN.test(domain)) return { error: `"${entry.trim()}" is not an email domain (for example oakfield.sch.uk).` };
    domains.add(domain);
  }
  return { domains: [...domains].sort() };
}

export async function getSsoDomains(db: Db, schoolId: string) {
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { ssoDomains: true } });
  return { domains: school.ssoDomains };
}

export async function setSsoDomains(db: Db, input: { schoolId: string; actor: Actor; domains: string[] }) {
  const parsed = parseDomains(input.domains);
  if ("error" in parsed) throw new UserFacingError("BAD_REQUEST", parsed.error);
  await db.$transaction(async (tx) => {
    // Locked, so two admins of one school editing at once can't lose each other's claims.
    await tx.$queryRaw`SELECT id FROM "School" WHERE id = ${input.schoolId} FOR UPDATE`;
    const before = (await tx.school.findUniqueOrThrow({ where: { id: input.schoolId }, select: { ssoDomains: true } })).ssoDomains;
    await claimDomains(tx, {
      schoolId: input.schoolId,
      actor: input.actor,
      added: parsed.domains.filter((d) => !before.includes(d)),
      removed: before.filter((d) => !parsed.domains.includes(d)),
    });
    await tx.school.update({ where: { id: input.schoolId }, data: { ssoDomains: parsed.domains } });
    await recordActivity({ schoolId: input.schoolId, actor: input.actor, action: "Matching Domains Changed", subject: { type: "School", id: input.schoolId }, details: { domains: parsed.domains } }, tx);
  });
  return parsed;
}
