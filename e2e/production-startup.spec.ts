import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

// The production build itself (not only the env module) refuses to serve with an unsafe
// configuration: instrumentation.ts exits with code 1 and names the variable.
function nextStartWith(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const childEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? "/tmp", NEXT_TELEMETRY_DISABLED: "1", ...env } as unknown as NodeJS.ProcessEnv;
    const child = spawn("node_modules/.bin/next", ["start", "-p", "0", "-H", "127.0.0.1"], { env: childEnv });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    // Bounded: a server that keeps running is the failure this test is about.
    const timer = setTimeout(() => child.kill("SIGTERM"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const SAFE = { NODE_ENV: "production", AUTH_SECRET: "a-production-secret-of-more-than-32-bytes-xyz", ENCRYPTION_KEY: Buffer.alloc(32, 42).toString("base64"), RESEND_API_KEY: "re_live" };

test("next start exits with code 1 without DATABASE_URL, naming it", async () => {
  const { code, output } = await nextStartWith(SAFE);
  expect(output).toMatch(/DATABASE_URL is required in production/);
  expect(code).toBe(1);
});

test("next start exits with code 1 with the development AUTH_SECRET", async () => {
  const { code, output } = await nextStartWith({ ...SAFE, DATABASE_URL: "postgresql://x@127.0.0.1:1/x", AUTH_SECRET: "staffroom-development-secret-not-for-production-use" });
  expect(output).toMatch(/AUTH_SECRET is the development secret/);
  expect(code).toBe(1);
});
