import { expect, test, type Page } from "@playwright/test";
import { PUPIL, PUPIL_TEACHER } from "./pupil-fixtures";

// A classroom device: a teacher sets it up once, then pupils sign in by class → name → pictures.

const PICTURE_GRID_SIZE = 16;

async function tapPictures(page: Page, indexes: number[]) {
  for (const index of indexes) await page.getByRole("button", { name: new RegExp(`^Picture ${index + 1}:`) }).click();
}

test("a pupil signs in with their picture password on a shared device set up by a teacher", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();

  // Without the device set up, there is no picture sign-in.
  await page.goto("/sign-in/pupil/shared");
  await expect(page.getByText("Ask your teacher to help you.")).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(PUPIL_TEACHER.email);
  await page.getByLabel("Password").fill(PUPIL_TEACHER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto("/settings/pupil-sign-in");
  await page.getByLabel("Name of this device").fill("Class 3 iPad");
  await page.getByRole("button", { name: "Set up this device" }).click();
  await expect(page.getByRole("status").filter({ hasText: "This device is set up" })).toBeVisible();
  // The teacher signs out (the device keeps its set-up).
  await context.clearCookies({ name: /authjs\.session-token/ });

  await page.goto("/sign-in/pupil");
  await page.getByRole("link", { name: "Sign in with pictures" }).click();
  await page.getByRole("link", { name: PUPIL.className }).click();
  await page.getByRole("button", { name: `${PUPIL.forename} ${PUPIL.surname[0]}.` }).click();
  await expect(page.getByRole("button", { name: /^Picture \d+:/ })).toHaveCount(PICTURE_GRID_SIZE);
  // The grid fits a phone's width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await tapPictures(page, [1, 2, 3, 4]);
  await expect(page.getByText("Those pictures aren't right. Try again.")).toBeVisible();
  await tapPictures(page, PUPIL.pictures);
  await expect(page).toHaveURL(/\/launcher$/);
  await context.close();
});
