/**
 * Faults on demand, for testing a client's retries. Deterministic: a rule fires on the next
 * `count` matching requests, or on every `every`-th one (optionally at most `count` times),
 * so a test can count exactly how many attempts its client made.
 */
import { z } from "zod";

export const FAULT_KINDS = ["rate_limit", "server_error", "delay", "drop", "bad_json"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRuleSchema = z.object({
  /**
   * rate_limit: 429 with Retry-After. server_error: 500 (or `status`). delay: wait `delayMs`,
   * then answer normally (combines with the others). drop: send the headers and half the
   * body, then destroy the socket. bad_json: 200 with the body cut in half.
   */
  kind: z.enum(FAULT_KINDS),
  /** Fire on at most this many matching requests (default: no limit). */
  count: z.number().int().positive().optional(),
  /** Fire on every Nth matching request: N, 2N, 3N… (default 1: every one). */
  every: z.number().int().positive().optional(),
  /** Only requests whose path after /v1.0/ contains this text, e.g. "/students". */
  path: z.string().optional(),
  /** Seconds, for rate_limit (default 1). */
  retryAfter: z.number().int().nonnegative().optional(),
  /** Status for server_error (default 500). */
  status: z.number().int().min(500).max(599).optional(),
  /** Milliseconds, for delay (default 1000). */
  delayMs: z.number().int().nonnegative().optional(),
});

export type FaultRule = z.infer<typeof faultRuleSchema>;

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  fired: number;
}

/** What to do to one request. */
export interface FaultDecision {
  delayMs: number;
  /** At most one fault that replaces or breaks the response. */
  fault: FaultRule | null;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((rule) => ({ rule, seen: 0, fired: 0 }));
  }

  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Rules with their counters, for /__admin/faults. */
  list(): { rule: FaultRule; seen: number; fired: number }[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Counts the request against every matching rule and says which fire. */
  decide(path: string): FaultDecision {
    let delayMs = 0;
    let fault: FaultRule | null = null;
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.path !== undefined && !path.includes(rule.path)) continue;
      active.seen += 1;
      const due = active.seen % (rule.every ?? 1) === 0;
      const left = rule.count === undefined || active.fired < rule.count;
      if (!due || !left) continue;
      if (rule.kind === "delay") {
        active.fired += 1;
        delayMs += rule.delayMs ?? 1000;
      } else if (fault === null) {
        active.fired += 1;
        fault = rule;
      }
    }
    return { delayMs, fault };
  }
}

export interface LoggedRequest {
  seq: number;
  method: string;
  /** Path as requested, e.g. "/v1.0/schools/A123/students/". */
  path: string;
  /** Query string without "?" ("" when none). */
  query: string;
  token: string | null;
  status: number;
  fault: FaultKind | null;
  /** The emulator's clock when the request arrived. */
  at: string;
}

/** The last `limit` API requests, for tests that count attempts. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly limit = 10_000) {}

  record(entry: Omit<LoggedRequest, "seq">): LoggedRequest {
    const logged = { seq: ++this.seq, ...entry };
    this.entries.push(logged);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return logged;
  }

  /** Entries after sequence number `since` (all by default). */
  list(since = 0): readonly LoggedRequest[] {
    return this.entries.filter((e) => e.seq > since);
  }

  get total(): number {
    return this.seq;
  }

  clear(): void {
    this.entries = [];
  }
}
