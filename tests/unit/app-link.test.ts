// Links in emails: APP_URL when set; in development without it, where Next actually listens
// (it sets PORT and its origin once the server is up, after `-p`, PORT, or a busy 3000).
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { PORT: process.env.PORT, __NEXT_PRIVATE_ORIGIN: process.env.__NEXT_PRIVATE_ORIGIN };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
  vi.unstubAllEnvs();
});

async function appLinkWith(env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return (await import("@/server/mail/links")).appLink;
}

describe("appLink", () => {
  it("uses APP_URL when it is set", async () => {
    const appLink = await appLinkWith({ NODE_ENV: "development", APP_URL: "https://staffroom.example.org", PORT: "3123" });
    expect(appLink("/reset-password/abc")).toBe("https://staffroom.example.org/reset-password/abc");
  });

  it("follows the origin Next listens on in development, read when the link is made", async () => {
    const appLink = await appLinkWith({ NODE_ENV: "development", APP_URL: undefined, AUTH_URL: undefined });
    process.env.__NEXT_PRIVATE_ORIGIN = "http://127.0.0.1:3123";
    expect(appLink("/ack/token")).toBe("http://127.0.0.1:3123/ack/token");
    delete process.env.__NEXT_PRIVATE_ORIGIN;
    process.env.PORT = "3456";
    expect(appLink("/ack/token")).toBe("http://localhost:3456/ack/token");
  });

  it("refuses to guess in production", async () => {
    const appLink = await appLinkWith({ NODE_ENV: "production", APP_URL: undefined, AUTH_URL: undefined, EMAIL_TRANSPORT: "log", AUTH_SECRET: "x".repeat(40), ENCRYPTION_KEY: Buffer.alloc(32).toString("base64") });
    expect(() => appLink("/ack/token")).toThrow(/Set APP_URL/);
  });
});
