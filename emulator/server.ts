/**
 * The emulator's HTTP server: /v1.0/… (Wonde's API, with faults applied) and /__admin/….
 *
 *   const emulator = await startEmulator({ port: 0, seed: "test" });
 *   // emulator.url === "http://127.0.0.1:PORT/v1.0/"; token "demo" sees the default schools
 *   emulator.state.advanceTime({ students: { leavers: 2 } });
 *   await emulator.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { handleAdmin } from "./admin";
import type { FaultRule } from "./faults";
import { handleApi, tokenFrom, type ApiResponse } from "./routes";
import { EmulatorState, type EmulatorOptions } from "./store";

export { EmulatorState } from "./store";
export type { EmulatorOptions, AdvanceOptions, AdvanceReport, SchoolCounts } from "./store";
export type { FaultRule } from "./faults";
export { MUTATION_TYPES, type MutationRule, type MutationType } from "./variance";
export type { SchoolSpec } from "./model";
export { MIS_CAPABILITIES, MIS_NAMES } from "./mis";
export * from "./schools";

export interface StartOptions extends EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
}

export interface RunningEmulator {
  /** Base URL of the API, e.g. "http://127.0.0.1:4010/v1.0/". */
  url: string;
  port: number;
  state: EmulatorState;
  close(): Promise<void>;
}

const MAX_ADMIN_BODY = 1_000_000;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { "content-type": "application/json", "content-length": bytes.length, ...headers });
  res.end(res.req.method === "HEAD" ? undefined : bytes);
}

/** Sends `body` as the fault says: whole, cut short as "valid" HTTP, or dropped mid-way. */
function sendWithFault(res: ServerResponse, response: ApiResponse, fault: FaultRule | null): void {
  const bytes = Buffer.from(JSON.stringify(response.body));
  const half = bytes.subarray(0, Math.floor(bytes.length / 2));
  if (fault?.kind === "bad_json") {
    res.writeHead(response.status, { "content-type": "application/json", "content-length": half.length });
    res.end(half);
  } else if (fault?.kind === "drop") {
    // Promise the whole body, deliver half, then hang up: the client sees a reset mid-body.
    res.writeHead(response.status, { "content-type": "application/json", "content-length": bytes.length });
    res.write(half, () => res.socket?.destroy());
  } else {
    const headers: Record<string, string> =
      fault?.kind === "rate_limit" ? { "retry-after": String(fault.retryAfter ?? 1) } : {};
    send(res, response.status, response.body, headers);
  }
}

function faultResponse(fault: FaultRule): ApiResponse | null {
  if (fault.kind === "rate_limit") {
    const wait = fault.retryAfter ?? 1;
    return {
      status: 429,
      body: { error: "too_many_requests", error_description: `Rate limit exceeded; retry after ${wait} second(s).` },
    };
  }
  if (fault.kind === "server_error") {
    return { status: fault.status ?? 500, body: { error: "server_error", error_description: "Injected server error." } };
  }
  return null;
}

async function serveApi(state: EmulatorState, req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string) {
  const token = tokenFrom(req.headers.authorization);
  const at = state.now();
  const decision = state.faults.decide(path.replace(/^\/v1\.0\/?/, ""));
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  const answer =
    (decision.fault && faultResponse(decision.fault)) ??
    handleApi(state, { method: req.method ?? "GET", path, rawQuery, token, host: req.headers.host ?? "localhost" });
  const response = answer.status === 200 ? { ...answer, body: state.shape(path, answer.body) } : answer;
  state.log.record({
    method: req.method ?? "GET",
    path,
    query: rawQuery,
    token,
    status: response.status,
    fault: decision.fault?.kind ?? null,
    at,
  });
  sendWithFault(res, response, decision.fault);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_ADMIN_BODY) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  return text === "" ? undefined : JSON.parse(text);
}

export function createHandler(state: EmulatorState) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // No Date header: responses depend only on the seed and the calls made.
    res.sendDate = false;
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? "" : url.slice(q + 1);
    try {
      if (path === "/v1.0" || path.startsWith("/v1.0/")) {
        await serveApi(state, req, res, path, rawQuery);
      } else if (path === "/__admin" || path.startsWith("/__admin/")) {
        let body: unknown;
        try {
          body = await readJson(req);
        } catch (error) {
          send(res, 400, { error: "invalid_request", error_description: (error as Error).message });
          return;
        }
        const result = await handleAdmin(state, req.method ?? "GET", path, new URLSearchParams(rawQuery), body);
        send(res, result.status, result.body);
      } else {
        send(res, 404, { error: "not_found", error_description: "The API is under /v1.0/, the admin API under /__admin/." });
      }
    } catch (error) {
      if (!res.headersSent) send(res, 500, { error: "emulator_error", error_description: (error as Error).message });
      else res.destroy();
    }
  };
}

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const state = new EmulatorState(options);
  const handler = createHandler(state);
  const server: Server = createServer((req, res) => void handler(req, res));
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/v1.0/`,
    port,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
