// The engine's `cli` subcommands, which the Prisma CLI runs before migrating:
// can-connect-to-database, create-database, drop-database. They need no wasm engine.
// Errors carry `errorCode`, the Prisma error code the CLI reacts to (P1003 = database missing,
// which makes `migrate dev` / `migrate deploy` call create-database).
import { existsSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import pg from "pg";

/**
 * @param {string} command
 * @param {import("./datasource.mjs").PostgresDatasource | import("./datasource.mjs").PGliteDatasource} datasource
 */
export async function runCliCommand(command, datasource) {
  switch (command) {
    case "can-connect-to-database":
      return canConnect(datasource);
    case "create-database":
      return createDatabase(datasource);
    case "drop-database":
      return dropDatabase(datasource);
    default:
      throw coded(undefined, `Unknown schema engine cli command: ${command}`);
  }
}

/** @param {import("./datasource.mjs").PostgresDatasource | import("./datasource.mjs").PGliteDatasource} datasource */
async function canConnect(datasource) {
  if (datasource.kind === "pglite") {
    if (!(await isPGliteDataDir(datasource.dataDir))) {
      throw coded("P1003", `Database \`${basename(datasource.dataDir)}\` does not exist at ${datasource.dataDir}`);
    }
    return;
  }
  const client = new pg.Client({ connectionString: datasource.url });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    throw pgError(error, datasource.url);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates the database the URL names; returns its name.
 * @param {import("./datasource.mjs").PostgresDatasource | import("./datasource.mjs").PGliteDatasource} datasource
 */
export async function createDatabase(datasource) {
  if (datasource.kind === "pglite") {
    if (await isPGliteDataDir(datasource.dataDir)) {
      throw coded("P1009", `Database \`${basename(datasource.dataDir)}\` already exists at ${datasource.dataDir}`);
    }
    // Opening an empty data directory initialises it; PGlite does not create parent folders.
    await mkdir(datasource.dataDir, { recursive: true });
    const { PGlite } = await import("@electric-sql/pglite");
    const db = new PGlite({ dataDir: datasource.dataDir });
    await db.waitReady;
    await db.close();
    return basename(datasource.dataDir);
  }
  const name = databaseName(datasource.url);
  await withMaintenanceConnection(datasource.url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return name;
}

/** @param {import("./datasource.mjs").PostgresDatasource | import("./datasource.mjs").PGliteDatasource} datasource */
async function dropDatabase(datasource) {
  if (datasource.kind === "pglite") {
    await rm(datasource.dataDir, { recursive: true, force: true });
    return;
  }
  const name = databaseName(datasource.url);
  await withMaintenanceConnection(datasource.url, (client) => client.query(`DROP DATABASE ${quoteIdent(name)}`));
}

/** Runs `fn` connected to the server's `postgres` database (or `template1`), as the native engine does. */
async function withMaintenanceConnection(url, fn) {
  let lastError;
  for (const database of ["postgres", "template1"]) {
    const maintenance = new URL(url);
    maintenance.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: maintenance.href });
    try {
      await client.connect();
    } catch (error) {
      lastError = error;
      await client.end().catch(() => {});
      continue;
    }
    try {
      return await fn(client);
    } catch (error) {
      throw pgError(error, url);
    } finally {
      await client.end().catch(() => {});
    }
  }
  throw pgError(lastError, url);
}

async function isPGliteDataDir(dir) {
  if (!existsSync(dir)) return false;
  if (existsSync(join(dir, "PG_VERSION"))) return true;
  // An empty directory is no database yet; anything else is not ours to touch.
  if ((await readdir(dir)).length === 0) return false;
  throw coded(undefined, `${dir} exists but is not a PGlite data directory`);
}

function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Maps a node-postgres error to the Prisma error code and message the native engine would give. */
function pgError(error, url) {
  const err = /** @type {any} */ (error);
  const u = new URL(url);
  const location = `${u.hostname}:${u.port || "5432"}`;
  switch (err?.code) {
    case "3D000":
      return coded("P1003", `Database \`${databaseName(url)}\` does not exist on the database server at \`${location}\`.`);
    case "42P04":
      return coded("P1009", `Database \`${databaseName(url)}\` already exists on the database server at \`${location}\``);
    case "28P01":
    case "28000":
      return coded(
        "P1000",
        `Authentication failed against database server at \`${location}\`, the provided database credentials for \`${decodeURIComponent(u.username)}\` are not valid.`,
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EHOSTUNREACH":
    case "ETIMEDOUT":
      return coded("P1001", `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.`);
    default:
      return coded(undefined, String(err?.message ?? err));
  }
}

/** @param {string | undefined} errorCode */
function coded(errorCode, message) {
  return Object.assign(new Error(message), { errorCode });
}
