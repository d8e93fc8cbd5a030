// A trust's health & safety lead (a trust viewer) reads the trust-wide views and exports, and
// the trust's schools' pages, without being offered anything that changes them; the trust admin
// has the trust's settings.
import { expect, test, type Page } from "@playwright/test";
import { SCHOOL_NAME } from "./fixtures";
import { OAK_TRUST, OAK_TRUST_ADMIN, OAK_TRUST_VIEWER } from "./trust-fixtures";

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL_NAME })).toBeVisible({ timeout: 30_000 });
}

/** The first line of a CSV download the page links to. */
async function csvHeader(page: Page, linkName: string) {
  const href = await page.getByRole("link", { name: linkName }).getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  return (await response.text()).replace(/^\uFEFF/, "").split("\r\n")[0];
}

test("a trust viewer reads the trust views and exports, and sees no admin actions anywhere", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, OAK_TRUST_VIEWER);
  const main = page.locator("main");

  await page.goto("/trust");
  await expect(page.getByRole("heading", { level: 1, name: OAK_TRUST.name })).toBeVisible();
  const trustNav = page.getByRole("navigation", { name: "Trust" });
  await expect(trustNav.getByRole("link", { name: "Incidents" })).toBeVisible();
  await expect(trustNav.getByRole("link", { name: "Trust settings" })).toHaveCount(0);
  await expect(main.getByRole("button", { name: /Check token|Connect/ })).toHaveCount(0);

  await trustNav.getByRole("link", { name: "Incidents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${OAK_TRUST.name}: incidents` })).toBeVisible();
  await expect(main.getByRole("combobox", { name: "School" })).toBeVisible();
  expect(await csvHeader(page, "Export CSV")).toMatch(/^School,Reference,/);

  await page.getByRole("navigation", { name: "Trust" }).getByRole("link", { name: "Patterns" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${OAK_TRUST.name}: incident patterns` })).toBeVisible();
  await expect(page.getByRole("table", { name: "Incidents per 100 pupils by school" }).getByRole("row").filter({ hasText: SCHOOL_NAME })).toBeVisible({ timeout: 30_000 });

  await page.getByRole("navigation", { name: "Trust" }).getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${OAK_TRUST.name}: activity` })).toBeVisible();
  expect(await csvHeader(page, "Export CSV")).toMatch(/^School,When,Action,/);

  await page.goto("/trust/settings");
  await expect(main.getByRole("heading", { name: "Only the trust's admins can see this" })).toBeVisible();
  await expect(main.getByRole("button", { name: "Save defaults" })).toHaveCount(0);

  // A school's pages: everything readable, nothing that would be refused offered.
  const noActions: [string, string, RegExp][] = [
    ["/staff", "Staff management", /Sync Data|More sync options/],
    ["/incidents", "Accident and incident book", /Log incident/],
    ["/matching", "User matching", /Match all by email|Save domains|Link…|Unlink/],
    ["/migration", "MIS migration", /Apply migration|Save date|Save choice/],
    ["/settings", "Settings", /Disconnect|Connect Wonde|Use (the trust's|Staffroom's) default/],
    ["/settings/users", "Users and roles", /Send invite|Send again/],
    ["/settings/sign-in", "Staff sign-in", /Download staff sign-in list|Use (the trust's|Staffroom's) default/],
    ["/incidents/settings", "Accident and incident book", /Add location|Save settings|Save as this school's own|Remove /],
    ["/settings/apps", "Apps", /Add an app|Edit |Remove |New client secret|Webhooks for/],
    ["/settings/pupil-sign-in", "Pupil sign-in", /Open login cards|Re-issue|Set up this device/],
  ];
  for (const [path, heading, actions] of noActions) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(main.getByRole("button", { name: actions }), path).toHaveCount(0);
    await expect(main.getByRole("link", { name: actions }), path).toHaveCount(0);
  }
  await page.goto("/settings/sign-in");
  await expect(main.getByRole("switch", { name: "Use Staffroom Lite" })).toBeDisabled();
});

test("a trust admin sets the trust's defaults, and the schools following them take them", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, OAK_TRUST_ADMIN);
  await page.goto("/trust/settings");
  await expect(page.getByRole("heading", { level: 1, name: `${OAK_TRUST.name}: settings` })).toBeVisible();
  const row = page.getByRole("table", { name: "The schools' settings" }).getByRole("row").filter({ hasText: SCHOOL_NAME });
  await expect(row).toContainText("Daily, early morning");
  await expect(row).toContainText("Trust default");
  const chooseSchedule = async (label: string) => {
    await page.getByLabel("Sync schedule").click();
    await page.getByRole("option", { name: label }).click();
    await page.getByRole("button", { name: "Save defaults" }).click();
    await expect(page.getByText("Trust defaults saved").last()).toBeVisible();
  };
  await chooseSchedule("Hourly");
  await expect(row).toContainText("Hourly");
  // Back to the default for the other specs.
  await chooseSchedule("Daily, early morning");
  await expect(row).toContainText("Daily, early morning");
});
