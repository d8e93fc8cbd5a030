import type { Db } from "@/server/db";
import { alignPupilAccounts } from "@/server/accounts/provision";
import { logger } from "@/server/logger";

/**
 * The sync's last step: pupil accounts follow the pupils just written (new pupils get one,
 * leavers' are archived). It warns and carries on: a pupil account is never a reason to fail
 * the run (each failed pupil is in the activity log, and the next run tries again).
 */
export async function alignPupilAccountsAfterSync(db: Db, schoolId: string): Promise<void> {
  try {
    const counts = await alignPupilAccounts(db, schoolId);
    if (counts.failed) logger.warn({ schoolId, ...counts }, "Some pupil accounts could not be created");
  } catch (error) {
    logger.warn({ err: error, schoolId }, "Pupil accounts were not updated after the sync");
  }
}
