import { freshDatabaseUrl } from "../helpers/database";

// Runs before each test file is imported: gives the file a fresh, migrated
// database and points DATABASE_URL at it, so server/db.ts connects there.
process.env.DATABASE_URL = await freshDatabaseUrl();
