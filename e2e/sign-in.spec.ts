import { expect, test, type Page } from "@playwright/test";
import { ADMIN, SCHOOL_NAME } from "./fixtures";

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a wrong password gives a clear error and keeps the typed email", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await fillSignIn(page, ADMIN.email, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "don't match an account" })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("the admin signs in, sees the shell without console errors, and signs out", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  await page.goto("/sign-in");
  await fillSignIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL_NAME })).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Main navigation" });
  for (const area of ["Staff", "Pupils", "Incidents", "User matching", "Activity", "Settings"]) {
    await expect(nav.getByRole("link", { name: area })).toBeVisible();
  }
  // Loaded in the browser through the tRPC HTTP handler.
  await expect(page.getByTestId("current-school")).toHaveText(SCHOOL_NAME);
  await expect(page.getByRole("list", { name: "Recent activity" })).toContainText("Signed In");

  await nav.getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff management" })).toBeVisible();
  expect(problems).toEqual([]);

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/sign-in/);
});
