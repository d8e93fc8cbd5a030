// Migration-aware driver adapter factories for the wasm schema engine: the main database and a
// throwaway shadow database (used by `migrate dev` / `migrate diff` to replay the migrations).
import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
// pg_trgm ships with PGlite as a contrib extension but must be loaded when the database is
// opened; the incident person search's migration creates it (as server/db.ts also loads it).
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

const require = createRequire(import.meta.url);

// Workaround (upstream bug, @prisma/adapter-pg 7.10): it can't decode PostgreSQL's `"char"` type
// (OID 18), which the schema describer reads from pg_catalog (e.g. pg_class.relkind), so
// `migrate dev` / `db push` / diffs fail with "Column type 'char' could not be deserialized".
// pg's Result picks the column parsers in addFields; report `"char"` columns as text (OID 25).
// Only this engine process is affected.
const PgResult = require(require.resolve("pg/lib/result.js", { paths: [require.resolve("@prisma/adapter-pg")] }));
const addFields = PgResult.prototype.addFields;
PgResult.prototype.addFields = function addFieldsCharAsText(fields) {
  for (const field of fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
  return addFields.call(this, fields);
};

// Workaround (upstream bug, @prisma/adapter-pg 7.10): executeScript splits the script on every
// ";" and runs the pieces one by one on whichever pooled connection is free, which breaks
// `DO $$ … ; … $$` blocks and string literals containing ";", and loses the atomicity of a
// migration. Send the script as one simple query, as the native engine does.
function executeScriptAsOneQuery(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

/**
 * PostgreSQL through @prisma/adapter-pg.
 * @param {string} url
 * @param {string | undefined} shadowDatabaseUrl
 */
export function postgresFactory(url, shadowDatabaseUrl) {
  const base = new PrismaPg({ connectionString: url });
  /** Shadow databases we created and have not dropped yet. */
  const pendingShadowDbs = new Set();

  const dropShadowDb = async (name) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      pendingShadowDbs.delete(name);
    } finally {
      await client.end();
    }
  };

  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => executeScriptAsOneQuery(await base.connect()),
    // Workaround (upstream bug, @prisma/adapter-pg 7.10): its connectToShadowDb passes the shadow
    // database name next to `connectionString`, where pg lets the URL's database win, so the
    // "shadow" is the main database; and it drops the shadow database before closing its own
    // pool (which fails). We create, connect to and drop the shadow database ourselves.
    connectToShadowDb: async () => {
      if (shadowDatabaseUrl) {
        return executeScriptAsOneQuery(await new PrismaPg({ connectionString: shadowDatabaseUrl }).connect());
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      pendingShadowDbs.add(name);
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${name}`;
      const adapter = executeScriptAsOneQuery(await new PrismaPg({ connectionString: shadowUrl.href }).connect());
      const closePool = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await closePool();
        await dropShadowDb(name);
      };
      return adapter;
    },
    /** Drops shadow databases the engine did not dispose of. */
    close: async () => {
      for (const name of [...pendingShadowDbs]) await dropShadowDb(name);
    },
  };
}

/**
 * Embedded PGlite through pglite-prisma-adapter; the shadow database lives in memory.
 * @param {string} dataDir
 */
export function pgliteFactory(dataDir) {
  /** @type {Promise<PGlite> | undefined} */
  let main;
  /** @type {Set<PGlite>} */
  const open = new Set();

  const openMain = async () => {
    // PGlite does not create parent folders.
    await mkdir(dataDir, { recursive: true });
    const db = new PGlite({ dataDir, extensions: { pg_trgm } });
    open.add(db);
    await db.waitReady;
    return db;
  };

  return {
    provider: "postgres",
    adapterName: "pglite-prisma-adapter",
    connect: async () => {
      main ??= openMain();
      return fixPGliteExecuteScript(await new PrismaPGlite(await main).connect());
    },
    // Upstream's connectToShadowDb opens `memory://shadow` and never closes it; ours is closed
    // when the engine disposes of the shadow adapter.
    connectToShadowDb: async () => {
      const db = new PGlite({ extensions: { pg_trgm } });
      open.add(db);
      await db.waitReady;
      const adapter = fixPGliteExecuteScript(await new PrismaPGlite(db).connect());
      adapter.dispose = async () => {
        open.delete(db);
        await db.close();
      };
      return adapter;
    },
    /** Closes every PGlite instance; the data directory must be closed cleanly. */
    close: async () => {
      for (const db of [...open]) {
        open.delete(db);
        if (!db.closed) await db.close();
      }
    },
  };
}

// Workaround (upstream bug, pglite-prisma-adapter 0.7.2): executeScript calls `client.exec`
// without awaiting it, so a failing migration is reported as applied and its error surfaces
// later as an unhandled rejection.
function fixPGliteExecuteScript(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.exec(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}
