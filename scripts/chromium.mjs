// The Chromium that Playwright drives (e2e, the email layout test, bench:coldstart). Playwright's
// own download is not reachable everywhere, so the system's browser comes first.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const SYSTEM_BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome-stable", "/usr/bin/google-chrome"];

/** CHROMIUM_PATH, else the system's Chromium or Chrome, else one `npx playwright install` put in its cache. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const system = SYSTEM_BROWSERS.find((file) => existsSync(file));
  if (system) return system;
  try {
    const playwrights = createRequire(import.meta.url)("playwright-core").chromium.executablePath();
    return existsSync(playwrights) ? playwrights : undefined;
  } catch {
    return undefined;
  }
}

/**
 * findChromium(), installing Debian's `chromium` through apt first when it is missing and we are
 * root on Debian/Ubuntu. Otherwise, without one, prints one line saying what to install and
 * returns undefined.
 */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.getuid?.() === 0 && existsSync("/etc/debian_version")) {
    console.log("Chromium not found: installing Debian's chromium with apt-get");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const apt = (args) => spawnSync("apt-get", args, { stdio: ["ignore", "ignore", "inherit"], env }).status === 0;
    if (apt(["update", "-qq"]) && apt(["install", "-y", "-qq", "--no-install-recommends", "chromium"])) return findChromium();
  }
  console.error(
    "Chromium not found: install it (Debian/Ubuntu: sudo apt-get install chromium; elsewhere: npx playwright install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.",
  );
  return undefined;
}
