import { describe, expect, it } from "vitest";
import { parseEnv } from "@/server/env";

describe("environment", () => {
  it("needs nothing in development", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("names every missing secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrowError(/AUTH_SECRET is required[\s\S]*ENCRYPTION_KEY is required/);
  });

  it("names a bad value and says why", () => {
    expect(() => parseEnv({ NODE_ENV: "development", DATABASE_URL: "mysql://x" })).toThrowError(/DATABASE_URL must be a postgresql:\/\/ URL/);
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: "short", ENCRYPTION_KEY: "abc" })).toThrowError(
      /AUTH_SECRET must be at least 32 bytes[\s\S]*ENCRYPTION_KEY must be 32 bytes/,
    );
  });

  it("does not demand production secrets while `next build` runs", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });
});
