// A trust's central team connects every school from one Wonde token, watches them sync on the
// trust dashboard, and follows a figure and a migration alert into one school.
import { expect, test, type Page } from "@playwright/test";
import { E2E_EMULATOR_PORT } from "./fixtures";
import { NORTHERN_LIGHTS, NORTHERN_LIGHTS_ADMIN } from "./trust-fixtures";

const ACADEMIES = ["Highgate Park Academy", "Millbrook Primary Academy", "Northfield Primary Academy"];
const NORTHFIELD_WONDE_ID = "A1612093845";

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(NORTHERN_LIGHTS_ADMIN.email);
  await page.getByLabel("Password").fill(NORTHERN_LIGHTS_ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const rowOf = (page: Page, school: string) => page.getByRole("table", { name: "Schools of the trust" }).getByRole("row").filter({ hasText: school });

test("a trust admin connects the trust from one token, sees its schools sync, and opens one school's figures and migration", async ({ page }) => {
  test.setTimeout(420_000);
  await signIn(page);
  // No school yet: a trust admin starts at the trust.
  await expect(page.getByRole("heading", { level: 1, name: NORTHERN_LIGHTS.name })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "No schools in the trust yet" })).toBeVisible();

  await page.getByLabel("Wonde account token").fill(NORTHERN_LIGHTS.token);
  await page.getByRole("button", { name: "Check token" }).click();
  const listed = page.getByRole("list", { name: "Schools this token sees" });
  await expect(listed.getByRole("listitem")).toHaveCount(4);
  const hillcrest = listed.getByRole("listitem").filter({ hasText: "Hillcrest Primary School" });
  await expect(hillcrest).toContainText("Pending approval");
  await expect(hillcrest).toContainText("approve Staffroom in Wonde");

  await page.getByRole("button", { name: "Connect 3 approved schools" }).click();
  await expect(page.getByText("Connected 3 schools")).toBeVisible({ timeout: 60_000 });
  // The three first syncs run through the queue; the dashboard follows them until each succeeds.
  for (const school of ACADEMIES) await expect(rowOf(page, school)).toBeVisible();
  for (const school of ACADEMIES) await expect(rowOf(page, school).getByText("Succeeded", { exact: true })).toBeVisible({ timeout: 240_000 });
  await expect(rowOf(page, "Highgate Park Academy")).toContainText("Bromcom");

  // A figure opens that school's own page, with that school chosen.
  await rowOf(page, "Millbrook Primary Academy").getByRole("link", { name: /staff at Millbrook Primary Academy/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff management" })).toBeVisible();
  await expect(page.locator("header")).toContainText("Millbrook Primary Academy");
  await expect(page.getByRole("table", { name: "Staff" }).getByRole("row").nth(1)).toBeVisible();

  // Northfield moves MIS: its next sync pauses, and the dashboard shows the migration to review.
  const migrated = await fetch(`http://127.0.0.1:${E2E_EMULATOR_PORT}/__admin/migrate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ schoolId: NORTHFIELD_WONDE_ID, to: "SIMS" }) });
  expect(migrated.ok).toBe(true);
  const dashboard = await page.request.get("/api/trpc/trust.dashboard");
  const rows = ((await dashboard.json()) as { result: { data: { json: { rows: { schoolId: string; name: string }[] } } } }).result.data.json.rows;
  const northfield = rows.find((r) => r.name === "Northfield Primary Academy")!;
  const started = await page.request.post("/api/trpc/sync.start", { data: { json: { schoolId: northfield.schoolId, mode: "incremental" } } });
  expect(started.ok()).toBe(true);
  await page.goto("/trust?attention=1");
  await expect(rowOf(page, "Northfield Primary Academy").getByText("Paused", { exact: true })).toBeVisible({ timeout: 120_000 });
  await rowOf(page, "Northfield Primary Academy").getByRole("link", { name: /Arbor → SIMS/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "MIS migration" })).toBeVisible();
  await expect(page.locator("header")).toContainText("Northfield Primary Academy");
});
