// Cookies are Secure when AUTH_URL is https, even when the proxy in front speaks http to us.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

/** The cookies Auth.js sets on a CSRF request to `requestUrl`, configured with this AUTH_URL. */
async function csrfCookies(authUrl: string, requestUrl: string): Promise<string[]> {
  process.env.AUTH_URL = authUrl;
  const { handlers } = await import("@/server/auth/config");
  const cookies = (await handlers.GET(new NextRequest(requestUrl))).headers.getSetCookie();
  expect(cookies.length).toBeGreaterThan(0);
  return cookies;
}

describe("session cookies behind an https AUTH_URL", () => {
  it("are Secure (and __Secure- prefixed) on a plain-http request", async () => {
    // server/env reads AUTH_URL when first imported, and this file imports it first.
    const cookies = await csrfCookies("https://staffroom.example.org", "http://127.0.0.1:3000/api/auth/csrf");
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^__(Host|Secure)-authjs\./);
      expect(cookie).toMatch(/;\s*Secure/i);
    }
  });

  it("are not Secure when AUTH_URL is plain http, so a browser keeps them", async () => {
    // A fresh copy of server/env and the Auth.js configuration, reading this AUTH_URL.
    vi.resetModules();
    const cookies = await csrfCookies("http://staffroom.internal:3000", "http://staffroom.internal:3000/api/auth/csrf");
    for (const cookie of cookies) {
      expect(cookie).toMatch(/^authjs\./);
      expect(cookie).not.toMatch(/;\s*Secure/i);
    }
  });
});
