// Trust settings: defaults for the trust's schools (sync schedule, staff photos, Lite mode, the
// incident notification email's opening), each of which a school may override
// (server/schools/effective-settings.ts), and the sign-in domains the trust has claimed.
import { recordActivity, type Actor } from "../activity/record";
import type { Db } from "../db";
import { applySchoolSettings, changedSettings, describeSettings, type InheritedSettings } from "../schools/effective-settings";
import { recordLiteChange, setLiteMode } from "../schools/lite";
import { DEFAULT_NOTIFICATION_TEMPLATE } from "@/lib/incidents/notification-template";
import type { TrustAccess } from "./access";
import { trustScope } from "./scope";

export type TrustDefaults = InheritedSettings & { incidentNotificationTemplate: string | null };

/** The trust's defaults, its schools with each setting's value and source, and its claimed sign-in domains. */
export async function getTrustSettings(db: Db, trustId: string) {
  const [trust, claims] = await Promise.all([
    db.trust.findUniqueOrThrow({
      where: { id: trustId },
      select: {
        defaultSyncSchedule: true,
        defaultImportPhotos: true,
        defaultLiteMode: true,
        incidentNotificationTemplate: true,
        schools: {
          orderBy: [{ name: "asc" }, { id: "asc" }],
          select: {
            id: true,
            name: true,
            trustId: true,
            ssoDomains: true,
            syncSchedule: true,
            importPhotos: true,
            liteMode: true,
            syncScheduleOverride: true,
            importPhotosOverride: true,
            liteModeOverride: true,
            trust: { select: { defaultSyncSchedule: true, defaultImportPhotos: true, defaultLiteMode: true } },
            incidentSettings: { select: { notificationTemplate: true } },
          },
        },
      },
    }),
    db.ssoDomainClaim.findMany({ where: { ownerKey: trustId }, orderBy: { domain: "asc" }, select: { domain: true, proof: true, claimedAt: true, claimedBySchoolId: true } }),
  ]);
  const nameOf = new Map(trust.schools.map((s) => [s.id, s.name]));
  return {
    defaults: {
      syncSchedule: trust.defaultSyncSchedule as InheritedSettings["syncSchedule"],
      importPhotos: trust.defaultImportPhotos,
      liteMode: trust.defaultLiteMode,
      incidentNotificationTemplate: trust.incidentNotificationTemplate,
    },
    staffroomTemplate: DEFAULT_NOTIFICATION_TEMPLATE,
    schools: trust.schools.map((s) => ({ id: s.id, name: s.name, ...describeSettings(s), ownNotificationTemplate: s.incidentSettings?.notificationTemplate != null })),
    domains: claims.map((c) => ({
      domain: c.domain,
      proof: c.proof,
      claimedAt: c.claimedAt,
      claimedBy: nameOf.get(c.claimedBySchoolId) ?? null,
      usedBy: trust.schools.filter((s) => s.ssoDomains.includes(c.domain)).map((s) => s.name),
    })),
  };
}

/**
 * Saves the trust's defaults, and applies them to every school that follows them (in one
 * transaction): a school's Lite mode changing is logged in its own log, the change itself in the trust's.
 */
export async function updateTrustSettings(db: Db, trust: TrustAccess, actor: Actor, input: TrustDefaults) {
  await db.$transaction(async (tx) => {
    await tx.trust.update({
      where: { id: trust.trustId },
      data: { defaultSyncSchedule: input.syncSchedule, defaultImportPhotos: input.importPhotos, defaultLiteMode: input.liteMode, incidentNotificationTemplate: input.incidentNotificationTemplate },
    });
    const schools = await tx.school.findMany({ where: { trustId: trust.trustId }, select: { id: true } });
    const changed: string[] = [];
    for (const school of schools) {
      const change = await applySchoolSettings(tx, school.id, {});
      if (changedSettings(change).length) changed.push(school.id);
      if (change.before.liteMode !== change.after.liteMode) await recordLiteChange(tx, school.id, actor, change.after.liteMode);
    }
    await recordActivity(
      { schoolId: null, actor, action: "Trust Settings Changed", subject: { type: "Trust", id: trust.trustId, label: trust.trustName }, details: { ...input, schoolsChanged: changed.length } },
      tx,
    );
  });
  return getTrustSettings(db, trust.trustId);
}

/** One school's Lite mode from the trust's settings: on, off, or (null) the trust's default. */
export async function setTrustSchoolLiteMode(db: Db, trust: TrustAccess, actor: Actor, schoolId: string, choice: boolean | null) {
  await trustScope(db, trust, schoolId);
  await setLiteMode(db, schoolId, actor, choice);
  return getTrustSettings(db, trust.trustId);
}
