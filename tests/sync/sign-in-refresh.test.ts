import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { OAKFIELD_ID, PARKSIDE_ID } from "@/emulator/schools";
import { db } from "@/server/db";
import { encryptSecret } from "@/server/crypto";
import { logger } from "@/server/logger";
import { refreshStaffOnSignIn } from "@/server/sync/refresh-on-sign-in";
import { connectedSchool, emulatorClient, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

describe("staff record refreshed at sign-in", () => {
  let emulator: RunningEmulator;
  let userId: string;
  let personId: string;
  let schoolId: string;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "sign-in" });
    const school = await connectedSchool(db, OAKFIELD_ID);
    schoolId = school.id;
    expect((await runSync(db, emulator, school.id)).status).toBe("SUCCEEDED");
    const user = await db.user.findFirstOrThrow({ where: { person: { schoolId: school.id } }, select: { id: true, personId: true } });
    userId = user.id;
    personId = user.personId!;
  });
  afterAll(async () => {
    await emulator.close();
    await db.$disconnect();
  });
  afterEach(() => vi.restoreAllMocks());

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

  it("gives up quietly when Wonde is down, leaving the record as it was, with a warning in the server log", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    await db.person.update({ where: { id: personId }, data: { forename: "Outdated", contentHash: "stale" } });
    emulator.state.setFaults([{ kind: "server_error" }]);
    try {
      const result = await refreshStaffOnSignIn(db, userId, { client: emulatorClient(emulator) });
      expect(result).toEqual({ status: "failed" });
    } finally {
      emulator.state.setFaults([]);
    }
    expect((await db.person.findUniqueOrThrow({ where: { id: personId } })).forename).toBe("Outdated");
    // Who, at which school, and Wonde's error: what an operator needs to follow it up.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith({ userId, schoolId, err: expect.any(Error) }, "Refreshing the user from Wonde at sign-in failed");
    expect((warn.mock.calls[0]![0] as { err: Error }).err.message).toMatch(/500|server/i);
    // The next sign-in puts it right.
    expect(await refreshStaffOnSignIn(db, userId, { client: emulatorClient(emulator) })).toMatchObject({ status: "refreshed", counts: { updated: 1 } });
    expect((await db.person.findUniqueOrThrow({ where: { id: personId } })).forename).not.toBe("Outdated");
  });

  it("refreshes each school's own record of someone on staff in two schools, from that school's MIS; one failing does not stop the other", async () => {
    const parkside = await connectedSchool(db, PARKSIDE_ID);
    expect((await runSync(db, emulator, parkside.id)).status).toBe("SUCCEEDED");
    // The same person on Parkside's staff too: that record's link now belongs to this user.
    const there = await db.userPersonLink.findFirstOrThrow({ where: { schoolId: parkside.id, person: { kind: "STAFF" } }, orderBy: { createdAt: "asc" } });
    await db.userPersonLink.update({ where: { personId: there.personId }, data: { userId } });
    const ids = [personId, there.personId];
    const forenames = async () => (await Promise.all(ids.map((id) => db.person.findUniqueOrThrow({ where: { id } })))).map((p) => p.forename);
    const fresh = await forenames();
    const outdate = () => db.person.updateMany({ where: { id: { in: ids } }, data: { forename: "Outdated", contentHash: "stale" } });
    const signInRuns = (id: string) => db.syncRun.count({ where: { schoolId: id, trigger: "SIGN_IN", status: "SUCCEEDED", mode: "incremental" } });
    const runsBefore = [await signInRuns(schoolId), await signInRuns(parkside.id)];

    await outdate();
    const since = emulator.state.log.total;
    expect(await refreshStaffOnSignIn(db, userId, { client: emulatorClient(emulator) })).toEqual({ status: "refreshed", counts: { created: 0, updated: 2, archived: 0, unchanged: 0 } });
    expect(await forenames()).toEqual(fresh);
    expect(emulator.state.log.list(since).map((r) => r.path.split("/").filter(Boolean).slice(-3, -1).join("/"))).toEqual([`${OAKFIELD_ID}/employees`, `${PARKSIDE_ID}/employees`]);
    expect([await signInRuns(schoolId), await signInRuns(parkside.id)]).toEqual(runsBefore.map((n) => n + 1));

    await outdate();
    emulator.state.setFaults([{ kind: "server_error", path: `${PARKSIDE_ID}/employees` }]);
    try {
      expect(await refreshStaffOnSignIn(db, userId, { client: emulatorClient(emulator) })).toEqual({ status: "refreshed", counts: { created: 0, updated: 1, archived: 0, unchanged: 0 } });
    } finally {
      emulator.state.setFaults([]);
    }
    expect(await forenames()).toEqual([fresh[0], "Outdated"]);
    expect([await signInRuns(schoolId), await signInRuns(parkside.id)]).toEqual(runsBefore.map((n, i) => n + 2 - i));
  });

  it("skips a user with no current Wonde staff record in a connected school", async () => {
    const staff = await db.person.findFirstOrThrow({ where: { schoolId, kind: "STAFF", id: { not: personId } }, include: { externalIds: true } });
    const pupil = await db.person.findFirstOrThrow({ where: { schoolId, kind: "PUPIL" } });
    const skipped = async (link: { schoolId: string; personId: string }) => {
      const user = await db.user.create({ data: { email: `skip-${link.personId}@example.org` } });
      await db.userPersonLink.deleteMany({ where: { personId: link.personId } });
      await db.userPersonLink.create({ data: { userId: user.id, ...link } });
      return refreshStaffOnSignIn(db, user.id, { client: emulatorClient(emulator) });
    };
    const since = emulator.state.log.total;
    expect(await skipped({ schoolId, personId: pupil.id })).toEqual({ status: "skipped" });
    // A school whose Wonde connection was removed, or that has no Wonde id.
    const unconnected = await db.school.create({ data: { name: "Unconnected", wondeId: "A7000000001" } });
    const noWondeId = await db.school.create({ data: { name: "No Wonde id", wondeTokenEnc: encryptSecret("demo") } });
    for (const school of [unconnected, noWondeId]) {
      const person = await db.person.create({ data: { schoolId: school.id, kind: "STAFF", forename: "Ex", surname: "Ternal", externalIds: { create: { schoolId: school.id, source: "wonde", entity: "employee", externalId: staff.externalIds[0]!.externalId } } } });
      expect(await skipped({ schoolId: school.id, personId: person.id })).toEqual({ status: "skipped" });
    }
    // A record whose Wonde id was superseded (an MIS migration reissued it) has none current.
    await db.externalId.updateMany({ where: { personId: staff.id }, data: { supersededAt: new Date() } });
    expect(await skipped({ schoolId, personId: staff.id })).toEqual({ status: "skipped" });
    expect(emulator.state.log.list(since)).toEqual([]);
  });

  it("archives the record of someone the MIS says has left, and disables their sign-in", async () => {
    const user = await db.user.findFirstOrThrow({ where: { id: { not: userId }, disabledAt: null, personLinks: { some: { schoolId, person: { kind: "STAFF", archivedAt: null } } } }, include: { personLinks: { include: { person: { include: { externalIds: true } } } } } });
    const link = user.personLinks.find((l) => l.schoolId === schoolId)!;
    const employee = emulator.state.school(OAKFIELD_ID)!.employees.find((e) => e.id === link.person.externalIds[0]!.externalId)!;
    employee.current = false;
    const result = await refreshStaffOnSignIn(db, user.id, { client: emulatorClient(emulator) });
    expect(result).toEqual({ status: "refreshed", counts: { created: 0, updated: 0, archived: 1, unchanged: 0 } });
    expect((await db.person.findUniqueOrThrow({ where: { id: link.personId } })).archivedAt).not.toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();
  });

  it("reports a failure, without throwing, when the user's records cannot be read, with a warning in the server log", async () => {
    const warn = vi.spyOn(logger, "warn").mockImplementation(() => undefined);
    const error = new Error("connection lost");
    const broken = { userPersonLink: { findMany: async () => Promise.reject(error) } } as unknown as typeof db;
    expect(await refreshStaffOnSignIn(broken, userId, { client: emulatorClient(emulator) })).toEqual({ status: "failed" });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith({ userId, err: error }, "Refreshing the user from Wonde at sign-in failed");
  });

  it("reads the schools in the order the user was linked to them, not as the rows happen to come", async () => {
    // Someone on staff at Oakfield and at a second school, linked to the second school first,
    // though Oakfield's link (and Oakfield, and the Oakfield record) is stored first.
    let second = await db.school.findFirst({ where: { wondeId: PARKSIDE_ID } });
    if (!second) {
      second = await connectedSchool(db, PARKSIDE_ID);
      expect((await runSync(db, emulator, second.id)).status).toBe("SUCCEEDED");
    }
    const current = { kind: "STAFF" as const, archivedAt: null, externalIds: { some: { entity: "employee", supersededAt: null } } };
    const here = await db.userPersonLink.findFirstOrThrow({ where: { schoolId, userId: { not: userId }, person: current }, orderBy: { personId: "asc" } });
    const there = await db.userPersonLink.findFirstOrThrow({ where: { schoolId: second.id, userId: { not: userId }, person: current }, orderBy: { personId: "asc" } });
    const user = await db.user.create({ data: { email: `two-schools-${process.pid}@example.org` } });
    await db.userPersonLink.deleteMany({ where: { personId: { in: [here.personId, there.personId] } } });
    const linkedAt = new Date();
    await db.userPersonLink.create({ data: { userId: user.id, schoolId, personId: here.personId, createdAt: linkedAt } });
    await db.userPersonLink.create({ data: { userId: user.id, schoolId: second.id, personId: there.personId, createdAt: new Date(linkedAt.getTime() - 86_400_000) } });

    const since = emulator.state.log.total;
    expect(await refreshStaffOnSignIn(db, user.id, { client: emulatorClient(emulator) })).toMatchObject({ status: "refreshed" });
    expect(emulator.state.log.list(since).map((r) => r.path.split("/").filter(Boolean).slice(-3, -1).join("/"))).toEqual([`${PARKSIDE_ID}/employees`, `${OAKFIELD_ID}/employees`]);
  });
});
