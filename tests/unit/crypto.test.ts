import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/server/crypto";

const KEY = randomBytes(32).toString("base64");

describe("secrets at rest", () => {
  it("round-trips and never stores the plaintext", () => {
    const sealed = encryptSecret("wonde-token-123", KEY);
    expect(sealed).not.toContain("wonde-token-123");
    expect(decryptSecret(sealed, KEY)).toBe("wonde-token-123");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", KEY)).not.toBe(encryptSecret("same", KEY));
  });

  it("rejects a tampered value or the wrong key", () => {
    const sealed = encryptSecret("secret", KEY);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(() => decryptSecret(tampered, KEY)).toThrow();
    expect(() => decryptSecret(sealed, randomBytes(32).toString("base64"))).toThrow();
  });
});
