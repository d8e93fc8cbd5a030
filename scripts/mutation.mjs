#!/usr/bin/env node
// npm run test:mutation [module…]: StrykerJS over the critical modules, one module at a time
// with only that module's tests (scripts/mutation-modules.mjs), then the mutation score per
// module and overall. Incremental: a rerun tests only mutants whose code or tests changed,
// against the baseline committed in reports/stryker-incremental/.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { MODULES } from "./mutation-modules.mjs";

const GOAL = 85;
// A split module's name (`sync`) stands for all its parts (`sync-run`, `sync-map`…).
const partsOf = (name) => Object.keys(MODULES).filter((key) => key === name || MODULES[key].part === name);
const args = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const unknown = args.filter((n) => partsOf(n).length === 0);
if (unknown.length) {
  console.error(`Unknown module(s): ${unknown.join(", ")}. Modules: ${Object.keys(MODULES).join(", ")}`);
  process.exit(2);
}
const names = args.flatMap(partsOf);
// --report-only prints the scores of the committed baselines without running Stryker.
const reportOnly = process.argv.includes("--report-only");
const extra = process.argv.slice(2).filter((a) => a.startsWith("-") && a !== "--report-only");

for (const name of reportOnly ? [] : names.length ? names : Object.keys(MODULES)) {
  console.log(`\n=== mutation testing: ${name} (${MODULES[name].mutate.join(", ")}) ===`);
  const result = spawnSync("npx", ["stryker", "run", "stryker.config.mjs", ...extra], {
    stdio: "inherit",
    env: {
      ...process.env,
      MUTATION_MODULE: name,
      MUTATION_TESTS: MODULES[name].tests.join(","),
      // Stryker's sandbox copies drop the executable bit: migrate with the worktree's engine.
      PRISMA_SCHEMA_ENGINE_BINARY: path.resolve("scripts/prisma-engine/schema-engine.mjs"),
    },
  });
  if (result.status !== 0) console.error(`stryker exited with ${result.status} for ${name}`);
}

/** Killed or timed out, out of every mutant that compiled (uncovered ones count as survivors). */
function tally(report) {
  const t = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, compileError: 0, ignored: 0 };
  for (const file of Object.values(report.files)) {
    for (const m of file.mutants) {
      if (m.status === "Killed") t.killed++;
      else if (m.status === "Timeout") t.timeout++;
      else if (m.status === "Survived") t.survived++;
      else if (m.status === "NoCoverage") t.noCoverage++;
      else if (m.status === "CompileError" || m.status === "RuntimeError") t.compileError++;
      else t.ignored++;
    }
  }
  return t;
}

const score = (t) => {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid ? (100 * (t.killed + t.timeout)) / valid : NaN;
};

const emptyTally = () => ({ killed: 0, survived: 0, noCoverage: 0, timeout: 0, compileError: 0, ignored: 0 });
const add = (into, t) => Object.keys(into).forEach((k) => (into[k] += t[k]));
const row = (name, t) => [name, t.killed + t.timeout + t.survived + t.noCoverage, t.killed + t.timeout, t.survived, t.noCoverage, `${score(t).toFixed(1)}%`, t.compileError];

const rows = [];
const total = emptyTally();
// One row per module; a split module's row adds up the parts that have a baseline, then one row per part.
for (const moduleName of [...new Set(Object.keys(MODULES).map((key) => MODULES[key].part ?? key))]) {
  const parts = partsOf(moduleName);
  const sum = emptyTally();
  const partRows = [];
  const missing = [];
  for (const name of parts) {
    const file = `reports/stryker-incremental/${name}.json`;
    if (!existsSync(file)) {
      missing.push(name);
      if (parts.length > 1) partRows.push([`  ${name}`, "not run", "", "", "", "", ""]);
      continue;
    }
    const t = tally(JSON.parse(readFileSync(file, "utf8")));
    add(sum, t);
    if (parts.length > 1) partRows.push(row(`  ${name}`, t));
  }
  add(total, sum);
  if (missing.length === parts.length) rows.push([moduleName, "not run", "", "", "", "", ""]);
  else rows.push(row(missing.length ? `${moduleName} (${parts.length - missing.length} of ${parts.length} parts)` : moduleName, sum));
  rows.push(...partRows);
}
rows.push(["overall", total.killed + total.timeout + total.survived + total.noCoverage, total.killed + total.timeout, total.survived, total.noCoverage, `${score(total).toFixed(1)}%`, total.compileError]);
console.log("\nMutation score per module (goal ≥ %d%%; survivors are listed in tests/MUTANTS.md):", GOAL);
const notRun = rows.filter((r) => r[1] === "not run").map((r) => r[0].trim());
if (notRun.length) console.log(`No baseline yet for ${notRun.join(", ")}: "overall" is over the other modules only.`);
console.log("Mutants: those that compiled; killed includes timeouts; uncovered ones count as survivors in the score.");
console.table(rows.map(([module, mutants, killed, survived, noCoverage, score, compileErrors]) => ({ module, mutants, killed, survived, "no coverage": noCoverage, score, "type errors": compileErrors })));
