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
