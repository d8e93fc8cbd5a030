import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { ADMIN, SCHOOL_NAME } from "./fixtures";

test("the admin finds their sign-in in the activity log, filters by action and downloads it as CSV", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The first sign-in after `next start` can take several seconds on a busy 2-core machine.
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL_NAME })).toBeVisible({ timeout: 20_000 });

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  const log = page.getByRole("table", { name: "Activity log", exact: true });
  const signedIn = log.getByRole("row").filter({ hasText: "Signed In" }).filter({ hasText: ADMIN.email });
  await expect(signedIn.first()).toBeVisible();
  // British date-time, e.g. "23 Nov 2026, 14:05".
  await expect(signedIn.first().locator("time")).toHaveText(/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/);

  // Filter by action: only sign-ins remain, and the choice is kept in the address.
  await page.getByRole("combobox", { name: "Action" }).click();
  await page.getByRole("option", { name: "Signed In", exact: true }).click();
  await expect(page).toHaveURL(/[?&]action=Signed\+In/);
  await expect(log.locator("tbody tr td:nth-child(2)").filter({ hasNotText: /^Signed In$/ })).toHaveCount(0);
  await expect(signedIn.first()).toBeVisible();

  // A search that matches nothing says so, and clearing it brings the rows back.
  await page.getByRole("searchbox", { name: "Search activity" }).fill("nobody-at-all");
  await expect(page.getByRole("heading", { name: "No events match" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search activity" }).fill("");
  await expect(signedIn.first()).toBeVisible();

  // Export CSV downloads what the page shows.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^activity-oakfield-primary-school-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe("When,Action,Subject,Subject type,Person kind,Details,By,Event ID");
  expect(lines.length).toBeGreaterThan(1);
  expect(lines[1]).toMatch(new RegExp(`^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2},Signed In,${ADMIN.email.replaceAll(".", "\\.")},User,`));
  for (const line of lines.slice(1)) expect(line.split(",")[1]).toBe("Signed In");

  expect(pageErrors).toEqual([]);
});
