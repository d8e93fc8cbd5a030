import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "@/emulator/server";
import { db } from "@/server/db";
import { activeMigration, idsChurned } from "@/server/migrations/detect";
import { handleWondeWebhook } from "@/server/migrations/webhook";
import { setSyncDispatcher } from "@/server/sync/queue";
import { connectedSchool, emulatorClient, runSync, smallSchools, startEmulator } from "../helpers/sync";

// Id churn: "most known ids gone at once" opens a migration even when Wonde names the same MIS.
// A full sync judges Wonde's first page of pupils and of staff; an incremental one counts the
// ids Wonde deleted since its cursor. The emulator's school is changed by hand between checks
// (some ids reissued, some deletions listed) and put back after each test.

const [SPEC] = smallSchools(1, 40);
const WONDE_ID = SPEC!.id;
/** The incremental cursor, and deletions stamped after it and before it (the emulator's instants are in seconds). */
const CURSOR = new Date("2025-01-13T12:00:00Z");
const AFTER_CURSOR = Date.parse("2025-01-13T12:30:00Z") / 1000;
const BEFORE_CURSOR = Date.parse("2025-01-13T11:30:00Z") / 1000;

afterAll(() => db.$disconnect());

describe("noticing reissued ids (id churn)", () => {
  let emulator: RunningEmulator;
  let schoolId: string;
  let undo: (() => Promise<void> | void)[] = [];
  /** Records given a new id in this test, so that a second reissue takes others. */
  const reissued = new Set<object>();

  const data = () => emulator.state.school(WONDE_ID)!;
  const churned = (updatedAfter?: Date) => idsChurned(db, schoolId, WONDE_ID, emulatorClient(emulator), updatedAfter);
  const known = (entity: "student" | "employee") => db.externalId.count({ where: { schoolId, entity, supersededAt: null, person: { archivedAt: null } } });

  /** Gives the first `count` current pupils (or staff) new Wonde ids, as an MIS move does, optionally listing the old ids as deleted at `deletedAt`. */
  function reissue(entity: "student" | "employee", count: number, deletedAt?: number) {
    const records = entity === "student" ? data().students : data().employees.filter((e) => e.current);
    const chosen = records.filter((r) => !reissued.has(r)).slice(0, count);
    expect(chosen).toHaveLength(count);
    const before = chosen.map((r) => r.id);
    const deletions = data().deletions.length;
    chosen.forEach((r) => {
      reissued.add(r);
      if (deletedAt !== undefined) data().deletions.push({ type: entity, id: r.id, misId: r.misId, deletedAt, restoredAt: null });
      r.id = `${r.id}R`;
    });
    data().version += 1;
    undo.push(() => {
      chosen.forEach((r, i) => {
        r.id = before[i]!;
        reissued.delete(r);
      });
      data().deletions.length = deletions;
      data().version += 1;
    });
  }

  /** Takes the first `count` current pupils off Wonde's roll (leavers), listing them as deleted at `deletedAt`. */
  function leave(count: number, deletedAt: number) {
    const gone = data().students.splice(0, count);
    const deletions = data().deletions.length;
    gone.forEach((r) => data().deletions.push({ type: "student", id: r.id, misId: r.misId, deletedAt, restoredAt: null }));
    data().version += 1;
    undo.push(() => {
      data().students.unshift(...gone);
      data().deletions.length = deletions;
      data().version += 1;
    });
  }

  /** Archives our pupils (the first ones by id) until `remaining` known pupils are left. */
  async function archivePupilsDownTo(remaining: number) {
    const pupils = await db.person.findMany({ where: { schoolId, kind: "PUPIL", archivedAt: null }, select: { id: true }, orderBy: { id: "asc" } });
    const ids = pupils.slice(0, pupils.length - remaining).map((p) => p.id);
    await db.person.updateMany({ where: { id: { in: ids } }, data: { archivedAt: new Date() } });
    undo.push(() => db.person.updateMany({ where: { id: { in: ids } }, data: { archivedAt: null } }).then(() => undefined));
    expect(await known("student")).toBe(remaining);
  }

  beforeAll(async () => {
    emulator = await startEmulator({ seed: "churn", schools: [SPEC!] });
    schoolId = (await connectedSchool(db, WONDE_ID)).id;
    expect((await runSync(db, emulator, schoolId)).status).toBe("SUCCEEDED");
    // The boundaries below need an even roll of pupils that are all known, and at least 20 staff.
    expect(await known("student")).toBe(data().students.length);
    expect(data().students.length % 2).toBe(0);
    expect(await known("employee")).toBeGreaterThanOrEqual(20);
  });
  afterEach(async () => {
    for (const step of undo.reverse()) await step();
    undo = [];
  });
  afterAll(() => emulator.close());

  describe("on a full sync (Wonde's first page)", () => {
    it("is no churn when every id on the first pages is known, nor when one pupil's is not", async () => {
      expect(await churned()).toBe(false);
      reissue("student", 1);
      expect(await churned()).toBe(false);
    });

    it("is churn from exactly half the first page of pupils unknown, not one fewer", async () => {
      const half = data().students.length / 2;
      reissue("student", half - 1);
      expect(await churned()).toBe(false);
      reissue("student", 1);
      expect(await churned()).toBe(true);
    });

    it("judges by the first page even when Wonde lists no deletions", async () => {
      reissue("student", data().students.length);
      expect(data().deletions).toHaveLength(0);
      expect(await churned()).toBe(true);
    });

    it("does not judge an empty list: no pupils on Wonde's first page is no churn", async () => {
      const roll = data().students.splice(0);
      data().version += 1;
      undo.push(() => {
        data().students.push(...roll);
        data().version += 1;
      });
      expect(await churned()).toBe(false);
    });

    it("reads the staff page too: staff ids reissued while every pupil's is known is churn", async () => {
      reissue("employee", data().employees.filter((e) => e.current).length);
      expect(await churned()).toBe(true);
    });

    it("judges a school with at least 20 known pupils, and counts only pupils not archived", async () => {
      reissue("student", data().students.length);
      await archivePupilsDownTo(20);
      expect(await churned()).toBe(true);
    });

    it("does not judge a school with fewer than 20 known pupils (archived ones are not known)", async () => {
      reissue("student", data().students.length);
      await archivePupilsDownTo(19);
      expect(await churned()).toBe(false);
    });
  });

  describe("on an incremental sync (Wonde's deletions since the cursor)", () => {
    it("is churn when at least half the known pupils were deleted since the cursor, whatever the first page shows", async () => {
      // Half the roll left: the first page shows only known pupils, but the deletions count.
      leave(data().students.length / 2, AFTER_CURSOR);
      expect(await churned()).toBe(false);
      expect(await churned(CURSOR)).toBe(true);
    });

    it("is no churn when one pupil fewer than half was deleted", async () => {
      reissue("student", data().students.length / 2 - 1, AFTER_CURSOR);
      expect(await churned(CURSOR)).toBe(false);
    });

    it("counts only deletions since the cursor", async () => {
      reissue("student", data().students.length, BEFORE_CURSOR);
      expect(await churned(CURSOR)).toBe(false);
    });

    it("counts staff deletions against known staff", async () => {
      const staff = data().employees.filter((e) => e.current).length;
      reissue("employee", staff, AFTER_CURSOR);
      expect(await churned(CURSOR)).toBe(true);
    });

    it("judges a school with at least 20 known pupils, not 19, when Wonde lists deletions", async () => {
      reissue("student", data().students.length, AFTER_CURSOR);
      await archivePupilsDownTo(20);
      expect(await churned(CURSOR)).toBe(true);
      await archivePupilsDownTo(19);
      expect(await churned(CURSOR)).toBe(false);
    });

    it("counts only deleted ids we still hold", async () => {
      // Wonde lists deletions of ids we never held (or hold no longer): they are not ours to lose.
      const now = data().deletions.length;
      for (let i = 0; i < data().students.length; i++) data().deletions.push({ type: "student", id: `B${i}`, misId: `${i}`, deletedAt: AFTER_CURSOR, restoredAt: null });
      data().version += 1;
      undo.push(() => void (data().deletions.length = now));
      expect(await churned(CURSOR)).toBe(false);
    });
  });
});

describe("the open migration", () => {
  afterEach(() => setSyncDispatcher(null));

  it("two schoolMigration webhooks in a row open one migration, logged once", async () => {
    // A school whose MIS we never read: the first webhook names only the new MIS.
    const school = await db.school.create({ data: { name: "Two Webhooks School", wondeId: "A3999999901" } });
    const jobs: unknown[] = [];
    setSyncDispatcher(async (job) => void jobs.push(job));
    expect(await handleWondeWebhook(db, { payload_type: "schoolMigration", school_id: "A3999999901", migrate_to: "Arbor" })).toEqual({ handled: true });
    const first = await db.misMigration.findFirstOrThrow({ where: { schoolId: school.id } });
    expect(first).toMatchObject({ fromMis: null, toMis: "Arbor", status: "DETECTED" });
    expect(await handleWondeWebhook(db, { payload_type: "schoolMigration", school_id: "A3999999901", migrate_from: "SIMS", migrate_to: "Bromcom" })).toEqual({ handled: true });
    expect(await db.misMigration.findMany({ where: { schoolId: school.id } })).toEqual([first]);
    const logged = await db.activityEvent.findMany({ where: { schoolId: school.id, action: "Migration Detected" } });
    expect(logged.map((e) => e.subjectLabel)).toEqual(["? → Arbor"]);
  });

  it("is the school's newest migration still open: not an applied one, nor another school's", async () => {
    const school = await db.school.create({ data: { name: "Open Migration School" } });
    const other = await db.school.create({ data: { name: "Other School" } });
    await db.misMigration.create({ data: { schoolId: other.id, detectedBy: "webhook", detectedAt: new Date("2025-03-01T00:00:00Z") } });
    await db.misMigration.create({ data: { schoolId: school.id, detectedBy: "webhook", status: "APPLIED", detectedAt: new Date("2025-02-01T00:00:00Z") } });
    expect(await activeMigration(db, school.id)).toBeNull();
    // The older one first, so that the table's own order would give it.
    const older = await db.misMigration.create({ data: { schoolId: school.id, detectedBy: "mis-change", detectedAt: new Date("2025-01-01T00:00:00Z") } });
    expect((await activeMigration(db, school.id))?.id).toBe(older.id);
    const newer = await db.misMigration.create({ data: { schoolId: school.id, detectedBy: "id-churn", status: "PREVIEWED", detectedAt: new Date("2025-01-02T00:00:00Z") } });
    expect((await activeMigration(db, school.id))?.id).toBe(newer.id);
  });
});
