// Finding 1: an open redirect after sign-in ("/\evil.example" and "/\t/evil.example" left the site).
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { REQUESTED_PATH_HEADER, safeRedirect, signInPathReturningTo } from "@/server/auth/redirect";

const BASE = "https://staffroom.example.org";

// The classic open-redirect payloads, as they arrive once the query string is decoded.
const PAYLOADS = [
  "https://evil.example/phish",
  "//evil.example/phish",
  "/\\evil.example/phish",
  "\\\\evil.example/phish",
  "/%5Cevil.example/phish",
  "/\t/evil.example",
  "/%09/evil.example",
  "/\n/evil.example",
  "/%0d%0a/evil.example",
  "///evil.example",
  "/%2F/evil.example",
  "javascript:alert(document.cookie)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "https:evil.example",
  "http://staffroom.example.org@evil.example/",
  "https://staffroom.example.org.evil.example/",
  "https://user:pass@staffroom.example.org/staff",
  " //evil.example",
  "/\u0000/evil.example",
  "evil.example",
  "",
];

describe("safeRedirect", () => {
  it.each(PAYLOADS)("sends %j nowhere but home", (payload) => {
    expect(safeRedirect(payload, BASE)).toBe("/");
    expect(safeRedirect(payload)).toBe("/");
  });

  it("refuses what isn't a string and what is absurdly long", () => {
    expect(safeRedirect({ toString: () => "/staff" })).toBe("/");
    expect(safeRedirect(["/staff"])).toBe("/");
    expect(safeRedirect(`/${"a".repeat(5000)}`)).toBe("/");
  });

  it("keeps paths on this site, query and fragment included", () => {
    expect(safeRedirect("/staff")).toBe("/staff");
    expect(safeRedirect("/incidents?status=OPEN&from=2026-01-01#list")).toBe("/incidents?status=OPEN&from=2026-01-01#list");
    expect(safeRedirect("https://staffroom.example.org/matching?filter=unmatched", BASE)).toBe("/matching?filter=unmatched");
    expect(safeRedirect("/a/../staff")).toBe("/staff");
  });

  it("builds the sign-in address with a safe return path only", () => {
    expect(signInPathReturningTo("/staff?q=ann")).toBe("/sign-in?callbackUrl=%2Fstaff%3Fq%3Dann");
    expect(signInPathReturningTo("/")).toBe("/sign-in");
    expect(signInPathReturningTo(null)).toBe("/sign-in");
    expect(signInPathReturningTo("/\\evil.example")).toBe("/sign-in");
  });

  it("takes a signed-out visit's address from the proxy to the sign-in page", () => {
    // proxy.ts passes the path on as a request header; the layouts read it back by the same name.
    const response = proxy(new NextRequest("http://localhost:3000/incidents?status=OPEN"));
    const requested = response.headers.get(`x-middleware-request-${REQUESTED_PATH_HEADER}`);
    expect(signInPathReturningTo(requested)).toBe("/sign-in?callbackUrl=%2Fincidents%3Fstatus%3DOPEN");
  });
});
