// `npm run sync -- --school <wondeSchoolId> [--full]`: syncs one school from
// Wonde (WONDE_BASE_URL, WONDE_TOKEN) into DATABASE_URL and prints a one-line
// JSON summary. Connects the school first if Staffroom doesn't know it yet.
import { parseArgs } from "node:util";
import { createDb } from "../server/db";
import { env } from "../server/env";
import { connectSchool } from "../server/schools/wonde-connection";
import { syncSchool } from "../server/sync/run";

const { values } = parseArgs({ options: { school: { type: "string" }, full: { type: "boolean", default: false } } });
if (!values.school) {
  console.error("Usage: npm run sync -- --school <wondeSchoolId> [--full]");
  process.exit(2);
}
if (!env.WONDE_TOKEN) {
  console.error("Set WONDE_TOKEN (and WONDE_BASE_URL for anything but the real Wonde).");
  process.exit(2);
}

const db = createDb();
try {
  let school = await db.school.findUnique({ where: { wondeId: values.school } });
  school ??= await connectSchool(db, { wondeSchoolId: values.school, token: env.WONDE_TOKEN });
  const summary = await syncSchool(db, school.id, { mode: values.full ? "full" : "incremental", trigger: "CLI" });
  console.log(JSON.stringify(summary));
  process.exitCode = summary.status === "SUCCEEDED" ? 0 : 1;
} finally {
  await db.$disconnect();
}
