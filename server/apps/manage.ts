// Settings → Apps: the tiles an admin adds, and who sees each.
import { recordActivity, type Actor } from "../activity/record";
import type { Db } from "../db";
import { UserFacingError } from "../user-facing-error";
import { safeAppUrl } from "./url";

export type AppFields = {
  name: string;
  url: string;
  icon: string | null;
  forStaff: boolean;
  forPupils: boolean;
  yearGroups: string[];
  classIds: string[];
};

export const BAD_URL_MESSAGE = "Use the app's full web address, starting with https:// (or http://).";

/** The school's live tiles with whom each is for, by name. */
export async function listApps(db: Db, schoolId: string) {
  const apps = await db.launcherApp.findMany({
    where: { schoolId, archivedAt: null },
    select: { id: true, name: true, url: true, icon: true, forStaff: true, forPupils: true, yearGroups: true, classIds: true, oidcClient: { select: { id: true, trustId: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const classNames = new Map(
    (await db.class.findMany({ where: { schoolId, id: { in: apps.flatMap((a) => a.classIds) } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]),
  );
  return apps.map(({ oidcClient, ...a }) => ({
    ...a,
    classes: a.classIds.flatMap((id) => (classNames.has(id) ? [{ id, name: classNames.get(id)! }] : [])),
    // Signs in through Staffroom: its client id, and whether the trust registered it (then the trust changes it).
    signIn: oidcClient ? { clientId: oidcClient.id, trustWide: oidcClient.trustId !== null } : null,
  }));
}

/** What a tile can be narrowed to: the year groups of current pupils and the live classes. */
export async function audienceOptions(db: Db, schoolId: string) {
  const [years, classes] = await Promise.all([
    db.person.findMany({ where: { schoolId, kind: "PUPIL", archivedAt: null, ncYear: { not: null } }, distinct: ["ncYear"], select: { ncYear: true } }),
    db.class.findMany({ where: { schoolId, archivedAt: null }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 1000 }),
  ]);
  const yearGroups = years.map((y) => y.ncYear!).sort((a, b) => yearOrder(a) - yearOrder(b) || a.localeCompare(b));
  return { yearGroups, classes };
}

/** Reception and nursery before Year 1; numbers in numeric order. */
const yearOrder = (ncYear: string) => (/^\d+$/.test(ncYear) ? Number(ncYear) : -1);

export async function checkedFields(db: Db, schoolId: string, fields: AppFields): Promise<AppFields> {
  const url = safeAppUrl(fields.url);
  if (!url) throw new UserFacingError("BAD_REQUEST", BAD_URL_MESSAGE);
  if (!fields.forStaff && !fields.forPupils) throw new UserFacingError("BAD_REQUEST", "Choose who sees the tile: staff, pupils or both.");
  const classIds = [...new Set(fields.classIds)];
  // Only this school's classes: an id from elsewhere is refused, not silently kept.
  if (classIds.length && (await db.class.count({ where: { schoolId, id: { in: classIds } } })) !== classIds.length)
    throw new UserFacingError("BAD_REQUEST", "One of the chosen classes isn't at this school.");
  const narrowed = fields.forPupils ? { yearGroups: [...new Set(fields.yearGroups)], classIds } : { yearGroups: [], classIds: [] };
  return { ...fields, name: fields.name.trim(), url: url.href, icon: fields.icon?.trim() || null, ...narrowed };
}

/** Adds a tile (no `appId`) or changes one of the school's, logged in the Activity Log. */
export async function saveApp(db: Db, schoolId: string, actor: Actor, appId: string | null, input: AppFields): Promise<{ id: string }> {
  const fields = await checkedFields(db, schoolId, input);
  return db.$transaction(async (tx) => {
    let id: string;
    if (appId) {
      const { count } = await tx.launcherApp.updateMany({ where: { id: appId, schoolId, archivedAt: null }, data: fields });
      if (count === 0) throw new UserFacingError("NOT_FOUND", "That app isn't on this school's launcher any more.");
      id = appId;
    } else {
      id = (await tx.launcherApp.create({ data: { ...fields, schoolId }, select: { id: true } })).id;
    }
    await recordActivity({ schoolId, actor, action: appId ? "App Updated" : "App Added", subject: { type: "App", id, label: fields.name }, details: { url: fields.url, forStaff: fields.forStaff, forPupils: fields.forPupils } }, tx);
    return { id };
  });
}

/** Takes a tile off the launcher; kept (archived) so its launches stay in the report. */
export async function archiveApp(db: Db, schoolId: string, actor: Actor, appId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const app = await tx.launcherApp.findFirst({ where: { id: appId, schoolId, archivedAt: null }, select: { name: true, oidcClientId: true } });
    if (!app) throw new UserFacingError("NOT_FOUND", "That app isn't on this school's launcher any more.");
    const now = new Date();
    await tx.launcherApp.update({ where: { id: appId }, data: { archivedAt: now } });
    // The school's own sign-in app stops signing anyone in; a trust's goes on at its other schools.
    if (app.oidcClientId) await tx.oidcClient.updateMany({ where: { id: app.oidcClientId, schoolId }, data: { archivedAt: now } });
    await recordActivity({ schoolId, actor, action: "App Removed", subject: { type: "App", id: appId, label: app.name } }, tx);
  });
}
