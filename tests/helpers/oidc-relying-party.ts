// A real relying party against Staffroom's OpenID Connect provider: the provider's request handler
// on a test HTTP server, a cookie-keeping "browser" that signs in through Auth.js's own endpoints,
// and openid-client doing the app's side (discovery, PKCE, code exchange, refresh, userinfo).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import * as client from "openid-client";
import { handlers } from "@/server/auth/config";
import type { Db } from "@/server/db";
import { handleOidcRequest } from "@/server/oidc/handler";

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The provider on a test server; its issuer is `${origin}/oidc`. */
export async function startProvider(db: Db) {
  const server = createServer((req, res) => {
    handleOidcRequest(db, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  const origin = await listen(server);
  return { origin, issuer: `${origin}/oidc`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A test endpoint an app would have for back-channel logout: keeps every logout_token POSTed to it. */
export async function startLogoutReceiver() {
  const tokens: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const token = new URLSearchParams(body).get("logout_token");
      if (req.method === "POST" && token) tokens.push(token);
      res.statusCode = token ? 200 : 400;
      res.end();
    });
  });
  const origin = await listen(server);
  return { url: `${origin}/backchannel-logout`, tokens, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One browser: its cookies, across the provider and Staffroom's sign-in (same origin). */
export class Browser {
  private readonly jar = new Map<string, string>();
  constructor(readonly origin: string) {}

  get cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const [name, ...value] = pair!.split("=");
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value.join("=") === "") this.jar.delete(name!.trim());
      else this.jar.set(name!.trim(), value.join("="));
    }
  }

  /** Signs in through Auth.js's credentials endpoint: staff by email + password, or a pupil by username + password. */
  async signIn(fields: { email: string; password: string } | { username: string; password: string }) {
    const csrf = await handlers.GET(new NextRequest(`${this.origin}/api/auth/csrf`, { headers: { cookie: this.cookie } }));
    this.remember(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const provider = "email" in fields ? "credentials" : "pupil";
    const form = "email" in fields ? fields : { method: "password", ...fields };
    const response = await handlers.POST(
      new NextRequest(`${this.origin}/api/auth/callback/${provider}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: this.cookie },
        body: new URLSearchParams({ ...form, csrfToken, callbackUrl: "/" }),
      }),
    );
    this.remember(response);
    if (!this.jar.has("authjs.session-token")) throw new Error("Sign-in failed");
  }

  /** Submits a form as the browser would (urlencoded, with its cookies); returns the response, unfollowed. */
  async post(url: URL | string, form: Record<string, string>): Promise<Response> {
    const response = await fetch(new URL(url, this.origin), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: this.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
    this.remember(response);
    return response;
  }

  /** GETs the URL and follows redirects while they stay on the provider; returns where it stopped and the last response. */
  async follow(start: URL | string): Promise<{ url: URL; response: Response }> {
    let url = new URL(start, this.origin);
    for (let hops = 0; hops < 20; hops++) {
      const response = await fetch(url, { redirect: "manual", headers: { cookie: this.cookie } });
      this.remember(response);
      const location = response.headers.get("location");
      if (response.status < 300 || response.status >= 400 || !location) return { url, response };
      url = new URL(location, url);
      if (url.origin !== this.origin || url.pathname.startsWith("/sign-in")) return { url, response };
    }
    throw new Error("Too many redirects");
  }
}

export type App = { clientId: string; clientSecret: string; redirectUri: string };

/** The app's side: discovery with the client's secret (HTTP Basic), over http on this machine. */
export function relyingParty(issuer: string, app: App) {
  return client.discovery(new URL(issuer), app.clientId, { redirect_uris: [app.redirectUri] }, client.ClientSecretBasic(app.clientSecret), { execute: [client.allowInsecureRequests] });
}

/**
 * The whole authorization code + PKCE flow as the app and a browser do it: the browser (already
 * signed in to Staffroom, or signing in when sent to the sign-in page) ends at the app's redirect
 * URI, whose code the app exchanges.
 */
export async function signInToApp(issuer: string, app: App, browser: Browser, opts: { scope?: string; signIn?: Parameters<Browser["signIn"]>[0] } = {}) {
  const config = await relyingParty(issuer, app);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: app.redirectUri,
    scope: opts.scope ?? "openid profile email",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
  });
  let { url } = await browser.follow(authorizationUrl);
  if (url.pathname === "/sign-in") {
    if (!opts.signIn) throw new Error("Sent to Staffroom's sign-in page");
    await browser.signIn(opts.signIn);
    ({ url } = await browser.follow(url.searchParams.get("callbackUrl")!));
  }
  const tokens = await client.authorizationCodeGrant(config, url, { pkceCodeVerifier: verifier, expectedState: state });
  return { config, tokens, claims: tokens.claims()! };
}
