// The school's incident book settings: its list of locations, the reply-to address for
// families' emails, and the "frequent" flag's threshold.
import { recordActivity, userActor } from "../activity/record";
import type { Db } from "../db";
import { UserFacingError } from "../user-facing-error";
import type { IncidentCaller } from "./service";
import { effectiveNotificationTemplate } from "@/lib/incidents/notification-template";
import { settingSource } from "../schools/effective-settings";

/** Locations to choose from, by name; archived ones only when asked (for filters over old incidents). */
export function listLocations(db: Db, schoolId: string, includeArchived = false) {
  return db.incidentLocation.findMany({ where: { schoolId, ...(includeArchived ? {} : { archivedAt: null }) }, orderBy: { name: "asc" }, select: { id: true, name: true, archivedAt: true } });
}

export async function addLocation(db: Db, caller: IncidentCaller, name: string) {
  const existing = await db.incidentLocation.findUnique({ where: { schoolId_name: { schoolId: caller.schoolId, name } } });
  if (existing && !existing.archivedAt) throw new UserFacingError("CONFLICT", `“${name}” is already on the list.`);
  const actor = await userActor(db, caller.userId);
  return db.$transaction(async (tx) => {
    const location = existing
      ? await tx.incidentLocation.update({ where: { id: existing.id }, data: { archivedAt: null } })
      : await tx.incidentLocation.create({ data: { schoolId: caller.schoolId, name } });
    await recordActivity({ schoolId: caller.schoolId, actor, action: "Incident Location Added", subject: { type: "IncidentLocation", id: location.id, label: name } }, tx);
    return location;
  });
}

/** Takes a location off the list; incidents already logged there keep it. */
export async function archiveLocation(db: Db, caller: IncidentCaller, locationId: string) {
  const location = await db.incidentLocation.findFirst({ where: { id: locationId, schoolId: caller.schoolId } });
  if (!location) throw new UserFacingError("NOT_FOUND", "No such location.");
  const actor = await userActor(db, caller.userId);
  return db.$transaction(async (tx) => {
    const archived = await tx.incidentLocation.update({ where: { id: location.id }, data: { archivedAt: new Date() } });
    await recordActivity({ schoolId: caller.schoolId, actor, action: "Incident Location Removed", subject: { type: "IncidentLocation", id: location.id, label: location.name } }, tx);
    return archived;
  });
}

export const DEFAULT_SETTINGS = { replyToEmail: null as string | null, frequentThreshold: 3, frequentDays: 30 };

export async function getIncidentSettings(db: Db, schoolId: string) {
  const row = await db.incidentSettings.findUnique({ where: { schoolId }, select: { replyToEmail: true, frequentThreshold: true, frequentDays: true } });
  return row ?? DEFAULT_SETTINGS;
}

/** The notification email's opening: the school's own (or null), what it inherits, and which is used. */
export async function notificationTemplateFor(db: Db, schoolId: string) {
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { incidentSettings: { select: { notificationTemplate: true } }, trust: { select: { incidentNotificationTemplate: true } } } });
  const own = school.incidentSettings?.notificationTemplate ?? null;
  const inherited = effectiveNotificationTemplate(null, school.trust?.incidentNotificationTemplate);
  return { own, inherited, template: own ?? inherited, source: settingSource(own, school.trust !== null) };
}

/** The school's own opening for notification emails; null follows its trust's (or Staffroom's). */
export async function setNotificationTemplate(db: Db, caller: IncidentCaller, template: string | null) {
  const actor = await userActor(db, caller.userId);
  await db.$transaction(async (tx) => {
    await tx.incidentSettings.upsert({ where: { schoolId: caller.schoolId }, create: { schoolId: caller.schoolId, notificationTemplate: template }, update: { notificationTemplate: template } });
    await recordActivity({ schoolId: caller.schoolId, actor, action: "Incident Settings Changed", subject: { type: "School", id: caller.schoolId }, details: { notificationTemplate: template ?? "the trust's" } }, tx);
  });
  return notificationTemplateFor(db, caller.schoolId);
}

export async function updateIncidentSettings(db: Db, caller: IncidentCaller, values: typeof DEFAULT_SETTINGS) {
  const actor = await userActor(db, caller.userId);
  return db.$transaction(async (tx) => {
    const row = await tx.incidentSettings.upsert({ where: { schoolId: caller.schoolId }, create: { schoolId: caller.schoolId, ...values }, update: values, select: { replyToEmail: true, frequentThreshold: true, frequentDays: true } });
    await recordActivity({ schoolId: caller.schoolId, actor, action: "Incident Settings Changed", subject: { type: "School", id: caller.schoolId }, details: values }, tx);
    return row;
  });
}
