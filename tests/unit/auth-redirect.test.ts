import { describe, expect, it } from "vitest";
import { safeRedirect } from "@/server/auth/redirect";

describe("where sign-in sends the browser", () => {
  const base = "https://staffroom.example.org";
  it("keeps paths on this site, as relative URLs", () => {
    expect(safeRedirect("/matching?filter=unmatched", base)).toBe("/matching?filter=unmatched");
    expect(safeRedirect("https://staffroom.example.org/staff#top", base)).toBe("/staff#top");
  });
  it("never sends anyone to another site", () => {
    expect(safeRedirect("https://evil.example/phish", base)).toBe("/");
    expect(safeRedirect("//evil.example/phish", base)).toBe("/");
    expect(safeRedirect("http://staffroom.example.org/", base)).toBe("/");
    expect(safeRedirect("not a url", base)).toBe("/");
  });
  it("treats 127.0.0.1 and localhost on one port as the same site (Next.js reports one as the other)", () => {
    expect(safeRedirect("http://127.0.0.1:3100/", "http://localhost:3100")).toBe("/");
    expect(safeRedirect("http://127.0.0.1:3100/settings", "http://localhost:3100")).toBe("/settings");
    expect(safeRedirect("http://127.0.0.1:3999/settings", "http://localhost:3100")).toBe("/");
  });
  it("counts as loopback only names that are wholly localhost, 127.x.x.x or [::1]", () => {
    const base = "http://localhost:3100";
    expect(safeRedirect("http://127.0.0.10:3100/settings", base)).toBe("/settings");
    expect(safeRedirect("http://127.100.200.1:3100/settings", base)).toBe("/settings");
    expect(safeRedirect("http://[::1]:3100/settings", base)).toBe("/settings");
    // Names that only start or end like a loopback one are other hosts.
    expect(safeRedirect("http://127.0.0.1.evil.example:3100/settings", base)).toBe("/");
    expect(safeRedirect("http://localhost.evil.example:3100/settings", base)).toBe("/");
    expect(safeRedirect("http://evil-localhost:3100/settings", base)).toBe("/");
    expect(safeRedirect("http://staffroom.localhost:3100/settings", "http://127.0.0.1:3100")).toBe("/");
  });
  it("keeps to the site's own scheme, and refuses backslashes anywhere in the path", () => {
    expect(safeRedirect("http://staffroom.example.org/staff", base)).toBe("/");
    expect(safeRedirect("/staff\\evil.example", base)).toBe("/");
  });
});
