import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), "utf8"));
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

export interface RecordedRequest {
  url: URL;
  headers: Headers;
}

/**
 * A fake fetch answering from a queue of responders. Each call takes the next
 * responder (the last one repeats), and every request is recorded.
 */
export function fakeFetch(...responders: Array<(req: RecordedRequest, signal?: AbortSignal) => Response | Promise<Response>>) {
  const requests: RecordedRequest[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const req = { url: new URL(String(input instanceof Request ? input.url : input)), headers: new Headers(init?.headers) };
    requests.push(req);
    const responder = responders[Math.min(requests.length - 1, responders.length - 1)];
    if (!responder) throw new Error("fakeFetch: no responder");
    return responder(req, init?.signal ?? undefined);
  }) as typeof fetch;
  return { fetch: fn, requests };
}

/** A sleep that records delays and returns at once, so retry tests never wait. */
export function recordingSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number) => {
    delays.push(ms);
  };
  return { sleep, delays };
}

export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
