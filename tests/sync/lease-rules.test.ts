import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import { acquireSyncLease, DEAD_RUN_MESSAGE, failDeadRuns, isLeaseStale, keepSyncLeaseAlive, STALE_LEASE_MS, SyncAlreadyRunningError } from "@/server/sync/lease";
import { createSchool } from "../helpers/fixtures";

// The sync lease's rules one by one, without a sync (written for the mutants that survived
// StrykerJS on server/sync/lease.ts; see tests/MUTANTS.md).

const run = (schoolId: string, status: "RUNNING" | "SUCCEEDED" = "RUNNING") => db.syncRun.create({ data: { schoolId, trigger: "WEBHOOK", mode: "full", status } });

describe("sync lease rules", () => {
  afterEach(() => vi.useRealTimers());
  afterAll(() => db.$disconnect());

  it("is stale only once the heartbeat is older than the limit", () => {
    const now = new Date();
    expect(isLeaseStale(null, now)).toBe(true);
    expect(isLeaseStale(new Date(now.getTime() - STALE_LEASE_MS), now)).toBe(false);
    expect(isLeaseStale(new Date(now.getTime() - STALE_LEASE_MS - 1), now)).toBe(true);
  });

  it("lets the run holding the lease take it again, without failing it; refuses another run while it is live", async () => {
    const school = await createSchool(db);
    const mine = await run(school.id);
    const other = await run(school.id);
    await acquireSyncLease(db, school.id, mine.id);
    await acquireSyncLease(db, school.id, mine.id);
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe("RUNNING");
    const refused = await acquireSyncLease(db, school.id, other.id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncAlreadyRunningError);
    expect((refused as SyncAlreadyRunningError).message).toBe("A sync of this school is already running");
    expect((refused as SyncAlreadyRunningError).userMessage).toBe("A sync of this school is already running. Wait for it to finish.");
  });

  it("names a school that does not exist", async () => {
    await expect(acquireSyncLease(db, "no-such-school", "run")).rejects.toThrow("School no-such-school not found");
  });

  it("fails only the named runs that are unfinished", async () => {
    const school = await createSchool(db);
    const dead = await run(school.id);
    const finished = await run(school.id, "SUCCEEDED");
    const alive = await run(school.id);
    await failDeadRuns(db, [dead.id, finished.id]);
    const rows = await db.syncRun.findMany({ where: { schoolId: school.id }, select: { id: true, status: true, error: true } });
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.status, r.error]]))).toEqual({
      [dead.id]: ["FAILED", DEAD_RUN_MESSAGE],
      [finished.id]: ["SUCCEEDED", null],
      [alive.id]: ["RUNNING", null],
    });
  });

  it("beats the lease's heart every 30 seconds while the run holds it, and stops when told", async () => {
    const school = await createSchool(db);
    const holder = await run(school.id);
    const start = new Date("2026-03-02T10:00:00Z");
    await db.school.update({ where: { id: school.id }, data: { syncLockRunId: holder.id, syncLockHeartbeat: start } });
    // Another school's lease, held by another run: its heart is not ours to beat.
    const neighbour = await createSchool(db);
    const neighbourRun = await run(neighbour.id);
    await db.school.update({ where: { id: neighbour.id }, data: { syncLockRunId: neighbourRun.id, syncLockHeartbeat: start } });
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"], now: start });
    const heartbeat = async () => (await db.school.findUniqueOrThrow({ where: { id: school.id } })).syncLockHeartbeat!.toISOString();

    const stop = keepSyncLeaseAlive(db, school.id, holder.id);
    vi.advanceTimersByTime(29_999);
    expect(await heartbeat()).toBe(start.toISOString());
    vi.advanceTimersByTime(1);
    await vi.waitFor(async () => expect(await heartbeat()).toBe("2026-03-02T10:00:30.000Z"));

    expect((await db.school.findUniqueOrThrow({ where: { id: neighbour.id } })).syncLockHeartbeat!.toISOString()).toBe(start.toISOString());

    stop();
    vi.advanceTimersByTime(60_000);
    // The next write, if any, would have been issued synchronously by the timer: a read now sees it.
    await db.school.update({ where: { id: school.id }, data: { name: "After stop" } });
    expect(await heartbeat()).toBe("2026-03-02T10:00:30.000Z");
  });
});
