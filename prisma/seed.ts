// `prisma db seed`: the demo school for the embedded development database. `npm run dev` calls
// seedDevelopment from scripts/dev-database.ts instead, on the database it has just migrated.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createDb, type Db } from "../server/db";
import { seedDemo } from "../server/demo/seed-demo";
import { env } from "../server/env";

/** Creates the demo school and admin when missing, and tells the developer how to sign in. */
export async function seedDevelopment(db: Db) {
  if (env.NODE_ENV === "production") throw new Error("The demo seed is for development only.");
  const created = await seedDemo(db);
  if (!created) return;
  const file = path.resolve(env.STAFFROOM_DATA_DIR, "demo-admin.txt");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${created.email}\n${created.password}\n`, { mode: 0o600 });
  console.log(
    `\n  Demo admin created. Sign in at the address Next prints below with\n    email:    ${created.email}\n    password: ${created.password}\n  (also saved in ${path.relative(process.cwd(), file)})\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const db = createDb();
  try {
    await seedDevelopment(db);
  } finally {
    await db.$disconnect();
  }
}
