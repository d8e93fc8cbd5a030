import { describe, expect, it } from "vitest";
import { ensureQueue } from "@/server/jobs/ensure-queue";

/** A pg-boss stand-in whose createQueue fails with these errors first, then succeeds. */
function bossFailingWith(...errors: Error[]) {
  const calls: unknown[][] = [];
  return {
    calls,
    createQueue: async (...args: unknown[]) => {
      calls.push(args);
      const error = errors.shift();
      if (error) throw error;
    },
  };
}
const pgError = (code: string) => Object.assign(new Error(code), { code });

describe("ensureQueue: several processes creating pg-boss's queues at once", () => {
  it("tries again when another process's creation deadlocked with it or inserted the same queue", async () => {
    const boss = bossFailingWith(pgError("40P01"), pgError("23505"));
    await ensureQueue(boss as never, "sync", { policy: "short" });
    expect(boss.calls).toEqual([0, 1, 2].map(() => ["sync", { policy: "short", name: "sync" }]));
  });

  it("gives up after five attempts, and never retries any other error", async () => {
    const deadlocks = bossFailingWith(...Array.from({ length: 5 }, () => pgError("40P01")));
    await expect(ensureQueue(deadlocks as never, "sync")).rejects.toMatchObject({ code: "40P01" });
    expect(deadlocks.calls).toHaveLength(5);

    const refused = bossFailingWith(pgError("42501"));
    await expect(ensureQueue(refused as never, "sync")).rejects.toMatchObject({ code: "42501" });
    expect(refused.calls).toHaveLength(1);
    const plain = bossFailingWith(new Error("connection refused"));
    await expect(ensureQueue(plain as never, "sync")).rejects.toThrow("connection refused");
    expect(plain.calls).toHaveLength(1);
  });
});
