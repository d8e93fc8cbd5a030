import { describe, expect, it } from "vitest";
import { FREE_ATTEMPTS, lockDuration } from "@/server/auth/throttle";

describe("sign-in backoff", () => {
  it("allows the free attempts, then locks for a minute, doubling up to an hour", () => {
    expect(lockDuration(FREE_ATTEMPTS - 1)).toBe(0);
    expect(lockDuration(FREE_ATTEMPTS)).toBe(60_000);
    expect(lockDuration(FREE_ATTEMPTS + 1)).toBe(120_000);
    expect(lockDuration(FREE_ATTEMPTS + 20)).toBe(3_600_000);
  });
});
