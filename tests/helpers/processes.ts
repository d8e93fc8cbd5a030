import { spawn, type ChildProcessByStdio } from "node:child_process";
import path from "node:path";
import type { Readable } from "node:stream";
import { projectRoot } from "./postgres";

export type Finished = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** The environment a Staffroom process started by a test gets: this test's database, and `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: "test", DATABASE_URL: process.env.DATABASE_URL, WONDE_TOKEN: "", ...extra };
}

/** Starts a TypeScript entry point of the project (scripts/sync.ts, server/worker.ts) in its own node process. */
export function startTsx(file: string, args: string[], env: Record<string, string> = {}): ChildProcessByStdio<null, Readable, Readable> & { output: { stdout: string; stderr: string } } {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, file), ...args], { cwd: projectRoot, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
  return Object.assign(child, { output });
}

export function finished(child: ReturnType<typeof startTsx>): Promise<Finished> {
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, ...child.output }));
  });
}

/** Runs `npm run sync -- …` to the end. */
export function runSyncCli(args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return finished(startTsx("scripts/sync.ts", args, env));
}
