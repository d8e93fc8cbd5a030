// The launcher ("My apps"): which tiles a signed-in user sees at a school, in their own
// most-used order, and opening one (counted, then redirected; see app/launch/[tileId]/route.ts).
import type { Db } from "../db";
import type { Prisma, Role } from "../generated/prisma/client";
import { roleAtSchool, schoolsForUser } from "../schools/access";
import { AREA_TILE_PREFIX, areaForTileId, areasFor, areaTileId, type StaffroomArea } from "./areas";
import { safeAppUrl } from "./url";

/** Who the tiles are for: a member of staff (by role), or a pupil (by year group and classes). */
export type Audience = { kind: "staff"; role: Role } | { kind: "pupil"; ncYear: string | null; classIds: string[] };

export type Tile = { id: string; kind: "app" | "area"; name: string; icon: string | null; href: string; launches: number };

/** "Most used" looks back this far, so a tile that stopped being used drifts down again. */
const MOST_USED_DAYS = 90;

/** Pupils (role PUPIL at the school) see the pupils' tiles for their year group and classes; everyone else the staff tiles. */
export async function audienceAt(db: Db, userId: string, schoolId: string, role: Role): Promise<Audience> {
  if (role !== "PUPIL") return { kind: "staff", role };
  const link = await db.userPersonLink.findUnique({
    where: { userId_schoolId: { userId, schoolId } },
    select: { person: { select: { ncYear: true, classesAttended: { where: { class: { archivedAt: null } }, select: { classId: true } } } } },
  });
  const person = link?.person;
  return { kind: "pupil", ncYear: person?.ncYear ?? null, classIds: person?.classesAttended.map((c) => c.classId) ?? [] };
}

/** The schools whose launcher the user may open: staff roles' schools and pupils' own school. */
export async function launcherSchools(db: Db, userId: string): Promise<{ schoolId: string; schoolName: string; role: Role }[]> {
  const [staff, pupil] = await Promise.all([
    schoolsForUser(db, userId),
    db.schoolMembership.findMany({ where: { userId, role: "PUPIL" }, select: { school: { select: { id: true, name: true } } } }),
  ]);
  const pupilSchools = pupil.map((m) => ({ schoolId: m.school.id, schoolName: m.school.name, role: "PUPIL" as const }));
  return [...staff, ...pupilSchools].sort((a, b) => a.schoolName.localeCompare(b.schoolName));
}

/** The school's live apps this audience sees. */
export function visibleAppsWhere(schoolId: string, audience: Audience): Prisma.LauncherAppWhereInput {
  const live = { schoolId, archivedAt: null };
  if (audience.kind === "staff") return { ...live, forStaff: true };
  const narrowedTo: Prisma.LauncherAppWhereInput[] = [{ yearGroups: { isEmpty: true }, classIds: { isEmpty: true } }];
  if (audience.ncYear) narrowedTo.push({ yearGroups: { has: audience.ncYear } });
  if (audience.classIds.length) narrowedTo.push({ classIds: { hasSome: audience.classIds } });
  return { ...live, forPupils: true, OR: narrowedTo };
}

export const launchHref = (tileId: string, schoolId: string) => `/launch/${encodeURIComponent(tileId)}?${new URLSearchParams({ school: schoolId })}`;

/** The user's tiles at the school, most used first (then apps by name, then Staffroom's areas). */
export async function tilesFor(db: Db, userId: string, schoolId: string, role: Role, now = new Date()): Promise<Tile[]> {
  const [audience, school] = await Promise.all([audienceAt(db, userId, schoolId, role), db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { liteMode: true } })]);
  const since = new Date(now.getTime() - MOST_USED_DAYS * 86_400_000);
  const [apps, usage] = await Promise.all([
    db.launcherApp.findMany({ where: visibleAppsWhere(schoolId, audience), select: { id: true, name: true, icon: true }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    db.appLaunch.groupBy({ by: ["appId", "area"], where: { schoolId, userId, at: { gte: since } }, _count: { _all: true } }),
  ]);
  const launches = new Map(usage.map((u) => [u.appId ?? `${AREA_TILE_PREFIX}${u.area}`, u._count._all]));
  const areas: StaffroomArea[] = audience.kind === "staff" ? areasFor(audience.role, school.liteMode) : [];
  const tiles: Tile[] = [
    ...apps.map((a) => ({ id: a.id, kind: "app" as const, name: a.name, icon: a.icon })),
    ...areas.map((a) => ({ id: areaTileId(a), kind: "area" as const, name: a.label, icon: null })),
  ].map((t) => ({ ...t, href: launchHref(t.id, schoolId), launches: launches.get(t.id) ?? 0 }));
  // A stable sort: equal counts keep the order above.
  return tiles.sort((a, b) => b.launches - a.launches);
}

/**
 * Opens a tile for the user: counts the launch and gives the address to send them to, or null when
 * the tile doesn't exist or isn't theirs (the route answers 404 alike, so ids can't be probed).
 * An app's school is its own; an area's is the `schoolId` the launcher was showing.
 */
export async function launchTile(db: Db, userId: string, tileId: string, schoolId: string | null): Promise<string | null> {
  const area = areaForTileId(tileId);
  if (area) {
    if (!schoolId) return null;
    const role = await roleAtSchool(db, userId, schoolId);
    if (!role) return null;
    const [audience, school] = await Promise.all([audienceAt(db, userId, schoolId, role), db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { liteMode: true } })]);
    if (audience.kind !== "staff" || !areasFor(role, school.liteMode).some((a) => a.key === area.key)) return null;
    await db.appLaunch.create({ data: { schoolId, userId, area: area.key } });
    return area.href;
  }
  const app = await db.launcherApp.findFirst({ where: { id: tileId, archivedAt: null }, select: { schoolId: true } });
  if (!app) return null;
  const role = await roleAtSchool(db, userId, app.schoolId);
  if (!role) return null;
  const visible = await db.launcherApp.findFirst({
    where: { id: tileId, ...visibleAppsWhere(app.schoolId, await audienceAt(db, userId, app.schoolId, role)) },
    select: { url: true, oidcClient: { select: { initiateLoginUri: true } } },
  });
  // An app that signs in through Staffroom starts its sign-in at its own "initiate login" address, if it has one.
  const url = visible && safeAppUrl(visible.oidcClient?.initiateLoginUri ?? visible.url);
  if (!url) return null;
  await db.appLaunch.create({ data: { schoolId: app.schoolId, userId, appId: tileId } });
  return url.href;
}
