/** Per-token request pacing, on a fake clock: a trust's schools share one token's budget. */
import { describe, expect, it } from "vitest";
import { WondeHttp } from "@/server/wonde/http";
import { Pacer } from "@/server/wonde/pacing";
import { fakeFetch, json } from "./helpers";

/** A clock whose sleep moves time on instead of waiting. */
function fakeClock() {
  const clock = { at: 0, slept: [] as number[], now: () => clock.at, sleep: async (ms: number) => void (clock.slept.push(ms), (clock.at += ms)) };
  return clock;
}

describe("request pacing", () => {
  it("lets a second's worth of requests through at once, then spaces the rest evenly", async () => {
    const clock = fakeClock();
    const pacer = new Pacer(10, clock);
    const startedAt: number[] = [];
    for (let i = 0; i < 30; i++) {
      await pacer.take();
      startedAt.push(clock.now());
    }
    expect(startedAt.slice(0, 10)).toEqual(Array(10).fill(0));
    // After the burst: one every 100 ms, so 30 requests take 2 s, i.e. 10 a second on average.
    expect(startedAt.slice(10).every((at, i) => Math.abs(at - (i + 1) * 100) < 1e-6)).toBe(true);
  });

  it("shares one budget between every client of a token, and none between tokens", async () => {
    const clock = fakeClock();
    const { fetch } = fakeFetch(() => json({ data: [] }));
    const client = (token: string) => new WondeHttp({ token, fetch, requestsPerSecond: 5, retry: { now: clock.now, sleep: clock.sleep } });
    const url = new URL("https://api.wonde.com/v1.0/schools/A1/students/");
    const schoolA = client("trust-pacing-token");
    const schoolB = client("trust-pacing-token");
    const otherTrust = client("other-pacing-token");
    for (let i = 0; i < 5; i++) await schoolA.getJson(url, { limiterKey: "A", endpoint: "students" });
    expect(clock.slept).toEqual([]);
    await otherTrust.getJson(url, { limiterKey: "C", endpoint: "students" });
    expect(clock.slept).toEqual([]);
    // The sixth request of the shared token waits, whichever school sends it.
    await schoolB.getJson(url, { limiterKey: "B", endpoint: "students" });
    expect(clock.slept).toEqual([200]);
  });
});
