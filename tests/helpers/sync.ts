import { startEmulator, type RunningEmulator, type SchoolSpec } from "@/emulator/server";
import { encryptSecret } from "@/server/crypto";
import type { Db } from "@/server/db";
import { createWondeClient } from "@/server/wonde";
import { syncSchool, type SyncOptions } from "@/server/sync/run";

export { startEmulator, type RunningEmulator };

/** A Staffroom school connected to an emulated Wonde school with the demo token. */
export async function connectedSchool(db: Db, wondeId: string) {
  return db.school.create({ data: { name: `School ${wondeId}`, wondeId, wondeTokenEnc: encryptSecret("demo") } });
}

/** The real client against the emulator, with retries that don't wait in real time. */
export function emulatorClient(emulator: RunningEmulator, token = "demo") {
  return createWondeClient({ baseUrl: emulator.url, token, retry: { sleep: async () => {} } });
}

export function runSync(db: Db, emulator: RunningEmulator, schoolId: string, options: Partial<SyncOptions> = {}) {
  return syncSchool(db, schoolId, { mode: "full", trigger: "MANUAL", client: emulatorClient(emulator), ...options });
}

/** `count` small emulated schools (ids A3000000001…), for tests that sync many at once. */
export function smallSchools(count: number, pupils = 40): SchoolSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `A3${String(i + 1).padStart(9, "0")}`,
    name: `Small School ${i + 1}`,
    mis: "SIMS" as const,
    phase: "PRIMARY" as const,
    pupils,
    emailDomain: `small${i + 1}.sch.uk`,
  }));
}

/** Everything a sync writes about a school, without our generated ids or timestamps. */
export async function snapshot(database: Db, schoolId: string) {
  const people = await database.person.findMany({
    where: { schoolId },
    include: { externalIds: { select: { externalId: true, supersededAt: true } }, lineManager: { select: { forename: true, surname: true } } },
  });
  const classes = await database.class.findMany({ where: { schoolId }, include: { staff: { select: { person: { select: { email: true } } } }, _count: { select: { pupils: true } } } });
  const subjects = await database.subject.findMany({ where: { schoolId }, select: { name: true, code: true, archivedAt: true }, orderBy: [{ name: "asc" }, { code: "asc" }] });
  return {
    subjects,
    people: people
      .map(({ id: _id, schoolId: _s, createdAt: _c, updatedAt: _u, lastSyncedAt: _l, lineManagerId: _m, ...rest }) => ({ ...rest, externalIds: rest.externalIds.map((e) => e.externalId).sort() }))
      .sort((a, b) => a.externalIds[0]!.localeCompare(b.externalIds[0]!)),
    classes: classes
      // A class's hash covers its links by our ids, which differ between databases.
      .map(({ id: _id, schoolId: _s, createdAt: _c, updatedAt: _u, subjectId: _sub, contentHash: _h, ...rest }) => ({ ...rest, staff: rest.staff.map((s) => s.person.email).sort() }))
      .sort((a, b) => a.name.localeCompare(b.name) || (a.code ?? "").localeCompare(b.code ?? "")),
  };
}
