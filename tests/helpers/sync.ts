import { startEmulator, type RunningEmulator } from "@/emulator/server";
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
