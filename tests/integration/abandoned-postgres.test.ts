// A test run killed outright (SIGKILL) leaves its PostgreSQL running and its folder, gigabytes
// after a long run, in the temp folder; enough of them filled a CI machine's disk. The next
// start must stop and remove them.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { projectRoot, startPostgres, type PostgresServer } from "../helpers/postgres";

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Starts a server in a child process, then kills that process with SIGKILL; resolves with the server's URL and the child's pid. */
async function serverOfAKilledProcess(): Promise<{ url: string; pid: number }> {
  // node itself, with tsx's loader: tsx's own command would put a second process in between.
  const child = spawn(process.execPath, ["--import", "tsx", "-e", `
    import("${path.join(projectRoot, "tests/helpers/postgres.ts")}").then(async ({ startPostgres }) => {
      const server = await startPostgres();
      console.log(server.url);
      setInterval(() => undefined, 60_000);
    });`], { cwd: projectRoot, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the child exited with ${code} before its server started`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  return { url, pid: child.pid! };
}

const foldersOf = (pid: number) => readdirSync(tmpdir()).filter((name) => name.startsWith(`staffroom-pg-${pid}-`));

/** Whether the process runs: a stopped server may linger as a zombie until init reaps it. */
function isRunning(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

describe("a test server whose process was killed", () => {
  let next: PostgresServer | undefined;
  afterAll(async () => {
    await next?.stop();
  });

  it("is stopped and its folder removed by the next start, which leaves servers of live processes alone", async () => {
    const killed = await serverOfAKilledProcess();
    // The kill ran no exit handler: the server outlived its process, with its folder.
    expect(await answers(killed.url)).toBe(true);
    expect(foldersOf(killed.pid)).toHaveLength(1);
    const postmaster = Number(readFileSync(path.join(tmpdir(), foldersOf(killed.pid)[0]!, "data/postmaster.pid"), "utf8").split("\n")[0]);
    expect(isRunning(postmaster)).toBe(true);

    next = await startPostgres();

    expect(foldersOf(killed.pid)).toEqual([]);
    expect(await answers(killed.url)).toBe(false);
    expect(isRunning(postmaster)).toBe(false); // stopped, not just left without its files
    // The run's server, owned by the live vitest process, was left alone.
    expect(await answers(inject("postgresUrl"))).toBe(true);
    expect(await answers(next.url)).toBe(true);
  });
});
