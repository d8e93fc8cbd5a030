import { afterAll, afterEach, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { acquireSyncLease, DEAD_RUN_MESSAGE, STALE_LEASE_MS, SyncAlreadyRunningError } from "@/server/sync/lease";
import { nextScheduledSync, SCHEDULE_TICK_MINUTES } from "@/lib/sync-schedule";
import { enqueueScheduledSyncs, requestSync, setSyncDispatcher } from "@/server/sync/queue";
import { encryptSecret } from "@/server/crypto";

/** A school whose sync lease is held by a RUNNING run that last beat its heart at `heartbeat`. */
async function schoolHeldBy(heartbeat: Date) {
  const school = await db.school.create({ data: { name: "Leased", wondeId: `A4${Math.floor(Math.random() * 1e9)}`, wondeTokenEnc: encryptSecret("demo") } });
  const run = await db.syncRun.create({ data: { schoolId: school.id, trigger: "MANUAL", mode: "full", status: "RUNNING", startedAt: heartbeat } });
  await db.school.update({ where: { id: school.id }, data: { syncLockRunId: run.id, syncLockHeartbeat: heartbeat } });
  return { school, run };
}

const dispatched: string[] = [];
setSyncDispatcher(async (job) => void dispatched.push(job.schoolId));
afterEach(() => void (dispatched.length = 0));
afterAll(async () => {
  setSyncDispatcher(null);
  await db.$disconnect();
});

describe("sync leases", () => {
  it("leaves a live lease alone, and takes a stale one over, marking the dead run FAILED", async () => {
    const heartbeat = new Date("2026-11-30T10:00:00Z");
    const { school, run } = await schoolHeldBy(heartbeat);
    const next = await db.syncRun.create({ data: { schoolId: school.id, trigger: "CLI", mode: "full" } });

    const soon = new Date(heartbeat.getTime() + STALE_LEASE_MS - 1000);
    await expect(acquireSyncLease(db, school.id, next.id, soon)).rejects.toBeInstanceOf(SyncAlreadyRunningError);
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("RUNNING");

    const later = new Date(heartbeat.getTime() + STALE_LEASE_MS + 1000);
    await acquireSyncLease(db, school.id, next.id, later);
    expect(await db.school.findUniqueOrThrow({ where: { id: school.id } })).toMatchObject({ syncLockRunId: next.id, syncLockHeartbeat: later });
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "FAILED", error: DEAD_RUN_MESSAGE, finishedAt: later });
  });

  it("Sync Data joins a live run, but replaces a dead one", async () => {
    const heartbeat = new Date("2026-11-30T10:00:00Z");
    const { school, run } = await schoolHeldBy(heartbeat);
    const request = { schoolId: school.id, mode: "full" as const, trigger: "MANUAL" as const };

    expect(await requestSync(db, request, new Date(heartbeat.getTime() + 1000))).toEqual({ runId: run.id, alreadyRunning: true });
    expect(dispatched).toEqual([]);

    const later = new Date(heartbeat.getTime() + STALE_LEASE_MS + 1000);
    const replaced = await requestSync(db, request, later);
    expect(replaced.alreadyRunning).toBe(false);
    expect(replaced.runId).not.toBe(run.id);
    expect(dispatched).toEqual([school.id]);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "FAILED", error: DEAD_RUN_MESSAGE });
  });

  it("the schedule also replaces a dead run", async () => {
    const { school, run } = await schoolHeldBy(new Date("2026-11-30T05:00:00Z"));
    await db.school.update({ where: { id: school.id }, data: { syncSchedule: "hourly" } });
    // Every tick of an hour: the school is due at exactly one of them.
    for (let minute = 0; minute < 60; minute += SCHEDULE_TICK_MINUTES) await enqueueScheduledSyncs(db, new Date(Date.UTC(2026, 10, 30, 12, minute)));
    expect(dispatched).toEqual([school.id]);
    expect(await db.syncRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "FAILED", error: DEAD_RUN_MESSAGE });
  });
});

describe("scheduled syncs of a trust", () => {
  it("spread 50 daily schools over 06:00–07:59 UK time, each once", async () => {
    await db.school.updateMany({ data: { syncSchedule: "off" } });
    const trust = await db.trust.create({ data: { name: "Big Trust" } });
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const school = await db.school.create({ data: { name: `Trust school ${i}`, trustId: trust.id, wondeId: `A5${String(i).padStart(9, "0")}`, wondeTokenEnc: encryptSecret("trust-token"), syncSchedule: "daily" } });
      ids.push(school.id);
    }
    // A winter day, so UK time is UTC; every tick from 00:00 to 23:55.
    const perTick: number[] = [];
    const dispatchedAt = new Map<string, Date>();
    for (let minute = 0; minute < 24 * 60; minute += SCHEDULE_TICK_MINUTES) {
      const before = dispatched.length;
      const at = new Date(Date.UTC(2026, 11, 1, 0, minute));
      await enqueueScheduledSyncs(db, at);
      perTick.push(dispatched.length - before);
      for (const id of dispatched.slice(before)) dispatchedAt.set(id, at);
      // Each run finishes before the next tick, as a real one would.
      await db.syncRun.updateMany({ where: { status: "QUEUED" }, data: { status: "SUCCEEDED" } });
    }
    expect([...dispatched].sort()).toEqual([...ids].sort());
    const busyTicks = perTick.map((n, tick) => ({ n, minute: tick * SCHEDULE_TICK_MINUTES })).filter((t) => t.n > 0);
    expect(busyTicks.every((t) => t.minute >= 6 * 60 && t.minute < 8 * 60)).toBe(true);
    // 50 schools over 24 ticks: spread out, not all at 06:00.
    expect(busyTicks.length).toBeGreaterThanOrEqual(15);
    expect(Math.max(...perTick)).toBeLessThanOrEqual(8);
    // The dashboard's "Next sync" is the tick the schedule really uses.
    for (const id of ids) expect(nextScheduledSync(id, "daily", new Date(Date.UTC(2026, 10, 30, 23, 59)))).toEqual(dispatchedAt.get(id));
  });
});
