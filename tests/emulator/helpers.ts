/**
 * HTTP helpers for the emulator tests. node:http rather than fetch, so a test can set the
 * Host header (pagination links contain it) and see a dropped connection as an error.
 */
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { startEmulator, type RunningEmulator, type StartOptions } from "@/emulator/server";

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at JSON freely
  json(): any;
}

export interface RequestOptions {
  /** Bearer token; null sends no Authorization header. Default "demo". */
  token?: string | null;
  /** Send the token as Basic auth (token as user, empty password) instead of Bearer. */
  basic?: boolean;
  host?: string;
  method?: string;
  body?: unknown;
}

export function request(url: string, options: RequestOptions = {}): Promise<HttpResult> {
  const token = options.token === undefined ? "demo" : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) {
    headers.authorization = options.basic
      ? `Basic ${Buffer.from(`${token}:`).toString("base64")}`
      : `Bearer ${token}`;
  }
  if (options.host) headers.host = options.host;
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (payload) headers["content-type"] = "application/json";
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? "GET", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("aborted", () => reject(new Error("response aborted")));
      res.on("error", reject);
      res.on("end", () => {
        if (!res.complete) return reject(new Error("response incomplete"));
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    req.on("error", reject);
    req.end(payload);
  });
}

/** The emulator plus shorthands for its API and admin URLs. */
export interface Harness {
  emulator: RunningEmulator;
  /** GET a path under /v1.0/ ("schools/A1/students?per_page=5"). */
  api(path: string, options?: RequestOptions): Promise<HttpResult>;
  admin(method: string, path: string, body?: unknown): Promise<HttpResult>;
  close(): Promise<void>;
}

export async function harness(options: StartOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ port: 0, ...options });
  const origin = emulator.url.replace(/\/v1\.0\/$/, "");
  return {
    emulator,
    api: (path, opts) => request(`${emulator.url}${path}`, opts),
    admin: (method, path, body) => request(`${origin}/__admin/${path}`, { method, body, token: null }),
    close: () => emulator.close(),
  };
}

/** Follows `next` links from a first page; returns every record and every page's meta. */
export async function walk(url: string, options: RequestOptions = {}) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON pages
  const records: any[] = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON pages
  const pages: any[] = [];
  let next: string | null = url;
  while (next) {
    const res = await request(next, options);
    if (res.status !== 200) throw new Error(`${next} answered ${res.status}: ${res.text}`);
    const body = res.json();
    records.push(...body.data);
    pages.push(body.meta.pagination);
    next = body.meta.pagination.next;
    if (pages.length > 1000) throw new Error("pagination does not end");
  }
  return { records, pages };
}

export const OAKFIELD = "A1930499544";
export const RIVERSIDE = "A1329183376";
export const GREYFRIARS = "A1776403258";
export const HILLCREST = "A1057384629";
