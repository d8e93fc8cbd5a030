// Vitest config for mutation testing (scripts/mutation.mjs): the root config, limited to
// the test files of the module under test (MUTATION_TESTS, comma-separated globs), so each
// mutant reruns only the tests that can kill it.
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";
import root from "../vitest.config";

const include = (process.env.MUTATION_TESTS ?? "").split(",").filter(Boolean);
if (include.length === 0) throw new Error("MUTATION_TESTS is not set: run `npm run test:mutation`");

/**
 * Test files in the order the module lists them (scripts/mutation-modules.mjs: the fast,
 * focused ones first); files a glob matches, in Vitest's order after the files named. Stryker
 * stops a mutant's run at its first failing test, and Vitest would otherwise run the longest
 * files first: a mutant a one-second test kills would still wait for every whole-sync test
 * that covers it (minutes each on a busy box).
 */
class ListedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = include.indexOf(path.relative(spec.project.config.root, spec.moduleId));
      return index === -1 ? include.length : index;
    };
    return sorted.map((spec, i) => ({ spec, i, rank: rank(spec) })).sort((a, b) => a.rank - b.rank || a.i - b.i).map(({ spec }) => spec);
  }
}

// Not mergeConfig: it would append to the root's include instead of replacing it.
// Stryker runs under heavy load (and beside other runs): a test that takes 20 s alone can pass
// 60 s, fail the initial run and stop the module's whole run; three minutes leaves room.
export default defineConfig({ ...root, test: { ...root.test, include, testTimeout: 180_000, sequence: { sequencer: ListedOrder } } });
