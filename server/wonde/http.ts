/**
 * HTTP transport for Wonde: bearer auth, per-attempt timeout, bounded retries with
 * exponential backoff + full jitter, and a per-school concurrency limit.
 * It returns parsed JSON (unknown); shape validation lives in client.ts/schemas.ts.
 */
import {
  WondeAuthError, WondeError, WondeForbiddenError, WondeHttpError, WondeMalformedResponseError,
  WondeNetworkError, WondeNotFoundError, WondeRateLimitError, WondeServerError,
  WondeValidationError, type WondeErrorDetails,
} from "./errors";
import { pacerForToken, type Pacer } from "./pacing";

export interface RetryOptions {
  /** Total HTTP attempts per request, first one included. Default 5. */
  maxAttempts?: number;
  /** First backoff ceiling; doubles each attempt. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap on a single backoff delay. Default 30 s. */
  maxDelayMs?: number;
  /** A Retry-After longer than this fails fast with WondeRateLimitError. Default 120 s. */
  maxRetryAfterMs?: number;
  /** Retries allowed for a 200 whose body is not JSON (truncated). Default 2. */
  malformedBodyRetries?: number;
  /** Injectable for tests. Must reject if `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable for tests; returns [0, 1). */
  random?: () => number;
  /** Injectable clock for Retry-After HTTP dates. */
  now?: () => number;
}

export interface RetryEvent {
  endpoint: string;
  url: string;
  attempt: number;
  delayMs: number;
  error: WondeError;
}

export interface HttpOptions {
  token: string;
  fetch?: typeof fetch;
  /** Average requests per second for this token, shared by every client of the token in the process; unset → unpaced. */
  requestsPerSecond?: number;
  /** Concurrent requests per school (limiter key). Default 4. */
  maxConcurrency?: number;
  /** Per attempt, headers and body included. Default 30 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** Observability hook (logging/metrics); must not throw. */
  onRetry?: (event: RetryEvent) => void;
  userAgent?: string;
}

export interface RequestContext {
  /** Concurrency key: the school id, or "account" for account-level calls. */
  limiterKey: string;
  /** Logical endpoint for errors, e.g. "schools/A1/students". */
  endpoint: string;
  pageNumber?: number;
  signal?: AbortSignal | undefined;
}

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Counting semaphore; waiters are served FIFO. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError("maxConcurrency must be an integer ≥ 1");
  }
  get inFlight(): number {
    return this.active;
  }
  get idle(): boolean {
    return this.active === 0 && this.waiters.length === 0;
  }
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.max) {
      this.active++;
    } else {
      await new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const wake = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.waiters.indexOf(wake);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal?.reason);
        };
        this.waiters.push(wake);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      // Hand the slot straight to the next waiter so a newcomer cannot jump the queue.
      if (next) next();
      else this.active--;
    };
  }
}

/** One semaphore per key (school), dropped when idle so 24k schools do not leak. */
export class KeyedLimiter {
  private readonly semaphores = new Map<string, Semaphore>();
  constructor(readonly maxPerKey: number) {}
  async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    let sem = this.semaphores.get(key);
    if (!sem) {
      sem = new Semaphore(this.maxPerKey);
      this.semaphores.set(key, sem);
    }
    const release = await sem.acquire(signal);
    const owner = sem;
    return () => {
      release();
      if (owner.idle && this.semaphores.get(key) === owner) this.semaphores.delete(key);
    };
  }
  inFlight(key: string): number {
    return this.semaphores.get(key)?.inFlight ?? 0;
  }
}

/** Parses Retry-After (delta-seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

type Attempt =
  | { ok: true; json: unknown }
  | { ok: false; error: WondeError; retryable: boolean; retryAfterMs?: number | undefined; malformed?: boolean };

export class WondeHttp {
  private readonly fetchImpl: typeof fetch;
  private readonly limiter: KeyedLimiter;
  private readonly timeoutMs: number;
  private readonly retry: Required<RetryOptions>;
  private readonly pacer: Pacer | null;

  constructor(private readonly options: HttpOptions) {
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.limiter = new KeyedLimiter(options.maxConcurrency ?? 4);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    const r = options.retry ?? {};
    this.retry = {
      maxAttempts: Math.max(1, r.maxAttempts ?? 5),
      baseDelayMs: r.baseDelayMs ?? 500,
      maxDelayMs: r.maxDelayMs ?? 30_000,
      maxRetryAfterMs: r.maxRetryAfterMs ?? 120_000,
      malformedBodyRetries: r.malformedBodyRetries ?? 2,
      sleep: r.sleep ?? defaultSleep,
      random: r.random ?? Math.random,
      now: r.now ?? Date.now,
    };
    this.pacer = options.requestsPerSecond ? pacerForToken(options.token, options.requestsPerSecond, { now: this.retry.now, sleep: this.retry.sleep }) : null;
  }

  /** Requests in flight for a limiter key (for tests and progress displays). */
  inFlight(limiterKey: string): number {
    return this.limiter.inFlight(limiterKey);
  }

  /** Full jitter: uniform in [0, min(cap, base·2^(n-1))] (AWS architecture blog). */
  backoffMs(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(this.retry.random() * ceiling);
  }

  async getJson(url: URL, ctx: RequestContext): Promise<unknown> {
    let malformedSeen = 0;
    for (let attempt = 1; ; attempt++) {
      const release = await this.limiter.acquire(ctx.limiterKey, ctx.signal);
      let outcome: Attempt;
      try {
        await this.pacer?.take(ctx.signal);
        outcome = await this.attempt(url, ctx);
      } finally {
        // Released before any backoff so a sleeping retry does not block the school's other reads.
        release();
      }
      if (outcome.ok) return outcome.json;

      const { error } = outcome;
      error.attempts = attempt;
      if (outcome.malformed) malformedSeen++;
      const exhausted =
        attempt >= this.retry.maxAttempts ||
        (outcome.malformed === true && malformedSeen > this.retry.malformedBodyRetries);
      if (!outcome.retryable || exhausted) throw error;

      let delayMs = outcome.retryAfterMs ?? this.backoffMs(attempt);
      if (outcome.retryAfterMs !== undefined) {
        if (outcome.retryAfterMs > this.retry.maxRetryAfterMs) throw error;
      } else {
        delayMs = Math.min(delayMs, this.retry.maxDelayMs);
      }
      this.options.onRetry?.({ endpoint: ctx.endpoint, url: url.href, attempt, delayMs, error });
      await this.retry.sleep(delayMs, ctx.signal);
    }
  }

  private async attempt(url: URL, ctx: RequestContext): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = ctx.signal ? AbortSignal.any([timeout, ctx.signal]) : timeout;
    const details: WondeErrorDetails = { endpoint: ctx.endpoint, url: url.href };
    const networkFailure = (stage: string, e: unknown): Attempt => {
      // A caller's own abort is not a Wonde failure: surface it untouched, never retry.
      if (ctx.signal?.aborted) throw ctx.signal.reason;
      const timedOut = timeout.aborted;
      const reason = timedOut ? `timed out after ${this.timeoutMs} ms (${stage})` : `${stage}: ${describeCause(e)}`;
      return { ok: false, retryable: true, error: new WondeNetworkError(reason, { ...details, timedOut, cause: e }) };
    };

    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        method: "GET",
        headers: {
          Authorization: `Bearer ${this.options.token}`,
          Accept: "application/json",
          "User-Agent": this.options.userAgent ?? "staffroom-wonde-client",
        },
        signal,
        // Redirects are followed; fetch drops Authorization on a cross-origin hop.
        redirect: "follow",
      });
    } catch (e) {
      return networkFailure("connecting", e);
    }

    let body: string;
    try {
      // Read the whole body inside the timeout; a dropped connection rejects here.
      body = await res.text();
    } catch (e) {
      return networkFailure("reading body", e);
    }

    const withStatus = { ...details, status: res.status };
    if (res.ok) {
      try {
        return { ok: true, json: JSON.parse(body) as unknown };
      } catch (e) {
        return {
          ok: false, retryable: true, malformed: true,
          error: new WondeMalformedResponseError(`body is not valid JSON (${body.length} bytes, possibly truncated)`, {
            ...withStatus, pageNumber: ctx.pageNumber, cause: e,
          }),
        };
      }
    }

    switch (res.status) {
      case 401: return { ok: false, retryable: false, error: new WondeAuthError(withStatus) };
      case 403: return { ok: false, retryable: false, error: new WondeForbiddenError(withStatus) };
      case 404: return { ok: false, retryable: false, error: new WondeNotFoundError(withStatus) };
      case 422: return { ok: false, retryable: false, error: new WondeValidationError(parseJsonOr(body), withStatus) };
      case 429: {
        const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), this.retry.now());
        return { ok: false, retryable: true, retryAfterMs, error: new WondeRateLimitError(retryAfterMs, withStatus) };
      }
    }
    if (res.status >= 500) {
      const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"), this.retry.now()); // 503 may send it
      return { ok: false, retryable: true, retryAfterMs, error: new WondeServerError(withStatus, body) };
    }
    return { ok: false, retryable: false, error: new WondeHttpError(withStatus, body) };
  }
}

function parseJsonOr(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

function describeCause(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const code = cause && typeof cause === "object" && "code" in cause ? String((cause as { code: unknown }).code) : "";
  const inner = cause instanceof Error ? cause.message : "";
  return [e.message, code, inner].filter(Boolean).join(" / ");
}
