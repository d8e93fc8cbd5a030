// Findings 5, 6 and 11: production accepted the repository's development secrets, ran on the
// embedded database without DATABASE_URL, pretended to send email without RESEND_API_KEY, and
// kept serving 500s when a secret was missing. Each bad configuration must now stop the server
// before it serves: the same start-up check instrumentation.ts runs, in a real child process.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { DEV_AUTH_SECRET, DEV_ENCRYPTION_KEY } from "@/server/env";

const GOOD: Record<string, string> = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://staffroom@127.0.0.1:1/staffroom",
  AUTH_SECRET: "a-production-secret-of-more-than-32-bytes-xyz",
  ENCRYPTION_KEY: Buffer.alloc(32, 42).toString("base64"),
  RESEND_API_KEY: "re_live_key",
};

/** Runs the start-up check with exactly this environment (plus PATH); exit code and stderr. */
function startWith(env: Record<string, string | undefined>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      "node_modules/.bin/tsx",
      ["-e", "import('./server/startup.ts').then((m) => m.loadEnvironmentOrExit()).then(() => console.log('SERVING'))"],
      { env: { PATH: process.env.PATH, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) } as unknown as NodeJS.ProcessEnv },
    );
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("exit", (code) => resolve({ code, stderr, stdout }));
  });
}

const REFUSED: [string, Record<string, string | undefined>, RegExp][] = [
  ["no RESEND_API_KEY", { RESEND_API_KEY: undefined }, /RESEND_API_KEY is required in production[\s\S]*EMAIL_TRANSPORT=log/],
  ["the development AUTH_SECRET", { AUTH_SECRET: DEV_AUTH_SECRET }, /AUTH_SECRET is the development secret/],
  ["the development ENCRYPTION_KEY", { ENCRYPTION_KEY: DEV_ENCRYPTION_KEY }, /ENCRYPTION_KEY is the development key/],
  ["an AUTH_SECRET shorter than 32 bytes", { AUTH_SECRET: "x".repeat(31) }, /AUTH_SECRET must be at least 32 bytes/],
  ["an ENCRYPTION_KEY that isn't 32 bytes", { ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") }, /ENCRYPTION_KEY must be 32 bytes/],
  ["no AUTH_SECRET", { AUTH_SECRET: undefined }, /AUTH_SECRET is required/],
  ["no ENCRYPTION_KEY", { ENCRYPTION_KEY: undefined }, /ENCRYPTION_KEY is required/],
  ["no DATABASE_URL", { DATABASE_URL: undefined }, /DATABASE_URL is required in production/],
  ["a DATABASE_URL that isn't PostgreSQL", { DATABASE_URL: "mysql://x" }, /DATABASE_URL must be a postgresql:\/\/ URL/],
  ["an unknown EMAIL_TRANSPORT", { EMAIL_TRANSPORT: "smtp" }, /EMAIL_TRANSPORT must be resend or log/],
  ["an invalid URL", { APP_URL: "not a url" }, /APP_URL/],
];

describe("production start-up", () => {
  it.each(REFUSED)("refuses %s with exit code 1 and a message naming it", async (_, change, message) => {
    const result = await startWith({ ...GOOD, ...change });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Staffroom cannot start/);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toContain("SERVING");
  });

  it("starts with a complete configuration, and without Resend only when EMAIL_TRANSPORT=log says so", async () => {
    for (const env of [GOOD, { ...GOOD, RESEND_API_KEY: undefined, EMAIL_TRANSPORT: "log" }]) {
      const result = await startWith(env);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("SERVING");
    }
  });
});
