/**
 * Staff photos as the sync imports them (server/sync/photos.ts), against the emulator: every
 * photo the first time, then only the staff Wonde changed, a photo rewritten only when its
 * updated_at moved, anything that is not an image skipped, and a failed read never failing
 * the sync. Written for the sync-map mutants no test covered (tests/MUTANTS.md).
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { db } from "@/server/db";
import { schoolFeed } from "@/server/sync/map";
import { importStaffPhotos } from "@/server/sync/photos";
import { connectedSchool, emulatorClient } from "../helpers/sync";

const ST_MARYS = "A2102984463";

let emulator: RunningEmulator;
/** St Mary's (SIMS), with its current staff known (as a sync leaves them) and no photos. */
let school: { id: string };
beforeAll(async () => {
  emulator = await startEmulator({ seed: "photo-import" });
  school = await connectedSchool(db, ST_MARYS);
  // Not a whole sync (seconds per mutant): the people and MIS ids the photos are stored against.
  for await (const page of emulatorClient(emulator).employees(ST_MARYS, { include: ["employment_details"] })) {
    for (const e of page.data.filter((e) => e.employment_details?.current)) {
      await db.person.create({ data: { schoolId: school.id, kind: "STAFF", forename: e.forename ?? "", surname: e.surname ?? "", externalIds: { create: { schoolId: school.id, entity: "employee", externalId: e.id } } } });
    }
  }
});
afterAll(async () => {
  await emulator.close();
  await db.$disconnect();
});

const SIMS = schoolFeed("SIMS", [], true);

/** What Wonde sends: each employee's photo as bytes, with its updated_at. */
async function wondePhotos() {
  const out = new Map<string, { bytes: Buffer; updatedAt: Date | null }>();
  for await (const page of emulatorClient(emulator).employees(ST_MARYS, { include: ["photo"] })) {
    for (const e of page.data) if (e.photo?.content) out.set(e.id, { bytes: Buffer.from(e.photo.content, "base64"), updatedAt: e.photo.updated_at ?? e.updated_at ?? null });
  }
  return out;
}

async function staffOf(schoolId: string) {
  const ids = await db.externalId.findMany({ where: { schoolId, entity: "employee", personId: { not: null } }, select: { externalId: true, personId: true } });
  return new Map(ids.map((i) => [i.externalId, i.personId!]));
}

const photoRequests = (since: number) => emulator.state.requestLog(since).filter((r) => r.path.includes("/employees") && r.query.includes("photo"));

describe("staff photo import", () => {
  it("stores every known member of staff's photo the first time, then only what changed, and reads only changed staff once it has a cursor", async () => {
    const staff = await staffOf(school.id);
    const sent = await wondePhotos();
    const known = [...sent.keys()].filter((id) => staff.has(id));
    expect(known.length).toBeGreaterThan(2);

    const target = { id: school.id, wondeId: ST_MARYS, importPhotos: true, photosSyncedAt: null };
    const before = Date.now();
    let mark = emulator.state.log.total;
    // A cursor, but no photos read yet: the whole list.
    expect(await importStaffPhotos(db, emulatorClient(emulator), target, SIMS, new Date("2100-01-01T00:00:00Z"))).toEqual({ read: sent.size, stored: known.length });
    expect(photoRequests(mark).every((r) => !r.query.includes("updated_after"))).toBe(true);
    const rows = await db.personPhoto.findMany({ where: { schoolId: school.id } });
    expect(rows).toHaveLength(known.length);
    for (const id of known) {
      const row = rows.find((r) => r.personId === staff.get(id))!;
      const { bytes, updatedAt } = sent.get(id)!;
      expect(row.contentType).toBe("image/png");
      expect(Buffer.from(row.bytes).equals(bytes)).toBe(true);
      expect(row.hash).toBe(createHash("sha256").update(bytes).digest("base64url").slice(0, 22));
      expect(row.sourceUpdatedAt).toEqual(updatedAt);
    }
    const { photosSyncedAt } = await db.school.findUniqueOrThrow({ where: { id: school.id } });
    expect(photosSyncedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Read in full again: nothing moved, nothing written.
    expect(await importStaffPhotos(db, emulatorClient(emulator), target, SIMS, undefined)).toEqual({ read: sent.size, stored: 0 });

    // One stored photo is older than Wonde's: only that one is rewritten.
    const [first, second] = known;
    await db.personPhoto.update({ where: { personId: staff.get(first!)! }, data: { sourceUpdatedAt: new Date("2001-01-01T00:00:00Z"), hash: "stale" } });
    expect(await importStaffPhotos(db, emulatorClient(emulator), target, SIMS, undefined)).toEqual({ read: sent.size, stored: 1 });
    expect((await db.personPhoto.findUniqueOrThrow({ where: { personId: staff.get(first!)! } })).hash).not.toBe("stale");

    // With photos read before and a cursor, only the staff changed since are asked for.
    mark = emulator.state.log.total;
    const incremental = { ...target, photosSyncedAt: new Date() };
    expect(await importStaffPhotos(db, emulatorClient(emulator), incremental, SIMS, new Date("2100-01-01T00:00:00Z"))).toEqual({ read: 0, stored: 0 });
    expect(photoRequests(mark).some((r) => r.query.includes("updated_after"))).toBe(true);

    // A photo that is not an image is skipped, and the rest are still stored.
    await db.personPhoto.deleteMany({ where: { schoolId: school.id } });
    emulator.state.setMutations([{ path: `${ST_MARYS}/employees`, field: "photo.data.content", as: "string", ids: [second!] }]);
    try {
      expect(await importStaffPhotos(db, emulatorClient(emulator), target, SIMS, undefined)).toEqual({ read: sent.size, stored: known.length - 1 });
    } finally {
      emulator.state.setMutations([]);
    }
    expect(await db.personPhoto.findUnique({ where: { personId: staff.get(second!)! } })).toBeNull();
  });

  it("dates a photo by its employee when it has no updated_at, rewrites one with neither every time, and skips staff Staffroom does not know", async () => {
    await db.personPhoto.deleteMany({ where: { schoolId: school.id } });
    const staff = await staffOf(school.id);
    const sent = await wondePhotos();
    const known = [...sent.keys()].filter((id) => staff.has(id));
    const [undated, superseded, photoUndated] = known;
    await db.externalId.updateMany({ where: { schoolId: school.id, externalId: superseded! }, data: { supersededAt: new Date() } });
    const target = { id: school.id, wondeId: ST_MARYS, importPhotos: true, photosSyncedAt: null };
    emulator.state.setMutations([
      { path: `${ST_MARYS}/employees`, field: "photo.data.updated_at", as: "null", ids: [undated!] },
      { path: `${ST_MARYS}/employees`, field: "updated_at", as: "null", ids: [undated!] },
      { path: `${ST_MARYS}/employees`, field: "photo.data.updated_at", as: "null", ids: [photoUndated!] },
    ]);
    try {
      const first = await importStaffPhotos(db, emulatorClient(emulator), target, SIMS, undefined);
      expect(first.stored).toBe(known.length - 1);
      expect(await db.personPhoto.findUnique({ where: { personId: staff.get(superseded!)! } })).toBeNull();
      expect((await db.personPhoto.findUniqueOrThrow({ where: { personId: staff.get(undated!)! } })).sourceUpdatedAt).toBeNull();
      // The emulator dates a photo as its employee: the employee's updated_at stands in.
      expect((await db.personPhoto.findUniqueOrThrow({ where: { personId: staff.get(photoUndated!)! } })).sourceUpdatedAt).toEqual(sent.get(photoUndated!)!.updatedAt);
      expect((await importStaffPhotos(db, emulatorClient(emulator), target, SIMS, undefined)).stored).toBe(1);
    } finally {
      emulator.state.setMutations([]);
      await db.externalId.updateMany({ where: { schoolId: school.id, externalId: superseded! }, data: { supersededAt: null } });
    }
  });

  it("reads nothing when photos are off or the MIS has none, and a failed read is logged without failing", async () => {
    await db.personPhoto.deleteMany({ where: { schoolId: school.id } });
    await db.school.update({ where: { id: school.id }, data: { photosSyncedAt: null } });
    await db.personPhoto.deleteMany({ where: { schoolId: school.id } });
    const target = { id: school.id, wondeId: ST_MARYS, importPhotos: true, photosSyncedAt: null };
    const mark = emulator.state.log.total;
    expect(await importStaffPhotos(db, emulatorClient(emulator), { ...target, importPhotos: false }, SIMS, undefined)).toEqual({ read: 0, stored: 0 });
    expect(await importStaffPhotos(db, emulatorClient(emulator), target, schoolFeed("ScholarPack", [], true), undefined)).toEqual({ read: 0, stored: 0 });
    expect(photoRequests(mark)).toEqual([]);

    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    emulator.state.setFaults([{ kind: "server_error", status: 503, path: `${ST_MARYS}/employees` }]);
    try {
      expect(await importStaffPhotos(db, emulatorClient(emulator), target, SIMS, undefined)).toEqual({ read: 0, stored: 0 });
      expect(errors).toHaveBeenCalledWith(`Staff photos could not be read for school ${school.id}:`, expect.anything());
    } finally {
      emulator.state.setFaults([]);
      errors.mockRestore();
    }
    expect(await db.personPhoto.count({ where: { schoolId: school.id } })).toBe(0);
    expect((await db.school.findUniqueOrThrow({ where: { id: school.id } })).photosSyncedAt).toBeNull();
  });
});
