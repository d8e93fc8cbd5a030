import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { db } from "@/server/db";
import { refreshStaffOnSignIn } from "@/server/sync/refresh-on-sign-in";
import { connectedSchool, emulatorClient, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

describe("staff record refreshed at sign-in", () => {
  let emulator: RunningEmulator;
  let userId: string;
  let personId: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "sign-in" });
    const school = await connectedSchool(db, OAKFIELD_ID);
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    const user = await db.user.findFirstOrThrow({ where: { person: { schoolId: school.id } }, select: { id: true, personId: true } });
    userId = user.id;
    personId = user.personId!;
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });

  it("re-reads the person's own record from Wonde and applies the change", async () => {
    const before = await db.person.findUniqueOrThrow({ where: { id: personId } });
    await db.person.update({ where: { id: personId }, data: { forename: "Outdated", contentHash: "stale" } });
    const since = emulator.state.log.total;
    const result = await refreshStaffOnSignIn(db, userId, { client: emulatorClient(emulator) });
    expect(result).toMatchObject({ status: "refreshed", counts: { updated: 1 } });
    expect((await db.person.findUniqueOrThrow({ where: { id: personId } })).forename).toBe(before.forename);
    // One request, to the single-record endpoint.
    expect(emulator.state.log.list(since).map((r) => r.path)).toEqual([expect.stringMatching(/\/employees\/[^/]+\/?$/)]);
    expect(await db.syncRun.count({ where: { trigger: "SIGN_IN", status: "SUCCEEDED" } })).toBe(1);
  });

  it("gives up quietly when Wonde is down, leaving the record as it was", async () => {
    emulator.state.setFaults([{ kind: "server_error" }]);
    try {
      const result = await refreshStaffOnSignIn(db, userId, { client: emulatorClient(emulator) });
      expect(result).toEqual({ status: "failed" });
    } finally {
      emulator.state.setFaults([]);
    }
  });
});
