import type { Env } from "./env";

/**
 * The validated environment, or, when a variable is missing, invalid or unsafe for production,
 * the reason on stderr and exit code 1: a server that can't run safely never starts serving.
 */
export async function loadEnvironmentOrExit(): Promise<Env> {
  try {
    return (await import("./env")).env;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
