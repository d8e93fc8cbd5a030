// `npm run dev` migrates the embedded database directly (scripts/pglite-migrations.mjs) instead
// of through `prisma migrate deploy`; the result must be what Prisma itself would record.
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrationsToPGlite, readMigrations } from "@/scripts/pglite-migrations.mjs";
import { projectRoot, runPrisma } from "../helpers/postgres";

describe("migrations applied to PGlite directly", () => {
  let tempDir = "";
  let dataDir = "";
  let migrationsDir = "";

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(tmpdir(), "staffroom-pglite-direct-"));
    dataDir = path.join(tempDir, "pglite");
    // A copy, so the test can add a migration as another branch would.
    migrationsDir = path.join(tempDir, "migrations");
    await cp(path.join(projectRoot, "prisma/migrations"), migrationsDir, { recursive: true });
  });
  afterAll(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  async function withPGlite<T>(work: (pglite: PGlite) => Promise<T>): Promise<T> {
    const pglite = await PGlite.create(dataDir, { extensions: { pg_trgm } });
    try {
      return await work(pglite);
    } finally {
      await pglite.close();
    }
  }

  it("applies every migration and records it as prisma migrate would, checksums included", async () => {
    const migrations = readMigrations(migrationsDir);
    const { applied, changed } = await withPGlite((pglite) => applyMigrationsToPGlite(pglite, migrationsDir));
    expect(applied).toEqual(migrations.map((m) => m.name));
    expect(changed).toEqual([]);
    // The stock CLI reads the same table and checks the same checksums.
    expect(await runPrisma(["migrate", "status"], pathToFileURL(dataDir).href)).toContain("Database schema is up to date!");
  });

  it("picks up a new migration at the next start, and only that one", async () => {
    const name = "29991231000000_added_elsewhere";
    await cp(path.join(migrationsDir, readMigrations(migrationsDir)[0]!.name), path.join(migrationsDir, name), { recursive: true });
    await writeFile(path.join(migrationsDir, name, "migration.sql"), 'CREATE TABLE "AddedElsewhere" ("id" TEXT PRIMARY KEY);\n');
    const { applied } = await withPGlite((pglite) => applyMigrationsToPGlite(pglite, migrationsDir));
    expect(applied).toEqual([name]);
    const again = await withPGlite((pglite) => applyMigrationsToPGlite(pglite, migrationsDir));
    expect(again).toEqual({ applied: [], changed: [] });
  });

  it("names an applied migration whose file changed since", async () => {
    const first = readMigrations(migrationsDir)[0]!;
    await writeFile(path.join(migrationsDir, first.name, "migration.sql"), `${first.sql}\n-- edited\n`);
    const { applied, changed } = await withPGlite((pglite) => applyMigrationsToPGlite(pglite, migrationsDir));
    expect(applied).toEqual([]);
    expect(changed).toEqual([first.name]);
  });

  it("stops at a failing migration, records it unfinished, and refuses to go on past it", async () => {
    const name = "29991231000001_broken";
    await cp(path.join(migrationsDir, readMigrations(migrationsDir)[0]!.name), path.join(migrationsDir, name), { recursive: true });
    await writeFile(path.join(migrationsDir, name, "migration.sql"), "ALTER TABLE nowhere ADD COLUMN x INT;\n");
    await expect(withPGlite((pglite) => applyMigrationsToPGlite(pglite, migrationsDir))).rejects.toThrow(`Migration ${name} failed`);
    await expect(withPGlite((pglite) => applyMigrationsToPGlite(pglite, migrationsDir))).rejects.toThrow(`Migration ${name} failed earlier`);
  });
});
