// The provider behind an App Router route. oidc-provider (Koa) needs Node's req/res, which route
// handlers don't get, so each process runs it on a private loopback HTTP server (started on the
// first /oidc request, on a port the system picks) and app/oidc/[[...path]]/route.ts forwards
// requests to it as they came, with the public host and protocol in X-Forwarded-*.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Db } from "../db";
import { logger } from "../logger";
import { handleOidcRequest } from "./handler";

let listening: Promise<string> | null = null;

function providerServer(db: Db): Promise<string> {
  listening ??= new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      handleOidcRequest(db, req, res).catch((err: unknown) => {
        logger.error({ err }, "OIDC request failed");
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
  return listening;
}

// Hop-by-hop, or recomputed by fetch: never passed on.
const REQUEST_HEADERS_DROPPED = ["host", "connection", "keep-alive", "transfer-encoding", "content-length", "expect", "upgrade"];
const RESPONSE_HEADERS_DROPPED = ["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "set-cookie"];

/** The CSP nonce proxy.ts gives each request. */
const NONCE_HEADER = "x-nonce";

/**
 * oidc-provider's own auto-submitting pages (a sign-out with no session, form_post responses)
 * carry one inline script, which the page's CSP runs only with this request's nonce; and no icon,
 * so browsers would ask for a /favicon.ico that isn't there.
 */
async function withNonce(upstream: Response, nonce: string | null): Promise<BodyInit | null> {
  if (!nonce || !upstream.headers.get("content-type")?.startsWith("text/html")) return upstream.body;
  const html = await upstream.text();
  const withIcon = html.includes('rel="icon"') ? html : html.replace("<head>", '<head>\n  <link rel="icon" href="/favicon.svg">');
  return withIcon.replaceAll("<script>", `<script nonce="${nonce.replace(/[^A-Za-z0-9+/=]/g, "")}">`);
}

/** One request to /oidc/…, answered by the provider. */
export async function forwardToProvider(db: Db, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  for (const name of REQUEST_HEADERS_DROPPED) headers.delete(name);
  headers.set("x-forwarded-host", host);
  headers.set("x-forwarded-proto", request.headers.get("x-forwarded-proto") ?? url.protocol.slice(0, -1));
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const upstream = await fetch(`${await providerServer(db)}${url.pathname}${url.search}`, {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    redirect: "manual",
  });
  const answer = new Headers();
  upstream.headers.forEach((value, name) => {
    if (!RESPONSE_HEADERS_DROPPED.includes(name)) answer.set(name, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) answer.append("set-cookie", cookie);
  if (request.method === "HEAD") return new Response(null, { status: upstream.status, headers: answer });
  return new Response(await withNonce(upstream, request.headers.get(NONCE_HEADER)), { status: upstream.status, headers: answer });
}
