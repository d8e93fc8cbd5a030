/**
 * Runs the emulator as a standalone server:
 *
 *   npx tsx emulator/cli.ts [--port 4010] [--host 127.0.0.1] [--seed staffroom]
 *                           [--webhook-url URL] [--webhook-secret SECRET]
 */
import { parseArgs } from "node:util";
import { startEmulator } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "staffroom" },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log("usage: tsx emulator/cli.ts [--port N] [--host H] [--seed S] [--webhook-url URL] [--webhook-secret S]");
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${values.port}`);
  process.exit(2);
}

const webhookUrl = values["webhook-url"];
const emulator = await startEmulator({
  port,
  host: values.host,
  seed: values.seed,
  webhook: webhookUrl ? { url: webhookUrl, secret: values["webhook-secret"] } : undefined,
});

console.log(`Wonde emulator on ${emulator.url} (seed "${emulator.state.seed}", clock ${emulator.state.now()} UTC)`);
console.log(`Admin API: ${emulator.url.replace(/v1\.0\/$/, "__admin")}`);
for (const [token, schools] of Object.entries(emulator.state.accessTable())) {
  console.log(`  token ${token}: ${Object.keys(schools).length} school(s)`);
}

const stop = () => {
  void emulator.close().finally(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
