// Finding 10: pages could be framed (no frame-ancestors or X-Frame-Options, /ack/* included).
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const original = process.env.AUTH_URL;
afterEach(() => {
  process.env.AUTH_URL = original;
});

function csp(response: Response): Map<string, string> {
  const header = response.headers.get("content-security-policy") ?? "";
  return new Map(header.split(";").map((d) => d.trim().split(/\s(.*)/s) as [string, string]).map(([k, v]) => [k, v ?? ""]));
}

describe("security headers", () => {
  it.each(["/sign-in", "/staff", "/incidents", "/ack/abc.def", "/api/trpc/me.get"])("sets them on %s", (path) => {
    const response = proxy(new NextRequest(`http://127.0.0.1:3000${path}`));
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("same-origin");
    expect(response.headers.get("permissions-policy")).toMatch(/camera=\(\)/);
    const policy = csp(response);
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'self'");
    expect(policy.get("script-src")).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'$/);
    // Over plain http there is no HSTS (it would break a local server).
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("lets only the badge-scanning page use the camera, and gives sign-in pages a device id for pupil throttling", () => {
    const badge = proxy(new NextRequest("http://127.0.0.1:3000/sign-in/badge"));
    expect(badge.headers.get("permissions-policy")).toMatch(/^camera=\(self\), microphone=\(\)/);
    expect(badge.cookies.get("staffroom-device")?.value).toMatch(/^[0-9a-f-]{36}$/);
    expect(proxy(new NextRequest("http://127.0.0.1:3000/sign-in/badge/x")).headers.get("permissions-policy")).toMatch(/camera=\(\)/);
    expect(proxy(new NextRequest("http://127.0.0.1:3000/staff")).cookies.get("staffroom-device")).toBeUndefined();
  });

  it("lets only the apps' sign-out page send its form on to another site (the app that asked), and frames nothing there either", () => {
    const signOut = csp(proxy(new NextRequest("http://127.0.0.1:3000/oidc/session/end?client_id=x")));
    expect(signOut.get("form-action")).toBe("'self' https: http:");
    expect(signOut.get("frame-ancestors")).toBe("'none'");
    for (const path of ["/sign-in", "/oidc/auth", "/oidc/interaction/abc"]) expect(csp(proxy(new NextRequest(`http://127.0.0.1:3000${path}`))).get("form-action")).toMatch(/^'self' https:\/\/accounts\.google\.com/);
  });

  it("uses a fresh nonce for every request, and hands it to the page render", () => {
    const nonces = [1, 2, 3].map(() => /'nonce-([^']+)'/.exec(csp(proxy(new NextRequest("http://127.0.0.1:3000/staff"))).get("script-src")!)![1]);
    expect(new Set(nonces).size).toBe(3);
    const response = proxy(new NextRequest("http://127.0.0.1:3000/staff"));
    const nonce = /'nonce-([^']+)'/.exec(csp(response).get("script-src")!)![1];
    expect(response.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("adds HSTS and upgrade-insecure-requests when AUTH_URL is https", () => {
    process.env.AUTH_URL = "https://staffroom.example.org";
    const response = proxy(new NextRequest("http://10.0.0.5:3000/staff"));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(csp(response).has("upgrade-insecure-requests")).toBe(true);
  });

  it("passes the requested path on for the sign-in return address, without Next's _rsc marker", () => {
    const response = proxy(new NextRequest("http://127.0.0.1:3000/staff?q=ann&_rsc=1x2"));
    expect(response.headers.get("x-middleware-request-x-staffroom-path")).toBe("/staff?q=ann");
  });
});
