// Standalone config for the emulator tests: they need no database, so they can run without
// the root config's PostgreSQL global setup:
//   npx vitest run --config tests/emulator/vitest.config.ts
// (`npx vitest run tests/emulator` works too, with the root config.)
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: {
    alias: { "@": fileURLToPath(new URL("../..", import.meta.url)) },
  },
  test: {
    include: ["tests/emulator/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
