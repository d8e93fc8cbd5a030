#!/usr/bin/env node
// Applies pending migrations (`prisma migrate deploy`, the stock CLI configured by
// prisma.config.ts) before `npm run dev` starts Next on the database at DATABASE_URL (the embedded
// PGlite is migrated faster by scripts/dev-database.ts; run by hand without DATABASE_URL, this
// migrates .data/pglite). Exits non-zero, with the CLI's output, when it fails.
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const embedded = !process.env.DATABASE_URL;
const dataDir = path.resolve(root, process.env.STAFFROOM_DATA_DIR || ".data");
const started = performance.now();

// PGlite does not create parent folders.
if (embedded) mkdirSync(dataDir, { recursive: true });

// Keep the CLI's stdout and stderr in one buffer, in order; show it only when it matters.
const result = await new Promise((resolve) => {
  const child = spawn(path.join(root, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  child.on("error", (error) => resolve({ status: null, error, output }));
  child.on("close", (status) => resolve({ status, error: undefined, output }));
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const output = result.output.trim();
const pgliteDir = path.join(dataDir, "pglite");
const shownDir = pgliteDir.startsWith(root + path.sep) ? path.relative(root, pgliteDir) : pgliteDir;
const where = embedded ? `embedded database in ${shownDir}` : "database at DATABASE_URL";

if (result.error || result.status !== 0) {
  if (output) console.error(output);
  console.error(
    `\nMigrating the ${where} failed after ${seconds}s (prisma migrate deploy: ${result.error?.message ?? `exit code ${result.status}`}).`,
  );
  console.error(
    embedded
      ? "PGlite allows one process per database folder: stop any other dev server or Prisma command using it, then retry."
      : "Check that DATABASE_URL is right and the PostgreSQL server is running.",
  );
  process.exit(result.status || 1);
}

if (/No pending migrations to apply/.test(output)) {
  console.log(`Database up to date (${where}), checked in ${seconds}s.`);
} else {
  console.log(output);
  console.log(`Migrated the ${where} in ${seconds}s.`);
}
