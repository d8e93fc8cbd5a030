// `npm run dev` on a port other than 3000, with no configuration: the links in the emails it
// sends point at the port it actually listens on. Starts the real `npm run dev` (scripts/dev.mjs)
// from an empty data folder, so this also covers a first run: migrations, demo seed, emulator.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Ports of this run's range (see fixtures.ts): the dev server and its Wonde emulator.
const DEV_PORT = Number(process.env.E2E_PORT ?? 3100) + 1024;
const DEV_ORIGIN = `http://127.0.0.1:${DEV_PORT}`;

let dev: ChildProcess | undefined;
let dataDir = "";

test.beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "staffroom-dev-e2e-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "development", STAFFROOM_DATA_DIR: dataDir, WONDE_EMULATOR_PORT: String(DEV_PORT + 1) };
  for (const name of ["DATABASE_URL", "WONDE_BASE_URL", "APP_URL", "AUTH_URL", "RESEND_API_KEY", "PORT"]) delete env[name];
  // Its own process group, so stopping it stops Next and the emulator too.
  dev = spawn(process.execPath, ["scripts/dev.mjs", "-p", String(DEV_PORT), "-H", "127.0.0.1"], { env, detached: true, stdio: "ignore" });
});

test.afterAll(async () => {
  if (dev?.pid && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev!.once("exit", resolve));
    process.kill(-dev.pid, "SIGTERM");
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
});

test("npm run dev on another port sends reset links to that port", async ({ page }) => {
  // A first run compiles each page on demand: slow on a busy machine.
  test.setTimeout(600_000);
  page.setDefaultNavigationTimeout(180_000);
  await expect
    .poll(() => fetch(`${DEV_ORIGIN}/sign-in`).then((r) => r.status, () => 0), { timeout: 300_000, intervals: [1000] })
    .toBe(200);
  const [adminEmail] = (await readFile(path.join(dataDir, "demo-admin.txt"), "utf8")).split("\n");

  await page.goto(`${DEV_ORIGIN}/forgot-password`);
  const send = page.getByRole("button", { name: "Send reset link" });
  await expect(send).toBeEnabled({ timeout: 120_000 });
  await page.getByLabel("Email").fill(adminEmail!);
  await send.click();
  await expect(page.getByRole("status").filter({ hasText: "belongs to a Staffroom account" })).toBeVisible({ timeout: 120_000 });

  // The dev outbox keeps the email; its plain-text twin carries the link.
  let link = "";
  await expect
    .poll(
      async () => {
        await page.goto(`${DEV_ORIGIN}/dev/outbox`);
        const newest = page.getByRole("navigation", { name: "Emails" }).getByRole("link").first();
        if (!(await newest.isVisible())) return "";
        await newest.click();
        await page.getByText("Plain-text version").click();
        link = (await page.locator("pre").textContent())?.match(/https?:\/\/\S+\/reset-password\/[\w-]+/)?.[0] ?? "";
        return link;
      },
      { timeout: 180_000, intervals: [1000] },
    )
    .toMatch(new RegExp(`^${DEV_ORIGIN.replaceAll(".", "\\.")}/reset-password/`));

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible({ timeout: 120_000 });
});
