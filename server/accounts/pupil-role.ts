import type { Db } from "../db";

/** A pupil's account (it has pupil credentials): it may use the launcher and nothing else. */
export async function isPupil(db: Db, userId: string): Promise<boolean> {
  return (await db.pupilAccount.count({ where: { userId } })) > 0;
}
