// The migrations in prisma/migrations apply with the stock `prisma migrate deploy` (through our
// wasm schema engine) to PostgreSQL and to embedded PGlite, and the generated client works on
// the result. Needs `prisma generate` to have run (server/generated/prisma).
import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/server/generated/prisma/client";
import {
  createDatabase,
  migrateDatabase,
  projectRoot,
  runPrisma,
  startPostgres,
  type PostgresServer,
} from "../helpers/postgres";

const migrationNames = readdirSync(path.join(projectRoot, "prisma/migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("migrations on PostgreSQL", () => {
  let server: PostgresServer | undefined;
  let url = "";

  beforeAll(async () => {
    server = await startPostgres();
    url = await createDatabase(server.url, "migrations_test");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("has migrations to apply", () => {
    expect(migrationNames.length).toBeGreaterThan(0);
  });

  it("applies every migration with prisma migrate deploy", async () => {
    const output = await migrateDatabase(url);
    expect(output).toContain("All migrations have been successfully applied.");

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
      for (const row of rows) {
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.rolled_back_at).toBeNull();
      }
    } finally {
      await client.end();
    }
  });

  it("reports the database as up to date with prisma migrate status", async () => {
    const output = await runPrisma(["migrate", "status"], url);
    expect(output).toContain(`${migrationNames.length} migration`);
    expect(output).toContain("Database schema is up to date!");
  });

  it("deploys nothing the second time", async () => {
    expect(await migrateDatabase(url)).toContain("No pending migrations to apply.");
  });

  it("lets the generated client write and read a Trust", async () => {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      const created = await prisma.trust.create({ data: { name: "Northern Lights Trust" } });
      const found = await prisma.trust.findUniqueOrThrow({ where: { id: created.id } });
      expect(found.name).toBe("Northern Lights Trust");
      expect(found.createdAt).toBeInstanceOf(Date);
      expect(await prisma.trust.count()).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe("migrations on embedded PGlite", () => {
  let tempDir = "";
  let dataDir = "";

  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(tmpdir(), "staffroom-pglite-"));
    // A nested folder: parents must be created for PGlite, which doesn't.
    dataDir = path.join(tempDir, "nested", "pglite");
  });
  afterAll(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  // Every migration through the wasm engine into PGlite: ~50 s on a busy 2-core box.
  it("applies every migration with prisma migrate deploy and is up to date", { timeout: 180_000 }, async () => {
    const url = pathToFileURL(dataDir).href;
    expect(await migrateDatabase(url)).toContain("All migrations have been successfully applied.");
    expect(await runPrisma(["migrate", "status"], url)).toContain("Database schema is up to date!");
  });

  it("lets the generated client write and read a Trust", async () => {
    const db = new PGlite({ dataDir });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
    try {
      const { rows } = await db.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
      );
      expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);

      const created = await prisma.trust.create({ data: { name: "Embedded Trust" } });
      const found = await prisma.trust.findUniqueOrThrow({ where: { id: created.id } });
      expect(found.name).toBe("Embedded Trust");
      expect(found.createdAt).toBeInstanceOf(Date);
    } finally {
      await prisma.$disconnect();
      await db.close();
    }
  });
});
