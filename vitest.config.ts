import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)) },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/database.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses;
    // inlined, Vite resolves it (tests/security/sessions.test.ts drives Auth.js's endpoints).
    server: { deps: { inline: ["next-auth"] } },
  },
});
