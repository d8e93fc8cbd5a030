import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, expect, test } from "@playwright/test";
import { writeQrVideo } from "./fake-camera";
import { PUPIL } from "./pupil-fixtures";

// A pupil holds their login card's QR badge up to the device's camera: here Chromium's fake
// camera plays a video of the badge's QR code, and the page decodes it (jsQR: Chromium on Linux
// has no BarcodeDetector).

test("a pupil signs in by scanning their badge with the camera and lands on the launcher", async ({ baseURL }, testInfo) => {
  const folder = mkdtempSync(path.join(tmpdir(), "staffroom-badge-"));
  const video = path.join(folder, "badge.y4m");
  writeQrVideo(`${baseURL}/sign-in/badge#${PUPIL.badgeSecret}`, video);
  const base = testInfo.project.use.launchOptions ?? {};
  const browser = await chromium.launch({
    ...base,
    args: [...(base.args ?? []), "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const context = await browser.newContext({ baseURL, permissions: ["camera"] });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Pupil? Sign in here" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Pupil sign-in" })).toBeVisible();
    await page.getByRole("link", { name: "Scan your badge" }).click();
    await page.getByRole("button", { name: "Start the camera" }).click();
    await expect(page).toHaveURL(/\/launcher$/);

    // Signed in as a pupil: staff pages send them back to the launcher.
    await page.goto("/staff");
    await expect(page).toHaveURL(/\/launcher$/);
  } finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test("a badge URL opened by a phone's own camera app signs the pupil in; a re-issued or wrong one doesn't", async ({ page }) => {
  await page.goto(`/sign-in/badge#${PUPIL.badgeSecret}x`);
  await expect(page.getByText("That badge didn't work. Ask your teacher for a new one.")).toBeVisible();
  // The secret never stays in the address bar.
  expect(new URL(page.url()).hash).toBe("");

  // As a phone opens it: a fresh page.
  const phone = await page.context().newPage();
  await phone.goto(`/sign-in/badge#${PUPIL.badgeSecret}`);
  await expect(phone).toHaveURL(/\/launcher$/);
});
