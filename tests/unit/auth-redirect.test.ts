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
});
