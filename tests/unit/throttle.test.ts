import { describe, expect, it } from "vitest";
import { lockDuration } from "@/server/auth/throttle";

// Fixed numbers, not the module's constants: changing the policy must change this test too.
describe("sign-in backoff", () => {
  it("allows four failures, locks for a minute at the fifth, doubling up to an hour", () => {
    expect(lockDuration(0)).toBe(0);
    expect(lockDuration(4)).toBe(0);
    expect(lockDuration(5)).toBe(60_000);
    expect(lockDuration(6)).toBe(120_000);
    expect(lockDuration(7)).toBe(240_000);
    expect(lockDuration(10)).toBe(1_920_000);
    expect(lockDuration(11)).toBe(3_600_000);
    expect(lockDuration(25)).toBe(3_600_000);
  });
});
