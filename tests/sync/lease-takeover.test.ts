import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { db } from "@/server/db";
import { createWondeClient, type WondeClient } from "@/server/wonde";
import { syncSchool } from "@/server/sync/run";
import { acquireSyncLease, releaseSyncLease, renewSyncLease, STALE_LEASE_MS, SyncAlreadyRunningError, SyncLeaseLostError } from "@/server/sync/lease";
import { createSchool } from "../helpers/fixtures";
import { connectedSchool, startEmulator, type RunningEmulator } from "../helpers/sync";

// The sync lease keeps two processes from writing one school at once. Taking it is tested in
// resilience.test.ts; here: a run that has lost it must stop before its next batch commits.

describe("sync lease", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "lease" });
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  const holder = async (schoolId: string) => db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { syncLockRunId: true, syncLockHeartbeat: true } });

  it("renews only for the run that holds it; a run that lost it gets SyncLeaseLostError and changes nothing", async () => {
    const school = await createSchool(db);
    const start = new Date("2026-03-02T09:00:00Z");
    await acquireSyncLease(db, school.id, "run-1", start);

    const renewedAt = new Date(start.getTime() + 30_000);
    await db.$transaction((tx) => renewSyncLease(tx, school.id, "run-1", renewedAt));
    expect(await holder(school.id)).toEqual({ syncLockRunId: "run-1", syncLockHeartbeat: renewedAt });

    // run-1 stalls; after the stale period, run-2 takes over.
    const takeover = new Date(renewedAt.getTime() + STALE_LEASE_MS + 1);
    await expect(acquireSyncLease(db, school.id, "run-2", new Date(renewedAt.getTime() + STALE_LEASE_MS - 1))).rejects.toBeInstanceOf(SyncAlreadyRunningError);
    await acquireSyncLease(db, school.id, "run-2", takeover);

    await expect(db.$transaction((tx) => renewSyncLease(tx, school.id, "run-1", new Date(takeover.getTime() + 1000)))).rejects.toBeInstanceOf(SyncLeaseLostError);
    expect(await holder(school.id)).toEqual({ syncLockRunId: "run-2", syncLockHeartbeat: takeover });

    // run-1 finishing does not free run-2's lease.
    await releaseSyncLease(db, school.id, "run-1");
    expect(await holder(school.id)).toEqual({ syncLockRunId: "run-2", syncLockHeartbeat: takeover });
    await releaseSyncLease(db, school.id, "run-2");
    expect(await holder(school.id)).toEqual({ syncLockRunId: null, syncLockHeartbeat: null });
  });

  it("a sync whose lease is taken over mid-run fails without writing another batch, and leaves the new holder's lease alone", async () => {
    const school = await connectedSchool(db, OAKFIELD_ID);
    // Another process takes the lease while this run reads its first page of pupils.
    let tookOver = false;
    const stealOnPupils: typeof fetch = async (input, init) => {
      if (!tookOver && String(input instanceof Request ? input.url : input).includes("/students")) {
        tookOver = true;
        await db.school.update({ where: { id: school.id }, data: { syncLockRunId: "another-process", syncLockHeartbeat: new Date() } });
      }
      return fetch(input, init);
    };
    const client = createWondeClient({ baseUrl: emulator.url, token: "demo", retry: { sleep: async () => {} }, fetch: stealOnPupils });

    const summary = await syncSchool(db, school.id, { mode: "full", trigger: "MANUAL", client });
    expect(tookOver).toBe(true);
    expect(summary.status).toBe("FAILED");
    // The run stops at once: the lost lease is the whole story, not a failure of each list in turn.
    expect(summary.error).toMatch(/^Another process took over this school's sync\. (Nothing was changed\.|Written: )/);
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: summary.runId } })).checkpoint).toMatchObject({ failed: [] });
    expect(await db.person.count({ where: { schoolId: school.id, kind: "PUPIL" } })).toBe(0);
    expect((await holder(school.id)).syncLockRunId).toBe("another-process");
  });

  it("a run that loses its lease part-way through a list closes that list, and counts nothing of the page rolled back", async () => {
    const wondeId = "A2102984463";
    const school = await connectedSchool(db, wondeId);
    expect(emulator.state.school(wondeId)!.subjects.length).toBeGreaterThanOrEqual(3);
    const base = createWondeClient({ baseUrl: emulator.url, token: "demo", retry: { sleep: async () => {} } });
    // The subjects come one a page; another process takes the lease before the first arrives.
    const events: string[] = [];
    const client: WondeClient = {
      ...base,
      subjects: (id, options) =>
        (async function* () {
          try {
            await db.school.update({ where: { id: school.id }, data: { syncLockRunId: "another-process", syncLockHeartbeat: new Date() } });
            let n = 0;
            for await (const page of base.subjects(id, options))
              for (const subject of page.data) {
                events.push(`page ${++n}`);
                yield { ...page, data: [subject], pageNumber: n, hasMore: true };
              }
          } finally {
            events.push("closed");
          }
        })(),
    };

    const summary = await syncSchool(db, school.id, { mode: "full", trigger: "MANUAL", client });
    expect(summary).toMatchObject({ status: "FAILED", error: expect.stringMatching(/^Another process took over this school's sync\. Nothing was changed\./) });
    // The first page could not be written and the second was already asked for: the list is then
    // closed, not left open with a read waiting.
    expect(events).toEqual(["page 1", "page 2", "closed"]);
    // The first page's subject was rolled back with its transaction: it is neither in the school
    // nor in the run's counts (the message above says nothing was changed).
    expect(await db.subject.count({ where: { schoolId: school.id } })).toBe(0);
    const nothing = { created: 0, updated: 0, archived: 0, unchanged: 0 };
    expect(summary.counts.subjects).toEqual(nothing);
    expect((await db.syncRun.findUniqueOrThrow({ where: { id: summary.runId } })).counts).toMatchObject({ subjects: nothing });
    expect((await holder(school.id)).syncLockRunId).toBe("another-process");
  });
});
