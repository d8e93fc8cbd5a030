// A trust admin confirms, on the Shared staff page, that two schools' records of one teacher
// (two work emails, one teacher number) are the same person: one account from then on.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { RIVERSIDE, RIVERSIDE_ADMIN, SHARED_TEACHER } from "./shared-staff-fixtures";

const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Never wider than the screen, and no serious or critical axe violations, at both widths. */
async function checkLayout(page: Page) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await expect(page.getByRole("heading", { level: 1, name: "Shared staff" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `width at ${viewport.width} px`).toBeLessThanOrEqual(viewport.width);
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`), `axe at ${viewport.width} px`).toEqual([]);
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

test("a trust admin confirms on the Shared staff page that two schools' records are one teacher", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(VIEWPORTS[0]);
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(RIVERSIDE_ADMIN.email);
  await page.getByLabel("Password").fill(RIVERSIDE_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The first sign-in after `next start` is slow on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: RIVERSIDE.schools[0] })).toBeVisible({ timeout: 30_000 });

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Shared staff" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shared staff" })).toBeVisible();
  const proposed = page.getByRole("list", { name: "Proposed pairs" }).getByRole("listitem");
  await expect(proposed).toHaveCount(1);
  const pair = proposed.first();
  await expect(pair).toContainText(`Same teacher number: ${SHARED_TEACHER.teacherNumber}`);
  for (const school of RIVERSIDE.schools) await expect(pair).toContainText(school);
  for (const email of SHARED_TEACHER.emails) await expect(pair).toContainText(`Signs in as ${email}`);
  await checkLayout(page);

  await pair.getByRole("button", { name: /^Confirm / }).click();
  // The older account (the infant school's) is kept: she signs in with it at both schools.
  await expect(page.getByText(`Linked: they sign in as ${SHARED_TEACHER.emails[0]} at both schools.`)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Nothing to confirm" })).toBeVisible();
  const confirmed = page.getByRole("list", { name: "Confirmed pairs" }).getByRole("listitem");
  await expect(confirmed).toHaveCount(1);
  await expect(confirmed.first()).toContainText(`Confirmed by ${RIVERSIDE_ADMIN.name}`);
  await expect(confirmed.first()).not.toContainText(`Signs in as ${SHARED_TEACHER.emails[1]}`);
  await expect(confirmed.first().getByText(`Signs in as ${SHARED_TEACHER.emails[0]}`)).toHaveCount(2);
  await checkLayout(page);

  // Each school's Activity Log records it.
  await page.goto("/activity");
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  // (The log is a table at a desk and cards on a phone: one of the two is shown.)
  await expect(page.getByText("Shared Staff Confirmed").filter({ visible: true }).first()).toBeVisible();
});
