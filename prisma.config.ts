import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// Prisma's native schema engine can't be downloaded here: the CLI runs ours instead, which
// drives the WebAssembly build of the same engine (see scripts/prisma-engine/).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "scripts/prisma-engine/schema-engine.mjs");

/**
 * DATABASE_URL, or else the embedded PGlite database in `.data/pglite` (the folder
 * `$STAFFROOM_DATA_DIR/pglite` when that is set, as server/db.ts does).
 *
 * PGlite URLs have the form `file:<directory>`: here an absolute `file:///…/.data/pglite`; a
 * relative `file:.data/pglite` resolves against the project root. The CLI accepts any string
 * as the URL for provider "postgresql" (only the engine checks schemes, and ours knows `file:`),
 * and it parses `file:` URLs well enough to print where the database is.
 */
function databaseUrl(): string {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) return fromEnv;
  const dataDir = path.resolve(root, process.env.STAFFROOM_DATA_DIR || ".data");
  // PGlite does not create parent folders (the engine creates the pglite folder itself).
  mkdirSync(dataDir, { recursive: true });
  return pathToFileURL(path.join(dataDir, "pglite")).href;
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: databaseUrl(),
  },
});
