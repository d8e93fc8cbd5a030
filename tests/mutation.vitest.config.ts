// Vitest config for mutation testing (scripts/mutation.mjs): the root config, limited to
// the test files of the module under test (MUTATION_TESTS, comma-separated globs), so each
// mutant reruns only the tests that can kill it.
import { defineConfig } from "vitest/config";
import root from "../vitest.config";

const include = (process.env.MUTATION_TESTS ?? "").split(",").filter(Boolean);
if (include.length === 0) throw new Error("MUTATION_TESTS is not set: run `npm run test:mutation`");

// Not mergeConfig: it would append to the root's include instead of replacing it.
// Stryker runs under heavy load (and beside other runs): a test that takes 20 s alone can pass
// 60 s, fail the initial run and stop the module's whole run; three minutes leaves room.
export default defineConfig({ ...root, test: { ...root.test, include, testTimeout: 180_000 } });
