// `npm run bench:coldstart`: how long a first `npm run dev` takes, and how heavy the first page
// is. Prints two figures:
//   1. seconds from starting `npm run dev` on an empty data folder (no database yet) until the
//      sign-in page answers 200, with the time each step of the start-up took;
//   2. the JavaScript the sign-in page loads in Chromium from the production build (`next build`
//      must have run), in KiB gzipped (each script gzipped at level 9, as a CDN would serve it).
// Not a test: the machine's load changes the first figure. Ports: BENCH_PORT (default 3950) and
// the next one; the emulator on BENCH_PORT + 1010.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { findChromium } from "../scripts/chromium.mjs";
import { createDatabase, migrateDatabase, startPostgres } from "../tests/helpers/postgres";

const PORT = Number(process.env.BENCH_PORT ?? 3950);
const DEV_ORIGIN = `http://127.0.0.1:${PORT}`;
const START_ORIGIN = `http://127.0.0.1:${PORT + 1}`;

/** Starts a command in its own process group (so the whole tree can be stopped), echoing each output line with its time. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, started: number, log: string[]): ChildProcess {
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const onLine = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim()) log.push(`  ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s  ${line.trim()}`);
    }
  };
  child.stdout!.on("data", onLine);
  child.stderr!.on("data", onLine);
  return child;
}

function stop(child: ChildProcess) {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // Already gone.
    }
  }
}

async function waitFor200(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode} before ${url} answered.`);
    const status = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(120_000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000}s`);
}

async function coldStartSeconds(): Promise<{ seconds: number; log: string[] }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "staffroom-coldstart-"));
  const log: string[] = [];
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, STAFFROOM_DATA_DIR: dataDir, WONDE_EMULATOR_PORT: String(PORT + 1010), NODE_ENV: "development" };
  delete env.DATABASE_URL;
  delete env.WONDE_BASE_URL;
  const dev = start(process.execPath, ["scripts/dev.mjs", "-p", String(PORT), "-H", "127.0.0.1"], env, started, log);
  try {
    await waitFor200(`${DEV_ORIGIN}/sign-in`, dev, 300_000);
    return { seconds: (performance.now() - started) / 1000, log };
  } finally {
    stop(dev);
    await new Promise((resolve) => (dev.exitCode === null ? dev.once("exit", resolve) : resolve(null)));
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function signInPageScripts(): Promise<{ kib: number; scripts: { url: string; gzipped: number }[] }> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first.");
  const dataDir = await mkdtemp(path.join(tmpdir(), "staffroom-coldstart-"));
  // Production refuses to start without PostgreSQL, email and real secrets: give it all three.
  const postgres = await startPostgres();
  const databaseUrl = await createDatabase(postgres.url, "staffroom_coldstart");
  await migrateDatabase(databaseUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_URL: databaseUrl,
    EMAIL_TRANSPORT: "log",
    STAFFROOM_DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(33).toString("base64"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_TRUST_HOST: "true",
  };
  const server = start("node_modules/.bin/next", ["start", "-p", String(PORT + 1), "-H", "127.0.0.1"], env, performance.now(), []);
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH.");
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await waitFor200(`${START_ORIGIN}/sign-in`, server, 120_000);
    const page = await browser.newPage();
    const bodies: Promise<{ url: string; gzipped: number }>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") {
        bodies.push(response.body().then((body) => ({ url: new URL(response.url()).pathname, gzipped: gzipSync(body, { level: 9 }).length })));
      }
    });
    await page.goto(`${START_ORIGIN}/sign-in`, { waitUntil: "networkidle" });
    const scripts = await Promise.all(bodies);
    return { kib: scripts.reduce((sum, script) => sum + script.gzipped, 0) / 1024, scripts };
  } finally {
    await browser.close();
    stop(server);
    await new Promise((resolve) => (server.exitCode === null ? server.once("exit", resolve) : resolve(null)));
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const cold = await coldStartSeconds();
console.log(`npm run dev, empty data folder → sign-in page answered: ${cold.seconds.toFixed(1)}s`);
console.log(cold.log.join("\n"));
const js = await signInPageScripts();
console.log(`\nsign-in page JavaScript (production build): ${js.kib.toFixed(1)} KiB gzipped in ${js.scripts.length} scripts`);
for (const script of js.scripts.sort((a, b) => b.gzipped - a.gzipped)) console.log(`  ${(script.gzipped / 1024).toFixed(1).padStart(6)} KiB  ${script.url}`);
