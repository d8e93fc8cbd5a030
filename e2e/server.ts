// The stack the browser tests run against: a throwaway PostgreSQL, the real
// migrations, the Wonde emulator, the demo seed, and `next start` on the
// production build.
import { spawn } from "node:child_process";
import { startEmulator } from "../emulator/server";
import { createDatabase, migrateDatabase, startPostgres } from "../tests/helpers/postgres";
import { seedAuthFixtures, startAuthStandIns } from "./auth-stand-ins";
import { ADMIN, E2E_EMULATOR_PORT, SCHOOL_NAME } from "./fixtures";
import { RESEND_WEBHOOK_SECRET, seedIncidentFixtures } from "./incident-fixtures";
import { seedPupilFixtures } from "./pupil-fixtures";
import { seedLauncherFixtures } from "./launcher-fixtures";
import { seedTrustFixtures } from "./trust-fixtures";
import { seedSharedStaffFixtures } from "./shared-staff-fixtures";
import { seedAppSignInFixtures } from "./app-sign-in-fixtures";

const port = process.env.E2E_PORT ?? "3100";
const postgres = await startPostgres();
const databaseUrl = await createDatabase(postgres.url, "staffroom_e2e");
await migrateDatabase(databaseUrl);
const emulator = await startEmulator({ port: E2E_EMULATOR_PORT, seed: "e2e" });
// Local Google, Microsoft (OIDC) and Resend stand-ins, reached through the real provider code and SDK.
const authStandIns = await startAuthStandIns(`http://127.0.0.1:${port}`);

// The seed (run here) and the server must share these, e.g. to decrypt the Wonde token.
const serverEnv: Record<string, string> = {
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: "e2e-auth-secret-0123456789abcdef0123456789",
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
  AUTH_TRUST_HOST: "true",
  NEXT_TELEMETRY_DISABLED: "1",
  WONDE_BASE_URL: emulator.url,
  ...authStandIns.env,
  RESEND_WEBHOOK_SECRET,
};
Object.assign(process.env, { ...serverEnv, NODE_ENV: "test" });

const { createDb } = await import("../server/db");
const { seedDemo } = await import("../server/demo/seed-demo");
const db = createDb(databaseUrl);
await seedDemo(db, ADMIN.password);
await seedAuthFixtures(db);
await seedIncidentFixtures(db, SCHOOL_NAME);
await seedPupilFixtures(db);
await seedLauncherFixtures(db);
await seedTrustFixtures(db);
await seedSharedStaffFixtures(db);
await seedAppSignInFixtures(db);
await db.$disconnect();

const next = spawn("node_modules/.bin/next", ["start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: { ...process.env, ...serverEnv } as NodeJS.ProcessEnv,
});

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await emulator.close();
  await authStandIns.stop();
  await postgres.stop();
  process.exit(code);
}
next.on("exit", (code) => void stop(code ?? 1));
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
