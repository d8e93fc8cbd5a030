// A member of staff saves their username and password on a launcher tile and sees them again,
// by keyboard alone. (Re-authentication after 10 minutes: tests/integration/saved-logins.test.ts.)
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, SCHOOL_NAME } from "./fixtures";
import { TEACHER } from "./incident-fixtures";

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL_NAME })).toBeVisible({ timeout: 20_000 });
}

test("save a login on a tile and show it again, with the keyboard (a sign-in this recent counts as confirming it's you)", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);
  const me = (await (await admin.request.get(`/api/trpc/me.get?input=${encodeURIComponent(JSON.stringify({ json: undefined }))}`)).json()) as { result: { data: { json: { schools: { schoolId: string; schoolName: string }[] } } } };
  const schoolId = me.result.data.json.schools.find((s) => s.schoolName === SCHOOL_NAME)!.schoolId;
  const fields = { name: "Spelling Shed", url: "https://spelling-shed.example/", icon: "🐝", forStaff: true, forPupils: false, yearGroups: [], classIds: [] };
  expect((await admin.request.post("/api/trpc/apps.save", { data: { json: { schoolId, appId: null, fields } } })).ok()).toBe(true);
  await admin.context().close();

  const page = await (await browser.newContext()).newPage();
  await signIn(page, TEACHER);
  await page.goto("/launcher");
  const key = page.getByRole("button", { name: "Save a password for Spelling Shed" });
  await expect(key).toBeEnabled();
  await key.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Spelling Shed" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("textbox", { name: "Username" }).focus();
  await page.keyboard.type("t.teacher");
  await page.keyboard.press("Tab");
  await page.keyboard.type("bees-and-honey-42");
  await page.keyboard.press("Enter");
  await expect(dialog.getByText("A username and password are saved.")).toBeVisible();
  await expect(dialog.locator("[aria-live=polite]")).toContainText("Saved.");

  // Signed in moments ago: showing needs no password yet.
  await dialog.getByRole("button", { name: "Show", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog.getByText("t.teacher")).toBeVisible();
  await expect(dialog.getByText("bees-and-honey-42")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // The tile now says a password is saved; the page never held it before Show.
  await expect(page.getByRole("button", { name: "Saved password for Spelling Shed" })).toBeVisible();
  await page.context().close();
});
