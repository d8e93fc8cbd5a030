// StrykerJS for one critical module at a time (see scripts/mutation.mjs, which sets
// MUTATION_MODULE and runs every module in turn). Not part of `npm test`.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MODULES } from "./scripts/mutation-modules.mjs";

const name = process.env.MUTATION_MODULE;
const selected = MODULES[name];
if (!selected) throw new Error(`MUTATION_MODULE must be one of: ${Object.keys(MODULES).join(", ")}`);

/**
 * The checker compiles the mutated files and what they import, not the routers and tests that
 * import them: with those, every check re-inferred the whole tRPC router (minutes per mutant on
 * a busy box). A mutant that only breaks a caller's types goes to the tests instead.
 */
function checkerTsconfig() {
  const file = `tsconfig.mutation.${name}.json`;
  // TypeScript's include has no {a,b}: expand it.
  // A glob may end in a line range (`run.ts:1-230`, one part of a large file): the checker compiles the whole file.
  const include = selected.mutate.map((glob) => glob.replace(/:\d+(:\d+)?-\d+(:\d+)?$/, "")).flatMap((glob) => {
    const braces = /\{([^}]+)\}/.exec(glob);
    return braces ? braces[1].split(",").map((part) => glob.replace(braces[0], part)) : [glob];
  });
  writeFileSync(file, `${JSON.stringify({ extends: "./tsconfig.mutation.json", include }, null, 2)}\n`);
  return file;
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "tests/mutation.vitest.config.ts", related: false },
  checkers: ["typescript"],
  tsconfigFile: checkerTsconfig(),
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: selected.mutate,
  coverageAnalysis: "perTest",
  // A mutant in a module-level constant would rerun every test file; those are few and cheap to reason about.
  ignoreStatic: true,
  // Each test runner starts its own PostgreSQL; the CI box has two cores.
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 30_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `reports/stryker-incremental/${name}.json`,
  // The incremental file is the full report: scripts/mutation.mjs reads the scores from it.
  reporters: ["clear-text", "progress"],
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: true, reportScoreTable: true },
  ignorePatterns: [".next", ".data", "test-results", "playwright-report", ".test-results", "coverage", "reports", "e2e", "bench"],
  // Outside the worktree, so tsc and eslint never see the sandbox's copies.
  tempDirName: path.join(tmpdir(), `stryker-staffroom-${name}`),
  cleanTempDir: true,
  thresholds: { high: 85, low: 70, break: null },
};

export default config;
