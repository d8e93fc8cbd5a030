// `prisma db seed`: the demo school for the embedded development database.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createDb } from "../server/db";
import { seedDemo } from "../server/demo/seed-demo";
import { env } from "../server/env";

async function main() {
  if (env.NODE_ENV === "production") throw new Error("The demo seed is for development only.");
  const db = createDb();
  try {
    const created = await seedDemo(db);
    if (!created) return;
    const file = path.resolve(env.STAFFROOM_DATA_DIR, "demo-admin.txt");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${created.email}\n${created.password}\n`, { mode: 0o600 });
    console.log(`\n  Demo admin created. Sign in at http://localhost:3000 with\n    email:    ${created.email}\n    password: ${created.password}\n  (also saved in ${path.relative(process.cwd(), file)})\n`);
  } finally {
    await db.$disconnect();
  }
}

await main();
