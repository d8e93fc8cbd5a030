/**
 * Per-token request pacing: every school of a trust shares one Wonde token, and
 * Wonde rate-limits per token, so a trust syncing 50 schools at once must not
 * send 50 schools' worth of requests at once. A GCRA (leaky-bucket) pacer per
 * token, shared by every client in the process: `rate` requests a second on
 * average, with bursts of up to one second's worth.
 */
import { createHash } from "node:crypto";

export class Pacer {
  /** When the bucket would next be empty ("theoretical arrival time"). */
  private tat = 0;
  private readonly interval: number;
  private readonly burst: number;

  constructor(
    rate: number,
    private readonly clock: { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void> },
  ) {
    if (!(rate > 0)) throw new RangeError("rate must be > 0");
    this.interval = 1000 / rate;
    this.burst = Math.max(1, Math.floor(rate));
  }

  /** Waits until one more request fits the rate; requests are served in call order. */
  async take(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    this.tat = Math.max(this.tat, now) + this.interval;
    const wait = this.tat - this.interval * this.burst - now;
    if (wait > 0) await this.clock.sleep(wait, signal);
  }
}

const pacers = new Map<string, Pacer>();

/** The process's pacer for a token (keyed by its hash, so the token itself is not kept as a key). */
export function pacerForToken(token: string, rate: number, clock: ConstructorParameters<typeof Pacer>[1]): Pacer {
  const key = `${createHash("sha256").update(token).digest("hex")}:${rate}`;
  let pacer = pacers.get(key);
  if (!pacer) pacers.set(key, (pacer = new Pacer(rate, clock)));
  return pacer;
}
