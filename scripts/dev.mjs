#!/usr/bin/env node
// `npm run dev`: apply pending migrations, create the demo school on first
// run, then start Next's dev server. Needs no configuration.
import { spawn, spawnSync } from "node:child_process";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run(process.execPath, ["scripts/migrate.mjs"]);
if (!process.env.DATABASE_URL) run("node_modules/.bin/tsx", ["prisma/seed.ts"]);

const next = spawn("node_modules/.bin/next", ["dev", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
