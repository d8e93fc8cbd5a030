// `npm run bench:signin`: how long an email + password sign-in takes on the server. Starts a
// throwaway PostgreSQL with the demo admin and `next start` on the production build (`next build`
// must have run), then signs in through Auth.js's real endpoint (GET /api/auth/csrf, POST
// /api/auth/callback/credentials) 1 + 50 times, on loopback, where response time ≈ server time.
// Prints the first (cold) sign-in and p50/p95 of the next 50, and, for where the time goes,
// the argon2 verification and the whole credential check (lock check, argon2, activity log)
// timed in-process. Not a test: figures depend on the machine's load. Port: BENCH_PORT (3960).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createDatabase, migrateDatabase, startPostgres } from "../tests/helpers/postgres";

const RUNS = 50;
const PORT = Number(process.env.BENCH_PORT ?? 3960);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PASSWORD = "bench-signin-password-1";

if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first.");

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const summary = (values: number[]) => `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms`;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const postgres = await startPostgres();
const databaseUrl = await createDatabase(postgres.url, "bench_signin");
await migrateDatabase(databaseUrl);
const serverEnv = {
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: "bench-signin-auth-secret-0123456789abcdef",
  ENCRYPTION_KEY: Buffer.alloc(32, 2).toString("base64"),
  AUTH_TRUST_HOST: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};
// Server modules read the environment when first loaded.
Object.assign(process.env, { ...serverEnv, NODE_ENV: "test" });
const { createDb } = await import("../server/db");
const { seedDemo, DEMO_ADMIN_EMAIL } = await import("../server/demo/seed-demo");
const { verifyPassword, hashPassword } = await import("../server/auth/password");
const { checkPasswordSignIn } = await import("../server/auth/credentials");
const db = createDb(databaseUrl);
await seedDemo(db, PASSWORD);

const server = spawn("node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
  env: { ...process.env, ...serverEnv } as NodeJS.ProcessEnv,
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});

/** One sign-in through Auth.js; resolves with the POST's duration, after checking it signed in. */
async function signIn(): Promise<number> {
  const csrf = await fetch(`${ORIGIN}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const started = performance.now();
  const response = await fetch(`${ORIGIN}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ email: DEMO_ADMIN_EMAIL, password: PASSWORD, csrfToken, callbackUrl: "/" }),
  });
  const elapsed = performance.now() - started;
  if (!response.headers.getSetCookie().some((c) => c.includes("session-token="))) throw new Error(`Sign-in failed: ${response.status} ${response.headers.get("location")}`);
  return elapsed;
}

try {
  for (let deadline = Date.now() + 120_000; ; ) {
    if (await fetch(`${ORIGIN}/sign-in`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error("next start did not come up");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const first = await signIn();
  const http: number[] = [];
  for (let i = 0; i < RUNS; i++) http.push(await signIn());

  const hash = await hashPassword(PASSWORD);
  const argon: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    argon.push(await timed(() => verifyPassword(hash, PASSWORD)));
    check.push(await timed(() => checkPasswordSignIn(db, { email: DEMO_ADMIN_EMAIL, password: PASSWORD })));
  }

  console.log(`sign-in, POST /api/auth/callback/credentials on next start (${RUNS} runs): ${summary(http)}`);
  console.log(`  the first one, on a server that had served only /sign-in: ${first.toFixed(0)} ms`);
  console.log(`  of which, in-process: credential check (lock, argon2id, activity log) ${summary(check)}; argon2id verify alone ${summary(argon)}`);
} finally {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
  await db.$disconnect();
  await postgres.stop();
}
