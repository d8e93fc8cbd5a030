// `npm run dev` without DATABASE_URL: one PGlite start both migrates the embedded database
// (directly, see pglite-migrations.mjs) and creates the demo school on the first run. Each PGlite
// start costs seconds, so this replaced `prisma migrate deploy` + `prisma db seed`, which
// started it twice more. A new database starts from a cached copy of an empty one (PGlite's
// initdb took 5 to 15 s); the copy holds no migrations, so it never goes stale as they change.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { seedDevelopment } from "../prisma/seed";
import { embeddedDatabaseDir } from "../server/db";
import { PrismaClient } from "../server/generated/prisma/client";
import { applyMigrationsToPGlite } from "./pglite-migrations.mjs";

const started = performance.now();
const dataDir = embeddedDatabaseDir();
const shown = dataDir.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), dataDir) : dataDir;
// PGlite does not create parent folders.
mkdirSync(path.dirname(dataDir), { recursive: true });

const pgliteVersion = (JSON.parse(readFileSync("node_modules/@electric-sql/pglite/package.json", "utf8")) as { version: string }).version;
const emptySnapshot = path.resolve(`node_modules/.cache/staffroom/pglite-${pgliteVersion}-empty.tar.gz`);
const isNew = !existsSync(dataDir) || readdirSync(dataDir).length === 0;

let pglite: PGlite;
try {
  const loadDataDir = isNew && existsSync(emptySnapshot) ? new Blob([readFileSync(emptySnapshot)]) : undefined;
  pglite = await PGlite.create(dataDir, { extensions: { pg_trgm }, loadDataDir });
  if (isNew && !loadDataDir) {
    mkdirSync(path.dirname(emptySnapshot), { recursive: true });
    writeFileSync(emptySnapshot, Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer()));
  }
} catch (error) {
  console.error(`Opening the embedded database in ${shown} failed: ${error instanceof Error ? error.message : error}`);
  console.error("PGlite allows one process per database folder: stop any other dev server or Prisma command using it, then retry.");
  process.exit(1);
}
const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
try {
  const { applied, changed } = await applyMigrationsToPGlite(pglite, path.resolve("prisma/migrations"));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(applied.length ? `Applied ${applied.length} migration(s) to the embedded database in ${shown} (${seconds}s).` : `Embedded database up to date (${shown}, ${seconds}s).`);
  if (changed.length) console.warn(`These migrations changed after they were applied here: ${changed.join(", ")}. Delete ${shown} to rebuild it from scratch.`);
  await seedDevelopment(prisma);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await pglite.close();
}
