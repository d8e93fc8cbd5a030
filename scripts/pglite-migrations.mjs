// Applies prisma/migrations to an open embedded PGlite database directly, in the process that
// already has it open: `prisma migrate deploy` costs a CLI, a schema-engine process, the
// WebAssembly engine and a second PGlite start (23 s of a 68 s first `npm run dev` on a busy
// machine). It keeps Prisma's own bookkeeping (the `_prisma_migrations` table, the same DDL,
// checksum = SHA-256 of migration.sql), so `prisma migrate status/deploy` agree with it
// afterwards, and it picks up every migration folder present at each start.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** The table exactly as Prisma's schema engine creates it on PostgreSQL. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** The migration folders, oldest first, with their SQL and Prisma's checksum of it. */
export function readMigrations(migrationsDir) {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Applies the migrations not yet recorded as finished, one at a time as Prisma does (a row
 * before, finished_at after; a failure leaves the row unfinished with the error in `logs`, which
 * `prisma migrate status` then reports). Returns what it applied and the names of applied
 * migrations whose file has changed since.
 * @param {import("@electric-sql/pglite").PGlite} pglite
 * @param {string} migrationsDir
 */
export async function applyMigrationsToPGlite(pglite, migrationsDir) {
  await pglite.exec(MIGRATIONS_TABLE);
  const { rows } = await pglite.query(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`);
  const unfinished = rows.find((row) => !row.finished_at && !row.rolled_back_at);
  if (unfinished) {
    throw new Error(
      `Migration ${unfinished.migration_name} failed earlier and is recorded as unfinished. Delete the embedded database folder to start again, or see \`npx prisma migrate resolve\`.`,
    );
  }
  const finished = new Map(rows.filter((row) => row.finished_at).map((row) => [row.migration_name, row.checksum]));
  const applied = [];
  const changed = [];
  for (const migration of readMigrations(migrationsDir)) {
    if (finished.has(migration.name)) {
      if (finished.get(migration.name) !== migration.checksum) changed.push(migration.name);
      continue;
    }
    const id = randomUUID();
    await pglite.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`, [
      id,
      migration.checksum,
      migration.name,
    ]);
    try {
      await pglite.exec(migration.sql);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await pglite.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
      throw new Error(`Migration ${migration.name} failed: ${message}`);
    }
    await pglite.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    applied.push(migration.name);
  }
  return { applied, changed };
}
