import { expect, test, type Page } from "@playwright/test";
import { AUTH_SCHOOL, EXPIRED_RESET_TOKEN, sentEmails, STAFF } from "./auth-fixtures";

const NEW_PASSWORD = "marmalade lighthouse cobble";

/**
 * Submits Forgot password and returns the server action's answer. Chromium can't hand over the
 * body of the streamed answer the page read, so the browser's own request is sent once more.
 */
async function requestReset(page: Page, email: string): Promise<string> {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  // The button is enabled once the page is interactive; typing before that can be replaced as the page settles.
  const send = page.getByRole("button", { name: "Send reset link" });
  await expect(send).toBeEnabled();
  await page.getByLabel("Email").fill(email);
  await expect(page.getByLabel("Email")).toHaveValue(email);
  const response = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
  await send.click();
  const request = (await response).request();
  const body = await (await page.request.fetch(request.url(), { method: "POST", headers: await request.allHeaders(), data: request.postDataBuffer() ?? undefined })).text();
  await expect(page.getByRole("status").filter({ hasText: "belongs to a Staffroom account" })).toContainText(`If ${email} belongs to a Staffroom account`);
  return body;
}

async function resetLinkFor(email: string): Promise<string> {
  let link = "";
  await expect
    .poll(async () => {
      const found = (await sentEmails()).findLast((e) => e.to === email || (Array.isArray(e.to) && e.to.includes(email)));
      link = found?.text.match(/https?:\/\/\S+\/reset-password\/[\w-]+/)?.[0] ?? "";
      return link;
    })
    .not.toBe("");
  return link;
}

test("forgot password end to end: email through Resend, set a password once, sign in", async ({ page }) => {
  await requestReset(page, STAFF.rosa.email);
  const link = await resetLinkFor(STAFF.rosa.email);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/reset-password\//);

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  // The policy speaks up, and what was typed stays.
  await page.getByLabel("New password", { exact: true }).fill("password1234");
  await page.getByLabel("Confirm new password").fill("password1234");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "known to attackers" })).toBeVisible();
  await expect(page.getByLabel("New password", { exact: true })).toHaveValue("password1234");

  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm new password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?password=set/);
  await expect(page.getByRole("status").filter({ hasText: "Your password is set" })).toBeVisible();

  await page.getByLabel("Email", { exact: true }).fill(STAFF.rosa.email);
  await page.getByLabel("Password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: AUTH_SCHOOL.name })).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("an expired link is refused", async ({ page }) => {
  await page.goto(`/reset-password/${EXPIRED_RESET_TOKEN}`);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await expect(page.getByLabel("New password")).toHaveCount(0);
});

test("an unknown email gets exactly the same response as a known one", async ({ page }) => {
  const known = await requestReset(page, STAFF.charlie.email);
  const unknown = await requestReset(page, "nobody.here@elmwood.example");
  expect(unknown).toBe(known);
  // The known address did get its email (so the comparison above was between a real send and none).
  await resetLinkFor(STAFF.charlie.email);
});
