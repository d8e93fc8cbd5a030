import { expect, test, type Page } from "@playwright/test";
import { ADMIN, SCHOOL_NAME } from "./fixtures";

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL_NAME })).toBeVisible();
}

test("the admin syncs staff from Wonde, finds a colleague, opens their record, and filters pupils by year", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  await signIn(page);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  for (const area of ["Classes", "Subjects"]) await expect(nav.getByRole("link", { name: area })).toBeVisible();

  // Staff Management → Sync Data, with live progress and then the outcome.
  await nav.getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff management" })).toBeVisible();
  // Shown once the page has loaded its sync status in the browser.
  await expect(page.getByText(/^(Last synced \d|Not synced yet)/)).toBeVisible();
  const syncButton = page.getByRole("button", { name: "Sync Data", exact: true });
  await syncButton.click();
  const progress = page.getByRole("status", { name: "Sync progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toContainText("Sync finished", { timeout: 45_000 });
  await expect(progress.getByRole("table", { name: "Sync outcome" })).toContainText("Staff");
  await expect(syncButton).toBeEnabled();
  await expect(page.getByText(/^Last synced \d/)).toBeVisible();

  // The table refreshes with the synced staff.
  const staff = page.getByRole("table", { name: "Staff", exact: true });
  const rows = staff.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  await expect(staff.getByRole("columnheader", { name: "Job title" })).toBeVisible();
  await expect(staff.getByRole("button", { name: "Last synced" })).toBeVisible();
  const firstName = (await rows.first().getByRole("link").first().textContent()) ?? "";
  const surname = firstName.split(",")[0]!.trim();
  expect(surname.length).toBeGreaterThan(0);

  // Search by that surname: the URL records it and every row left matches.
  await page.getByRole("searchbox", { name: "Search staff" }).fill(surname);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(rows.first()).toContainText(surname);
  await expect(rows.filter({ hasNotText: surname })).toHaveCount(0);

  // Sorting is a header button and lands in the URL too.
  await staff.getByRole("button", { name: "Name" }).click();
  await expect(page).toHaveURL(/[?&]dir=desc/);
  await expect(staff.getByRole("columnheader", { name: "Name" })).toHaveAttribute("aria-sort", "descending");

  // The staff member's record, with each field's source.
  await rows.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/staff\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(surname);
  const details = page.getByRole("table", { name: "Details" });
  await expect(details.getByRole("rowheader", { name: "Surname" })).toBeVisible();
  await expect(details).toContainText("via Wonde");
  await expect(page.getByRole("heading", { name: "Classes" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Staffroom account" })).toBeVisible();

  // Pupils, filtered to one year group.
  await nav.getByRole("link", { name: "Pupils" }).click();
  const pupils = page.getByRole("table", { name: "Pupils", exact: true });
  const pupilRows = pupils.locator("tbody tr");
  await expect(pupilRows.first()).toBeVisible();
  await page.getByRole("combobox", { name: "Year group" }).click();
  const option = page.getByRole("option").nth(1);
  const year = ((await option.textContent()) ?? "").trim();
  expect(year).toMatch(/^(Nursery|Reception|Year \d+)$/);
  await option.click();
  await expect(page).toHaveURL(/[?&]year=/);
  await expect(page.getByRole("combobox", { name: "Year group" })).toHaveText(year);
  await expect(pupilRows.first()).toContainText(year);
  await expect(pupilRows.filter({ hasNotText: year })).toHaveCount(0);

  expect(pageErrors).toEqual([]);
});
