import type { Db } from "../db";

/** Where a pupil lands after signing in, and the only page they may open. */
export const LAUNCHER_PATH = "/launcher";

/** A pupil's account (it has pupil credentials): it may use the launcher and nothing else. */
export async function isPupil(db: Db, userId: string): Promise<boolean> {
  return (await db.pupilAccount.count({ where: { userId } })) > 0;
}
