import { afterAll, describe, expect, it } from "vitest";
import { encryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { SCHEDULE_TICK_MINUTES } from "@/lib/sync-schedule";
import { enqueueScheduledSyncs, setSyncDispatcher } from "@/server/sync/queue";

const DAY = 86_400_000;

describe("watching for a planned MIS migration", () => {
  afterAll(async () => {
    setSyncDispatcher(null);
    await db.$disconnect();
  });

  it("syncs a school once every hour (at its slot) from its planned migration day for two weeks, whatever its schedule", async () => {
    const now = new Date("2027-04-12T10:00:00Z");
    const day = (offset: number) => new Date(Date.UTC(2027, 3, 12) + offset * DAY);
    const school = (name: string, plannedMigrationOn: Date | null) =>
      db.school.create({ data: { name, syncSchedule: "off", wondeId: `W-${name}`, wondeTokenEnc: encryptSecret("demo"), plannedMigrationOn } });
    const today = await school("today", day(0));
    const lastWeek = await school("last-week", day(-7));
    await school("next-week", day(7));
    await school("a-month-ago", day(-30));
    await school("no-plan", null);

    const queued: string[] = [];
    setSyncDispatcher(async (job) => {
      queued.push(job.schoolId);
    });
    for (let minute = 0; minute < 60; minute += SCHEDULE_TICK_MINUTES) await enqueueScheduledSyncs(db, new Date(now.getTime() + minute * 60_000));
    expect(queued.sort()).toEqual([today.id, lastWeek.id].sort());
  });
});
