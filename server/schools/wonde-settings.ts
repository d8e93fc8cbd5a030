import type { Db } from "../db";
import { recordActivity, type Actor } from "../activity/record";
import { applySchoolSettings, schoolSettings } from "./effective-settings";
import { describeMisGaps, describeMissingScopes, misCapabilities } from "../wonde";

export const SYNC_SCHEDULES = ["off", "hourly", "daily"] as const;
export type SyncSchedule = (typeof SYNC_SCHEDULES)[number];

/** The Settings → Wonde connection panel: what is connected and what each gap costs. */
export async function getWondeSettings(db: Db, schoolId: string) {
  const school = await db.school.findUniqueOrThrow({
    where: { id: schoolId },
    select: { wondeId: true, wondeTokenEnc: true, mis: true, grantedScopes: true, importPhotos: true, syncSchedule: true, timezone: true },
  });
  const capabilities = misCapabilities(school.mis);
  const inherited = await schoolSettings(db, schoolId);
  return {
    connected: school.wondeTokenEnc !== null,
    wondeId: school.wondeId,
    mis: school.mis,
    timezone: school.timezone,
    capabilities,
    misGaps: describeMisGaps(capabilities),
    missingScopes: school.wondeTokenEnc ? describeMissingScopes(school.grantedScopes) : [],
    grantedScopes: school.grantedScopes,
    importPhotos: school.importPhotos,
    syncSchedule: school.syncSchedule as SyncSchedule,
    /** Whether each is the school's own choice or its trust's (or Staffroom's) default, and that default. */
    importPhotosSource: { source: inherited.importPhotos.source, inherited: inherited.importPhotos.inherited },
    syncScheduleSource: { source: inherited.syncSchedule.source, inherited: inherited.syncSchedule.inherited },
  };
}

/** The school's own sync choices; null follows the trust's default again. */
export async function updateSyncSettings(db: Db, schoolId: string, input: { importPhotos?: boolean | null; syncSchedule?: SyncSchedule | null }, actor: Actor) {
  await db.$transaction(async (tx) => {
    await applySchoolSettings(tx, schoolId, input);
    await recordActivity({ schoolId, actor, action: "Settings Changed", subject: { type: "School", id: schoolId, label: "Wonde sync" }, details: input }, tx);
  });
}
