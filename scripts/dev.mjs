#!/usr/bin/env node
// `npm run dev`: apply pending migrations, create the demo school on first
// run, start the Wonde emulator (unless WONDE_BASE_URL points elsewhere),
// then Next's dev server. Needs no configuration. The embedded database is
// migrated and seeded in one process (scripts/dev-database.ts); a database at
// DATABASE_URL through `prisma migrate deploy`.
import { spawn, spawnSync } from "node:child_process";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const EMULATOR_PORT = process.env.WONDE_EMULATOR_PORT ?? "4010";

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (process.env.DATABASE_URL) run(process.execPath, ["scripts/migrate.mjs"]);
else run("node_modules/.bin/tsx", ["scripts/dev-database.ts"]);

const children = [];
if (!process.env.WONDE_BASE_URL) {
  process.env.WONDE_BASE_URL = `http://127.0.0.1:${EMULATOR_PORT}/v1.0/`;
  children.push(spawn("node_modules/.bin/tsx", ["emulator/cli.ts", "--port", EMULATOR_PORT], { stdio: "inherit", env: process.env }));
}
const next = spawn("node_modules/.bin/next", ["dev", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
children.push(next);

const stop = (signal) => children.forEach((child) => child.kill(signal));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));
next.on("exit", (code) => {
  stop("SIGTERM");
  process.exit(code ?? 0);
});
