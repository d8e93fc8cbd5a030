import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";

export type EventSpec = Partial<Omit<Prisma.ActivityEventCreateManyInput, "schoolId">>;

/** Writes activity events for a school; each defaults to a sync "User Updated" of a pupil. */
export async function addEvents(db: Db, schoolId: string, events: EventSpec[]) {
  await db.activityEvent.createMany({
    data: events.map((e) => ({ actorLabel: "Sync", action: "User Updated", subjectType: "Person", subjectLabel: "Pupil, Pat (PP)", details: { kind: "PUPIL", changed: [] }, ...e, schoolId })),
  });
}

/** Every event of a school, newest first, as the database orders them (the expected order). */
export async function allIds(db: Db, schoolId: string) {
  const rows = await db.activityEvent.findMany({ where: { schoolId }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true } });
  return rows.map((r) => r.id);
}
