import type { Db } from "../db";
import { recordActivity, type Actor } from "../activity/record";
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
  };
}

export async function updateSyncSettings(db: Db, schoolId: string, input: { importPhotos?: boolean; syncSchedule?: SyncSchedule }, actor: Actor) {
  await db.$transaction(async (tx) => {
    // Switched off, the next switch-on reads every photo again, not only changed staff.
    await tx.school.update({ where: { id: schoolId }, data: { ...input, ...(input.importPhotos === false ? { photosSyncedAt: null } : {}) } });
    await recordActivity({ schoolId, actor, action: "Settings Changed", subject: { type: "School", id: schoolId, label: "Wonde sync" }, details: input }, tx);
  });
}
