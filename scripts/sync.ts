// `npm run sync -- --school <wondeSchoolId> [--full] [--token <token>] [--json] [--verbose]`
// Syncs one school from Wonde (WONDE_BASE_URL, or the real Wonde) into DATABASE_URL (or the
// embedded database), connecting it first if Staffroom doesn't know it yet. A token given with
// --token or WONDE_TOKEN replaces the stored token of a school that is already connected.
//
// Exit codes: 0 synced, 1 failed, 2 usage, 3 paused for an MIS migration.
// Errors are one plain line on stderr (the stack trace too with --verbose).
import { parseArgs } from "node:util";

const USAGE = "Usage: npm run sync -- --school <wondeSchoolId> [--full] [--token <token>] [--json] [--verbose]";
const EXIT = { synced: 0, failed: 1, usage: 2, paused: 3 } as const;

class UsageError extends Error {}

let verbose = process.argv.includes("--verbose");
process.exitCode = await main().catch((error: unknown) => {
  console.error(`sync: ${plainMessage(error)}`);
  if (verbose && error instanceof Error && error.stack) console.error(error.stack);
  return error instanceof UsageError ? EXIT.usage : EXIT.failed;
});

async function main(): Promise<number> {
  const values = parseOptions();
  verbose = values.verbose;
  // Loaded here, not at the top, so a bad environment is reported like any other error.
  const [{ createDb }, { env }, { connectSchool }, { syncSchool }, { decryptSecret }] = await Promise.all([
    import("../server/db"),
    import("../server/env"),
    import("../server/schools/wonde-connection"),
    import("../server/sync/run"),
    import("../server/crypto"),
  ]);
  const token = values.token ?? env.WONDE_TOKEN;
  const db = createDb();
  try {
    let school = await db.school.findUnique({ where: { wondeId: values.school } });
    if (!school && !token) throw new UsageError(`School ${values.school} is not connected yet: give its Wonde token with --token or WONDE_TOKEN.`);
    const stored = school?.wondeTokenEnc ? decryptSecret(school.wondeTokenEnc) : null;
    if (token && token !== stored) {
      // Checked against Wonde before it is stored: a wrong token never replaces a working one.
      school = await connectSchool(db, { wondeSchoolId: values.school, token, schoolId: school?.id, actor: { system: "Sync CLI" } });
      if (stored) console.error(`sync: replaced the stored Wonde token of ${school.name}.`);
    }
    const summary = await syncSchool(db, school!.id, { mode: values.full ? "full" : "incremental", trigger: "CLI" });
    if (values.json) console.log(JSON.stringify(summary));
    else console.log(humanSummary(school!.name, summary));
    if (summary.status === "FAILED") console.error(`sync: ${summary.error}`);
    return summary.status === "SUCCEEDED" ? EXIT.synced : summary.status === "PAUSED" ? EXIT.paused : EXIT.failed;
  } finally {
    await db.$disconnect();
  }
}

function parseOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        school: { type: "string" },
        full: { type: "boolean", default: false },
        token: { type: "string" },
        json: { type: "boolean", default: false },
        verbose: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${plainMessage(error)} ${USAGE}`);
  }
  const { values } = parsed;
  if (!values.school) throw new UsageError(`--school is required. ${USAGE}`);
  return { ...values, school: values.school };
}

type Summary = { status: string; mode: string; resumed: boolean; seconds: number; error: string | null; counts: Record<string, { created: number; updated: number; archived: number; unchanged: number }> };

function humanSummary(name: string, summary: Summary): string {
  const outcome = { SUCCEEDED: "Synced", FAILED: "Sync failed for", PAUSED: "Sync paused for" }[summary.status] ?? summary.status;
  const lines = [`${outcome} ${name} (${summary.mode}${summary.resumed ? ", resumed" : ""}, ${summary.seconds.toFixed(1)} s)`];
  const labels: Record<string, string> = { employees: "staff", students: "pupils", classes: "classes", subjects: "subjects" };
  for (const [entity, c] of Object.entries(summary.counts)) {
    lines.push(`  ${(labels[entity] ?? entity).padEnd(9)} ${c.created} new, ${c.updated} changed, ${c.archived} archived, ${c.unchanged} unchanged`);
  }
  if (summary.status === "PAUSED" && summary.error) lines.push(`  ${summary.error}`);
  return lines.join("\n");
}

/** What went wrong, in one line: Wonde's errors carry a message for people. */
function plainMessage(error: unknown): string {
  if (error && typeof error === "object" && "userMessage" in error && typeof error.userMessage === "string") return error.userMessage;
  if (error instanceof UsageError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").find((line) => line.trim()) ?? "unknown error";
}
