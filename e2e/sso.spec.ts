import { expect, test, type Page } from "@playwright/test";
import { AUTH_ADMIN, AUTH_SCHOOL, signInNextAs, STAFF } from "./auth-fixtures";

async function signInWith(page: Page, provider: "Google" | "Microsoft") {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${provider}` }).click();
}

async function expectSignedInAs(page: Page, name: string) {
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: AUTH_SCHOOL.name })).toBeVisible();
  await expect(page.getByRole("button", { name: "Account menu" })).toContainText(name);
}

test("a linked Google identity signs in", async ({ page }) => {
  await signInNextAs("google", { sub: STAFF.grace.google, email: STAFF.grace.email, email_verified: true, name: "Grace Hopper" });
  await signInWith(page, "Google");
  await expectSignedInAs(page, "Grace Hopper");
});

test("a linked Microsoft identity signs in", async ({ page }) => {
  await signInNextAs("microsoft", { sub: STAFF.alan.microsoft, email: STAFF.alan.email, name: "Alan Turing" });
  await signInWith(page, "Microsoft");
  await expectSignedInAs(page, "Alan Turing");
});

test("an unmatched identity is refused; the admin links it on User Matching; the next sign-in works", async ({ page, browser }) => {
  // Charlie's Google account uses an alias nobody in the MIS has.
  const charlie = { sub: "google-sub-charlie", email: "cbrown@elmwood.example", email_verified: true, name: "Charlie Brown" };
  await signInNextAs("google", charlie);
  await signInWith(page, "Google");
  await expect(page).toHaveURL(/\/sign-in\/not-linked\?provider=google/);
  await expect(page.getByRole("heading", { name: "Your school has not linked this Google account yet" })).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);

  const admin = await (await browser.newContext()).newPage();
  await admin.goto("/sign-in");
  await admin.getByLabel("Email", { exact: true }).fill(AUTH_ADMIN.email);
  await admin.getByLabel("Password").fill(AUTH_ADMIN.password);
  await admin.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: AUTH_SCHOOL.name })).toBeVisible();

  await admin.goto("/activity");
  await expect(admin.getByRole("table", { name: "Activity log" })).toContainText("Sign-in Refused");

  await admin.goto("/matching");
  const waiting = admin.getByRole("table", { name: "Sign-ins waiting for a match" });
  await waiting.getByRole("button", { name: "Link Google sign-in cbrown@elmwood.example" }).click();
  const dialog = admin.getByRole("dialog", { name: "Link Google sign-in" });
  // Keyboard only: type, arrow to the person, Enter to choose.
  await dialog.getByPlaceholder("Type a name or email…").fill("Brown");
  await expect(dialog.getByRole("option", { name: /Brown, Charlie/ })).toBeVisible();
  await dialog.getByPlaceholder("Type a name or email…").press("Enter");
  await expect(dialog).toContainText("Chosen: Brown, Charlie");
  await dialog.getByRole("button", { name: "Link sign-in" }).click();
  await expect(admin.getByText("Google sign-in linked to Brown, Charlie")).toBeVisible();
  await admin.getByRole("searchbox", { name: "Search staff" }).fill("Brown");
  await expect(admin.getByRole("row", { name: /Brown, Charlie/ })).toContainText("cbrown@elmwood.example");
  await expect(waiting).toHaveCount(0);

  await signInWith(page, "Google");
  await expectSignedInAs(page, "Charlie Brown");
});
