import type { Db } from "../db";

/** The newest events of one school, newest first (keyset on at + id). */
export async function recentActivity(db: Db, schoolId: string, limit: number) {
  return db.activityEvent.findMany({
    where: { schoolId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, at: true, actorLabel: true, action: true, subjectType: true, subjectLabel: true, details: true },
  });
}
