import type { TestProject } from "vitest/node";
import { createDatabase, migrateDatabase, startPostgres } from "../helpers/postgres";

// One real PostgreSQL for the whole run. Migrations are applied once, to a
// template database; each test file then gets its own copy (see database.ts).
export default async function setup(project: TestProject) {
  const server = await startPostgres();
  console.log(`Tests' PostgreSQL: ${server.binaries}`);
  try {
    const templateUrl = await createDatabase(server.url, TEMPLATE_DATABASE);
    await migrateDatabase(templateUrl);
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}

export const TEMPLATE_DATABASE = "staffroom_template";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
