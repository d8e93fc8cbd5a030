import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { TEMPLATE_DATABASE } from "../setup/global-setup";

/** A new database with every migration applied, copied from the run's template (fast). */
export async function freshDatabaseUrl(): Promise<string> {
  const serverUrl = inject("postgresUrl");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A second, separate database for tests that compare two runs side by side. */
export async function freshDb() {
  // Imported here, not at the top: the setup file imports this module before
  // DATABASE_URL is set, and server/db reads it when first loaded.
  const { createDb } = await import("@/server/db");
  return createDb(await freshDatabaseUrl());
}
