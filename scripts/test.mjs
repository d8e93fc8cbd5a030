#!/usr/bin/env node
// `npm test`: lint, type-check, vitest (unit + integration on a real
// PostgreSQL), production build, Playwright e2e in Chromium. Every suite runs
// even if an earlier one fails; the last line sums them: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statfsSync } from "node:fs";
import { tmpdir } from "node:os";
import { ensureChromium } from "./chromium.mjs";

const OUT = ".test-results";
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// A full disk fails tests far from the cause (initdb, a Playwright trace): say so first.
const NEEDED_GB = 6;
for (const folder of new Set([process.cwd(), tmpdir()])) {
  const { bavail, bsize } = statfsSync(folder);
  const freeGb = (bavail * bsize) / 1024 ** 3;
  if (freeGb < NEEDED_GB) console.warn(`⚠ Only ${freeGb.toFixed(1)} GB free under ${folder}; the tests need about ${NEEDED_GB} GB (PostgreSQL's databases, the build, browser traces).`);
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
// Vitest (the email layout test) and Playwright need a browser: the system's, or Debian's
// installed now when we can; PostgreSQL comes from npm when the system has none.
const chromium = ensureChromium();
if (chromium) env.CHROMIUM_PATH = chromium;
const bin = (name) => `node_modules/.bin/${name}`;
const totals = { passed: 0, failed: 0 };
const summary = [];

function step(name, command, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n━━ ${name}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: result.status === 0, seconds };
}

/** A check that is one pass or one fail (lint, types, build). */
function check(name, command, args) {
  const { ok, seconds } = step(name, command, args);
  totals[ok ? "passed" : "failed"] += 1;
  summary.push(`${name}: ${ok ? "ok" : "FAILED"} (${seconds}s)`);
  return ok;
}

/** A test runner whose JSON report gives the counts. */
function suite(name, command, args, report, count, extraEnv) {
  const { ok, seconds } = step(name, command, args, extraEnv);
  let counts = { passed: 0, failed: 0 };
  if (existsSync(report)) counts = count(JSON.parse(readFileSync(report, "utf8")));
  // A runner that crashed before reporting still counts as a failure.
  if (!ok && counts.failed === 0) counts.failed = 1;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  summary.push(`${name}: ${counts.passed} passed, ${counts.failed} failed (${seconds}s)`);
}

check("lint", bin("eslint"), [".", "--max-warnings=0"]);
check("types", bin("tsc"), ["--noEmit"]);
suite("vitest", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${OUT}/vitest.json`], `${OUT}/vitest.json`, (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests,
}));
if (check("build", bin("next"), ["build"])) {
  suite("e2e", bin("playwright"), ["test"], `${OUT}/e2e.json`, (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected }), {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${OUT}/e2e.json`,
  });
} else {
  totals.failed += 1;
  summary.push("e2e: not run, the build failed");
}

console.log(`\n${summary.join("\n")}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 ? 0 : 1);
