import { expect, test, type Page } from "@playwright/test";
import { AUTH_ADMIN, signInNextAs, STAFF } from "./auth-fixtures";

async function signInAsAdmin(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(AUTH_ADMIN.email);
  await page.getByLabel("Password").fill(AUTH_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
}

test("the admin turns automatic matching off and on, matches all by email, and unlinks", async ({ page, browser }) => {
  await signInAsAdmin(page);
  await page.goto("/matching");
  const domains = page.getByLabel("Email domains");
  await expect(domains).toHaveValue("elmwood.example");

  // With no domain listed, Rosa's verified Microsoft address is not matched at sign-in.
  await domains.fill("");
  await page.getByRole("button", { name: "Save domains" }).click();
  await expect(page.getByText("Automatic matching is off")).toBeVisible();

  const rosa = await (await browser.newContext()).newPage();
  await signInNextAs("microsoft", { sub: "ms-sub-rosa", email: STAFF.rosa.email.toUpperCase(), name: "Rosa Parks" });
  await rosa.goto("/sign-in");
  await rosa.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await expect(rosa).toHaveURL(/\/sign-in\/not-linked\?provider=microsoft-entra-id/);

  await domains.fill("elmwood");
  await page.getByRole("button", { name: "Save domains" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "is not an email domain" })).toContainText('"elmwood" is not an email domain');
  await expect(domains).toHaveValue("elmwood");

  await domains.fill("elmwood.example");
  await page.getByRole("button", { name: "Save domains" }).click();
  await expect(page.getByText("Automatic matching on for elmwood.example")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("table", { name: "Sign-ins waiting for a match" })).toContainText(STAFF.rosa.email);
  await page.getByRole("button", { name: "Match all by email" }).click();
  await expect(page.getByText(/Matched 1 sign-in by email/)).toBeVisible();
  await page.getByRole("searchbox", { name: "Search staff" }).fill("Parks");
  await expect(page).toHaveURL(/q=Parks/);
  const row = page.getByRole("row", { name: /Parks, Rosa/ });
  await expect(row).toContainText("Microsoft");

  // Filters: Rosa has a sign-in linked now, so not in "No sign-in linked".
  await page.getByRole("tab", { name: /No sign-in linked/ }).click();
  await expect(page).toHaveURL(/filter=no-sso/);
  await expect(page.getByRole("heading", { name: "Nobody matches" })).toBeVisible();
  await page.getByRole("tab", { name: /All/ }).click();

  await rosa.getByRole("link", { name: "Back to sign in" }).click();
  await rosa.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await expect(rosa.getByRole("button", { name: "Account menu" })).toContainText("Rosa Parks");

  await row.getByRole("button", { name: "Unlink Microsoft sign-in from Parks, Rosa" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Unlink" }).click();
  await expect(page.getByText("Microsoft sign-in unlinked from Parks, Rosa")).toBeVisible();
  await expect(row).toContainText("No sign-in linked");
});

test("roles: the last admin can't be demoted; an admin changes a role and sends an invite", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Users and roles" }).click();
  await expect(page).toHaveURL(/\/settings\/users/);

  await page.getByRole("combobox", { name: `Role of ${AUTH_ADMIN.name}` }).click();
  await page.getByRole("option", { name: "Staff" }).click();
  await expect(page.getByText("A school needs at least one administrator")).toBeVisible();
  await expect(page.getByRole("combobox", { name: `Role of ${AUTH_ADMIN.name}` })).toHaveText("School admin");

  await page.getByRole("searchbox", { name: "Search users" }).fill("Turing");
  await expect(page.getByRole("table", { name: "Users" })).not.toContainText(AUTH_ADMIN.name);
  await page.getByRole("combobox", { name: "Role of Turing, Alan" }).click();
  await page.getByRole("option", { name: "School admin" }).click();
  await expect(page.getByText("Turing, Alan is now a school admin")).toBeVisible();
  await page.getByRole("combobox", { name: "Role of Turing, Alan" }).click();
  await page.getByRole("option", { name: "Staff" }).click();
  await expect(page.getByText("Turing, Alan is now staff")).toBeVisible();

  await page.getByRole("button", { name: "Send invite to Turing, Alan" }).click();
  await expect(page.getByText(`Invite sent to ${STAFF.alan.email}`)).toBeVisible();
});
