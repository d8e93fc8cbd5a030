import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { sentEmails } from "./auth-fixtures";
import { ADMIN, E2E_EMULATOR_PORT, SCHOOL_NAME } from "./fixtures";
import { RESEND_WEBHOOK_SECRET, TEACHER } from "./incident-fixtures";

const OAKFIELD = "A1930499544";

type WondeStudent = {
  forename: string;
  surname: string;
  contacts?: { data: { forename: string; surname: string; relationship?: { parental_responsibility?: boolean | null } | null; contact_details?: { data: { emails?: { email?: string | null } | null } | null } }[] };
};

/** A pupil the emulated MIS gives a contact with parental responsibility and an email, read straight from the emulator. */
async function pupilWithParent() {
  const response = await fetch(`http://127.0.0.1:${E2E_EMULATOR_PORT}/v1.0/schools/${OAKFIELD}/students?include=contacts,contacts.contact_details&per_page=50`, { headers: { authorization: "Bearer demo" } });
  const { data } = (await response.json()) as { data: WondeStudent[] };
  for (const student of data) {
    const parent = student.contacts?.data.find((c) => c.relationship?.parental_responsibility && c.contact_details?.data?.emails?.email);
    if (parent) return { student, parentEmail: parent.contact_details!.data!.emails!.email! };
  }
  throw new Error("The emulated school has no pupil with an emailable parent");
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL_NAME })).toBeVisible();
}

/** Resend's Svix-style signature over "id.timestamp.body". */
function signed(body: string) {
  const id = `msg_e2e_${Date.now()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", Buffer.from(RESEND_WEBHOOK_SECRET.slice("whsec_".length), "base64")).update(`${id}.${timestamp}.${body}`).digest("base64");
  return { "content-type": "application/json", "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` };
}

test("a teacher logs an incident against a pupil found by typing, notifies the parent, and the parent confirms", async ({ browser, page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  // The demo school's pupils arrive with a sync, which an admin runs.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await admin.goto("/staff");
  await admin.getByRole("button", { name: "Sync Data", exact: true }).click();
  await expect(admin.getByRole("status", { name: "Sync progress" })).toContainText("Sync finished", { timeout: 45_000 });
  await adminContext.close();

  const { student, parentEmail } = await pupilWithParent();
  const pupilName = `${student.surname}, ${student.forename}`;

  await signIn(page, TEACHER);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Incidents" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Accident and incident book" })).toBeVisible();
  await page.getByRole("link", { name: "Log incident" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Log incident" })).toBeVisible();

  // Saving empty shows what is missing, in words, without losing anything.
  await page.getByRole("button", { name: "Log incident" }).click();
  await expect(page.getByText("Describe what happened.")).toBeVisible();

  // Part of a name; the keyboard picks the pupil.
  const picker = page.getByRole("combobox", { name: "Affected person" });
  await picker.fill(`${student.surname.slice(0, 4)} ${student.forename.slice(0, 2)}`);
  const option = page.getByRole("option", { name: new RegExp(`^${pupilName}`) });
  await expect(option).toBeVisible();
  for (let step = 0; step < 25 && (await option.getAttribute("aria-selected")) !== "true"; step++) await picker.press("ArrowDown");
  await picker.press("Enter");
  await expect(page.getByRole("group", { name: "Affected person", exact: true })).toContainText(pupilName);

  await page.getByLabel("Where exactly").fill("Junior playground, by the climbing frame");
  await page.getByRole("combobox", { name: "Type" }).click();
  await page.getByRole("option", { name: "Accident / injury" }).click();
  await page.getByRole("combobox", { name: "Severity" }).click();
  await page.getByRole("option", { name: "Minor" }).click();
  await page.getByLabel("What happened").fill(`${student.forename} slipped on the wet steps and grazed a knee.`);
  await page.getByLabel("Injury (if any)").fill("Graze");
  await page.getByLabel("Part of the body").fill("Left knee");
  await page.getByRole("button", { name: "Log incident" }).click();

  await expect(page.getByRole("heading", { level: 1, name: /^Incident INC-\d{4}$/ })).toBeVisible();
  await expect(page).toHaveURL(/\/incidents\/(?!new$)[^/]+$/);
  await expect(page.getByRole("table", { name: "Incident details" })).toContainText("slipped on the wet steps");

  // Notify: contacts are read live from the MIS; the highest-priority one is preselected.
  await page.getByRole("button", { name: `Notify parents and carers of ${pupilName}` }).click();
  const dialog = page.getByRole("dialog", { name: "Notify parents and carers" });
  await expect(dialog.getByText(parentEmail)).toBeVisible();
  const recipient = dialog.getByRole("checkbox", { name: new RegExp(parentEmail.replace(/[.]/g, "\\.")) });
  if ((await recipient.getAttribute("aria-checked")) !== "true") await recipient.click();
  await dialog.getByRole("button", { name: "Send email" }).click();
  await expect(dialog).toBeHidden();

  const notifications = page.getByRole("table", { name: "Notifications" });
  const row = notifications.getByRole("row").filter({ hasText: parentEmail });
  await expect(row).toContainText("Sent");

  // The email went through Resend's SDK: to the parent, about their child only, with a confirmation link.
  let email: Awaited<ReturnType<typeof sentEmails>>[number] | undefined;
  await expect.poll(async () => (email = (await sentEmails()).findLast((e) => [e.to].flat().includes(parentEmail)))).toBeTruthy();
  expect(email!.text).toContain(`${student.forename} ${student.surname}`);
  const ackLink = email!.text.match(/https?:\/\/\S+\/ack\/[\w.-]+/)?.[0];
  expect(ackLink).toBeTruthy();

  // Resend reports delivery through its signed webhook; the page shows it.
  const body = JSON.stringify({ type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: email!.id } });
  const unsigned = await page.request.post("/api/webhooks/resend", { data: body, headers: { ...signed(body), "svix-signature": "v1,bm90IGEgc2lnbmF0dXJl" } });
  expect(unsigned.status()).toBe(401);
  expect((await page.request.post("/api/webhooks/resend", { data: body, headers: signed(body) })).status()).toBe(200);
  await page.reload();
  await expect(notifications.getByRole("row").filter({ hasText: parentEmail })).toContainText("Delivered");

  // The parent (no account, no session) confirms receipt once.
  const parentContext = await browser.newContext();
  const parent = await parentContext.newPage();
  await parent.goto(ackLink!);
  await expect(parent.getByRole("heading", { name: SCHOOL_NAME })).toBeVisible();
  await parent.getByRole("button", { name: "I have read this" }).click();
  await expect(parent.getByRole("status")).toContainText("Thank you");
  await parent.goto(ackLink!);
  await expect(parent.getByRole("status")).toContainText("Already confirmed");
  await parentContext.close();

  await page.reload();
  await expect(notifications.getByRole("row").filter({ hasText: parentEmail })).toContainText("Confirmed");
  expect(pageErrors).toEqual([]);
});
