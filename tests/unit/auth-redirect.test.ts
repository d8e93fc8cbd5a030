import { describe, expect, it } from "vitest";
import { sameSitePath } from "@/server/auth/redirect";

describe("where sign-in sends the browser", () => {
  const base = "https://staffroom.example.org";
  it("keeps paths on this site, as relative URLs", () => {
    expect(sameSitePath("/matching?filter=unmatched", base)).toBe("/matching?filter=unmatched");
    expect(sameSitePath("https://staffroom.example.org/staff#top", base)).toBe("/staff#top");
  });
  it("never sends anyone to another site", () => {
    expect(sameSitePath("https://evil.example/phish", base)).toBe("/");
    expect(sameSitePath("//evil.example/phish", base)).toBe("/");
    expect(sameSitePath("http://staffroom.example.org/", base)).toBe("/");
    expect(sameSitePath("not a url", base)).toBe("/");
  });
  it("treats 127.0.0.1 and localhost on one port as the same site (Next.js reports one as the other)", () => {
    expect(sameSitePath("http://127.0.0.1:3100/", "http://localhost:3100")).toBe("/");
    expect(sameSitePath("http://127.0.0.1:3100/settings", "http://localhost:3100")).toBe("/settings");
    expect(sameSitePath("http://127.0.0.1:3999/settings", "http://localhost:3100")).toBe("/");
  });
});
