// Who an app sees: the account id behind `sub`, which users may sign in to which app, and the
// claims. `sub` is the Staffroom Person id, which MIS migrations keep (server/migrations re-points
// the new MIS ids at the same Person), so an app sees the same user before and after one.
// Accounts without a person (an admin no MIS record matches) use their User id.
// Never in a claim: UPN, date of birth, contacts.
import type { Db } from "../db";
import type { Role } from "../generated/prisma/client";
import { audienceAt, visibleAppsWhere } from "../apps/tiles";
import { roleAtSchool } from "../schools/access";
import { isActiveAccount } from "../users/status";

const personClaimFields = { id: true, forename: true, surname: true, email: true, ncYear: true, archivedAt: true } as const;

export const accountIdOf = (user: { id: string; personId: string | null }) => user.personId ?? user.id;

/** The user behind an account id, if they may still sign in. */
export async function userForAccount(db: Db, accountId: string) {
  const user = await db.user.findFirst({
    where: { OR: [{ personId: accountId }, { id: accountId }] },
    select: {
      id: true,
      personId: true,
      name: true,
      email: true,
      disabledAt: true,
      // Staff who work in several schools have a person at each: the claims use the app's school's.
      personLinks: { select: { schoolId: true, person: { select: personClaimFields } } },
    },
  });
  return user && isActiveAccount(user) ? user : null;
}

export type AppAccess = { schoolId: string; schoolName: string; schoolUrn: string | null; role: Role; tileId: string };

/**
 * Where the user may use this app: a school the app is registered for (its own, or one of its
 * trust's) where the user has a role and one of the app's tiles is for them. Null: not theirs.
 */
export async function appAccessFor(db: Db, userId: string, clientId: string): Promise<AppAccess | null> {
  const tiles = await db.launcherApp.findMany({
    where: { oidcClientId: clientId, archivedAt: null, oidcClient: { archivedAt: null } },
    select: { id: true, schoolId: true, school: { select: { name: true, urn: true } } },
    orderBy: { school: { name: "asc" } },
  });
  for (const tile of tiles) {
    const role = await roleAtSchool(db, userId, tile.schoolId);
    if (!role) continue;
    const audience = await audienceAt(db, userId, tile.schoolId, role);
    if (await db.launcherApp.count({ where: { id: tile.id, ...visibleAppsWhere(tile.schoolId, audience) } }))
      return { schoolId: tile.schoolId, schoolName: tile.school.name, schoolUrn: tile.school.urn, role, tileId: tile.id };
  }
  return null;
}

export const staffroomRole = (role: Role) => (role === "PUPIL" ? "pupil" : role === "SCHOOL_ADMIN" || role === "TRUST_ADMIN" ? "admin" : "staff");

/** The claims for the scopes granted; oidc-provider keeps only those of the granted scopes. */
export async function claimsFor(db: Db, accountId: string, clientId: string, scopes: Set<string>): Promise<({ sub: string } & Record<string, unknown>) | null> {
  const user = await userForAccount(db, accountId);
  if (!user) return null;
  const access = await appAccessFor(db, user.id, clientId);
  if (!access) return null;
  const person = user.personLinks.find((link) => link.schoolId === access.schoolId)?.person ?? null;
  const isPupil = access.role === "PUPIL";
  const givenName = person?.forename ?? user.name?.split(" ")[0] ?? null;
  const familyName = person?.surname ?? (user.name?.includes(" ") ? user.name.slice(user.name.indexOf(" ") + 1) : null);
  const claims: { sub: string } & Record<string, unknown> = {
    sub: accountId,
    name: person ? `${person.forename} ${person.surname}` : (user.name ?? user.email),
    given_name: givenName,
    family_name: familyName,
    staffroom_role: staffroomRole(access.role),
    staffroom_school: access.schoolName,
    staffroom_school_urn: access.schoolUrn,
    // Pupils' addresses are never given to apps.
    ...(isPupil ? {} : { email: user.email ?? person?.email ?? null, email_verified: false }),
  };
  if (scopes.has("year_group") && isPupil) claims.year_group = person?.ncYear ?? null;
  if (scopes.has("classes") && person) {
    const live = { class: { archivedAt: null, schoolId: access.schoolId } };
    const rows = isPupil
      ? await db.classPupil.findMany({ where: { personId: person.id, ...live }, select: { class: { select: { id: true, name: true } } } })
      : await db.classStaff.findMany({ where: { personId: person.id, ...live }, select: { class: { select: { id: true, name: true } } } });
    claims.classes = rows.map((r) => r.class).sort((a, b) => a.name.localeCompare(b.name));
  }
  return claims;
}
