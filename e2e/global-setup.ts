// Warms the production server before the first test: `next start` loads each route's code on its
// first request, and on a busy 2-core CI machine the first sign-in took 4 s. Signs in once, then
// visits every page the app has (found from app/**/page.tsx, so new pages are warmed too).
import { readdirSync } from "node:fs";
import path from "node:path";
import { chromium, type FullConfig } from "@playwright/test";
import { ADMIN } from "./fixtures";

/** URL paths of every page: route groups dropped, dynamic segments filled with a placeholder. */
function pagePaths(appDir = path.resolve("app")): string[] {
  return readdirSync(appDir, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) =>
      `/${path
        .dirname(file)
        .split(path.sep)
        .filter((segment) => segment !== "." && !/^\(.*\)$/.test(segment))
        .map((segment) => (/^\[.*\]$/.test(segment) ? "warm-up" : segment))
        .join("/")}`,
    )
    .sort();
}

export default async function warmUp(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0]!.use;
  const started = Date.now();
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ baseURL });
    page.setDefaultTimeout(120_000);
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    // Placeholder ids answer "not found": that still loads the route's code.
    for (const pagePath of pagePaths()) await page.goto(pagePath);
  } finally {
    await browser.close();
  }
  console.log(`Warmed the server: signed in and visited every page in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
