/** Retry, backoff, timeout and concurrency behaviour of the transport, with a fake fetch. */
import { describe, expect, it } from "vitest";
import {
  createWondeClient, WondeAuthError, WondeForbiddenError, WondeMalformedResponseError, WondeNetworkError,
  WondeNotFoundError, WondeRateLimitError, WondeServerError, WondeValidationError,
} from "@/server/wonde";
import { parseRetryAfter, Semaphore, WondeHttp, type RetryOptions } from "@/server/wonde/http";
import { deferred, fakeFetch, json, recordingSleep } from "./helpers";

const URL_ = new URL("https://api.wonde.com/v1.0/schools/A1/students/");
const ctx = { limiterKey: "A1", endpoint: "schools/A1/students" };
const ok = () => json({ data: [] });

function http(fetch: typeof globalThis.fetch, retry: RetryOptions = {}, extra: { timeoutMs?: number; maxConcurrency?: number } = {}) {
  const { sleep, delays } = recordingSleep();
  const client = new WondeHttp({ token: "t", fetch, retry: { sleep, random: () => 0.5, ...retry }, ...extra });
  return { client, delays };
}

describe("retries", () => {
  it("honours Retry-After seconds on 429", async () => {
    const { fetch, requests } = fakeFetch(() => json({}, 429, { "Retry-After": "7" }), ok);
    const { client, delays } = http(fetch);
    await expect(client.getJson(URL_, ctx)).resolves.toEqual({ data: [] });
    expect(requests).toHaveLength(2);
    expect(delays).toEqual([7000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const now = Date.parse("2024-05-01T10:00:00Z");
    const { fetch } = fakeFetch(() => json({}, 429, { "Retry-After": "Wed, 01 May 2024 10:00:12 GMT" }), ok);
    const { client, delays } = http(fetch, { now: () => now });
    await client.getJson(URL_, ctx);
    expect(delays).toEqual([12_000]);
    expect(parseRetryAfter("garbage", now)).toBeUndefined();
    expect(parseRetryAfter("Wed, 01 May 2024 09:00:00 GMT", now)).toBe(0);
  });

  it("uses full-jitter exponential backoff on 5xx, bounded by maxAttempts", async () => {
    const { fetch, requests } = fakeFetch(() => json({ error: "boom" }, 503));
    const { client, delays } = http(fetch, { baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.999 });
    const error = await client.getJson(URL_, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WondeServerError);
    expect((error as WondeServerError).attempts).toBe(5);
    expect((error as WondeServerError).status).toBe(503);
    expect(requests).toHaveLength(5);
    // random≈1 → the ceiling of each window: 100, 200, 400, 800.
    expect(delays).toEqual([99, 199, 399, 799]);
  });

  it("caps each delay at maxDelayMs and draws jitter from random()", async () => {
    const { fetch } = fakeFetch(() => json({}, 500));
    const { client, delays } = http(fetch, { baseDelayMs: 1000, maxDelayMs: 1500, maxAttempts: 4, random: () => 0.5 });
    await expect(client.getJson(URL_, ctx)).rejects.toBeInstanceOf(WondeServerError);
    expect(delays).toEqual([500, 750, 750]);
  });

  it("gives up at once when Retry-After exceeds the allowed wait", async () => {
    const { fetch, requests } = fakeFetch(() => json({}, 429, { "Retry-After": "3600" }));
    const { client } = http(fetch);
    const error = await client.getJson(URL_, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WondeRateLimitError);
    expect((error as WondeRateLimitError).retryAfterMs).toBe(3_600_000);
    expect(requests).toHaveLength(1);
  });

  it("reports a 429 that outlasts the retries as WondeRateLimitError", async () => {
    const { fetch, requests } = fakeFetch(() => json({}, 429));
    const { client } = http(fetch, { maxAttempts: 3 });
    await expect(client.getJson(URL_, ctx)).rejects.toBeInstanceOf(WondeRateLimitError);
    expect(requests).toHaveLength(3);
  });

  it.each([
    [401, WondeAuthError, /reconnect the school in Settings/],
    [403, WondeForbiddenError, /approve/],
    [404, WondeNotFoundError, /no such school or record/],
    [422, WondeValidationError, /invalid/],
  ] as const)("never retries %i", async (status, ErrorClass, userMessage) => {
    const { fetch, requests } = fakeFetch(() => json({ errors: { updated_after: ["bad format"] } }, status));
    const { client, delays } = http(fetch);
    const error = await client.getJson(URL_, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect((error as Error & { userMessage: string }).userMessage).toMatch(userMessage);
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
    if (error instanceof WondeValidationError) expect(error.errors).toEqual({ errors: { updated_after: ["bad format"] } });
  });

  it("retries connection errors", async () => {
    const { fetch, requests } = fakeFetch(
      () => { throw new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }) }); },
      ok,
    );
    const { client } = http(fetch);
    await expect(client.getJson(URL_, ctx)).resolves.toEqual({ data: [] });
    expect(requests).toHaveLength(2);
  });

  it("retries a body cut off mid-stream", async () => {
    const cutOff = () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"data":['));
          controller.error(new TypeError("terminated"));
        },
      });
      return new Response(stream, { status: 200 });
    };
    const { fetch, requests } = fakeFetch(cutOff, ok);
    const { client } = http(fetch);
    await expect(client.getJson(URL_, ctx)).resolves.toEqual({ data: [] });
    expect(requests).toHaveLength(2);
  });

  it("retries truncated JSON twice, then reports it as malformed", async () => {
    const truncated = () => new Response('{"data":[{"id":"A1"', { status: 200 });
    const once = fakeFetch(truncated, ok);
    await expect(http(once.fetch).client.getJson(URL_, ctx)).resolves.toEqual({ data: [] });
    expect(once.requests).toHaveLength(2);

    const always = fakeFetch(truncated);
    const error = await http(always.fetch).client.getJson(URL_, { ...ctx, pageNumber: 4 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WondeMalformedResponseError);
    expect((error as WondeMalformedResponseError).pageNumber).toBe(4);
    expect(always.requests).toHaveLength(3);
  });

  it("times out a hung request and retries it", async () => {
    const hang = (_: unknown, signal?: AbortSignal) =>
      new Promise<Response>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
    const { fetch, requests } = fakeFetch(hang, ok);
    const { client } = http(fetch, {}, { timeoutMs: 25 });
    await expect(client.getJson(URL_, ctx)).resolves.toEqual({ data: [] });
    expect(requests).toHaveLength(2);

    const never = fakeFetch(hang);
    const error = await http(never.fetch, { maxAttempts: 2 }, { timeoutMs: 25 }).client.getJson(URL_, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WondeNetworkError);
    expect((error as WondeNetworkError).timedOut).toBe(true);
  });

  it("lets a caller's abort through untouched, without retrying", async () => {
    const controller = new AbortController();
    const { fetch, requests } = fakeFetch(() => {
      controller.abort(new Error("sync cancelled"));
      throw new DOMException("aborted", "AbortError");
    });
    const { client } = http(fetch);
    await expect(client.getJson(URL_, { ...ctx, signal: controller.signal })).rejects.toThrow("sync cancelled");
    expect(requests).toHaveLength(1);
  });
});

describe("concurrency", () => {
  it("never has more than maxConcurrency requests in flight per school, and schools do not block each other", async () => {
    const gates: Array<{ resolve: () => void }> = [];
    let inFlight = 0;
    let peak = 0;
    const { fetch } = fakeFetch(async (req) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      inFlight--;
      return json({ data: [], school: req.url.pathname });
    });
    const { client } = http(fetch, {}, { maxConcurrency: 3 });
    const a = Array.from({ length: 10 }, () => client.getJson(URL_, ctx));
    const other = client.getJson(new URL("https://api.wonde.com/v1.0/schools/B2/students/"), { limiterKey: "B2", endpoint: "b" });

    // Let the queued microtasks run: 3 for A1 plus 1 for B2 start.
    await new Promise((r) => setImmediate(r));
    expect(gates).toHaveLength(4);
    expect(client.inFlight("A1")).toBe(3);
    expect(client.inFlight("B2")).toBe(1);

    // Drain: release whatever is waiting until everything has finished.
    let released = 0;
    while (released < 11) {
      const batch = gates.slice(released);
      released += batch.length;
      for (const g of batch) g.resolve();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all([...a, other]);
    expect(peak).toBe(4); // 3 for A1 + 1 for B2
    expect(client.inFlight("A1")).toBe(0);
  });

  it("client-level limit is shared across calls of one client", async () => {
    let inFlight = 0;
    let peak = 0;
    const { fetch } = fakeFetch(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return json({ data: { id: "A1", forename: "X" } });
    });
    const client = createWondeClient({ token: "t", fetch, maxConcurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? client.student("A1", `S${i}`) : client.employee("A1", `E${i}`))));
    expect(peak).toBe(2);
  });

  it("semaphore hands slots over in FIFO order and rejects aborted waiters", async () => {
    const sem = new Semaphore(1);
    const order: number[] = [];
    const r0 = await sem.acquire();
    const controller = new AbortController();
    const p1 = sem.acquire().then((r) => { order.push(1); return r; });
    const p2 = sem.acquire(controller.signal);
    const p3 = sem.acquire().then((r) => { order.push(3); return r; });
    controller.abort(new Error("gone"));
    await expect(p2).rejects.toThrow("gone");
    r0();
    (await p1)();
    (await p3)();
    expect(order).toEqual([1, 3]);
    expect(sem.idle).toBe(true);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
