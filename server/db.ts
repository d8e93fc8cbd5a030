import path from "node:path";
import { mkdirSync } from "node:fs";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { env } from "./env";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

/** Where the embedded database lives when DATABASE_URL is unset. */
export function embeddedDatabaseDir(dataDir = env.STAFFROOM_DATA_DIR): string {
  return path.resolve(dataDir, "pglite");
}

/**
 * The embedded database, opened on the first query rather than at import:
 * `next build` imports this module in several workers and must not open
 * (or create) the database folder.
 */
function embeddedAdapter(dir: string): SqlDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "pglite-lazy",
    async connect() {
      const [{ PGlite }, { PrismaPGlite }, { pg_trgm }] = await Promise.all([
        import("@electric-sql/pglite"),
        import("pglite-prisma-adapter"),
        // The incident person search uses pg_trgm; PGlite loads contrib extensions at open.
        import("@electric-sql/pglite/contrib/pg_trgm"),
      ]);
      // PGlite does not create parent folders itself.
      mkdirSync(path.dirname(dir), { recursive: true });
      return new PrismaPGlite(new PGlite(dir, { extensions: { pg_trgm } })).connect();
    },
  };
}

export function createDb(databaseUrl = env.DATABASE_URL): PrismaClient {
  const adapter = databaseUrl ? new PrismaPg({ connectionString: databaseUrl }) : embeddedAdapter(embeddedDatabaseDir());
  return new PrismaClient({ adapter });
}

// One client per process: Next's dev server re-evaluates modules on change,
// and a second PGlite instance on the same folder would corrupt it.
const globalForDb = globalThis as unknown as { staffroomDb?: PrismaClient };
export const db: PrismaClient = globalForDb.staffroomDb ?? createDb();
if (env.NODE_ENV !== "production") globalForDb.staffroomDb = db;
