// Vitest config for mutation testing (scripts/mutation.mjs): the root config, limited to
// the test files of the module under test (MUTATION_TESTS, comma-separated globs), so each
// mutant reruns only the tests that can kill it.
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";
import root from "../vitest.config";

const include = (process.env.MUTATION_TESTS ?? "").split(",").filter(Boolean);
if (include.length === 0) throw new Error("MUTATION_TESTS is not set: run `npm run test:mutation`");

/**
 * Unit test files first. Stryker stops a mutant's run at its first failing test, and Vitest
 * otherwise runs the longest files first: a mutant a one-second unit test kills would still
 * wait for every sync test that covers it (minutes each on a busy box).
 */
class UnitTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const isUnit = (spec: TestSpecification) => spec.moduleId.includes("/tests/unit/");
    return [...sorted.filter(isUnit), ...sorted.filter((spec) => !isUnit(spec))];
  }
}

// Not mergeConfig: it would append to the root's include instead of replacing it.
// Stryker runs under heavy load (and beside other runs): a test that takes 20 s alone can pass
// 60 s, fail the initial run and stop the module's whole run; three minutes leaves room.
export default defineConfig({ ...root, test: { ...root.test, include, testTimeout: 180_000, sequence: { sequencer: UnitTestsFirst } } });
