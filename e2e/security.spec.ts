import { expect, test, type Page } from "@playwright/test";
import { ADMIN, SCHOOL_NAME } from "./fixtures";

// The first sign-in after `next start` can take several seconds on a busy 2-core CI machine.
const SIGN_IN_TIMEOUT = 20_000;

async function signIn(page: Page) {
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: SIGN_IN_TIMEOUT });
}

/** Console errors and page errors; CSP violations are reported as console errors. */
function watchProblems(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content Security Policy/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return problems;
}

test("no page can be framed by another site, the acknowledgement page included", async ({ page, baseURL }) => {
  const refusals: string[] = [];
  page.on("console", (message) => {
    if (/frame-ancestors|Refused to (display|frame)/i.test(message.text())) refusals.push(message.text());
  });
  for (const path of ["/sign-in", "/ack/not-a-real-token"]) {
    await page.setContent(`<iframe id="victim" src="${baseURL}${path}" width="800" height="600"></iframe>`);
    const frame = page.frameLocator("#victim");
    // The browser refuses to render it: no form or text of ours inside the frame.
    await expect.poll(() => refusals.length, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(frame.getByRole("button", { name: "Sign in", exact: true })).toHaveCount(0);
    refusals.length = 0;
  }
});

test("a signed-out visit returns to the page it asked for after signing in, with no CSP violations", async ({ page }) => {
  const problems = watchProblems(page);
  await page.goto("/incidents?status=OPEN");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fincidents%3Fstatus%3DOPEN$/);
  await signIn(page);
  await expect(page).toHaveURL(/\/incidents\?status=OPEN$/);
  // Hydrated: client components fetched through tRPC.
  await expect(page.getByTestId("current-school")).toHaveText(SCHOOL_NAME);

  await page.goto("/staff");
  await expect(page.getByRole("heading", { level: 1, name: "Staff management" })).toBeVisible();
  await page.getByRole("button", { name: "Account menu" }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out everywhere" })).toBeVisible();
  await expect(page.getByText(/Signed in on/)).toBeVisible();
  await page.keyboard.press("Escape");
  expect(problems).toEqual([]);
});

test("a return address pointing at another site is dropped", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto("/sign-in?callbackUrl=/%5Cevil.example/phish");
  await signIn(page);
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test("signing out ends the session: its cookie no longer works when replayed", async ({ page, browser, baseURL }) => {
  await page.context().clearCookies();
  await page.goto("/sign-in");
  await signIn(page);
  await expect(page.getByTestId("current-school")).toHaveText(SCHOOL_NAME);
  const stolen = await page.context().cookies();
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const replay = await browser.newContext({ baseURL });
  await replay.addCookies(stolen);
  const other = await replay.newPage();
  await other.goto("/staff");
  await expect(other).toHaveURL(/\/sign-in/);
  await replay.close();
});
