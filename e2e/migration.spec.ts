import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, E2E_EMULATOR_PORT, SCHOOL_NAME } from "./fixtures";

/** Oakfield Primary School in the Wonde emulator. */
const OAKFIELD_WONDE_ID = "A1930499544";
const EMULATOR_ADMIN = `http://127.0.0.1:${E2E_EMULATOR_PORT}/__admin`;
const EMULATOR_API = `http://127.0.0.1:${E2E_EMULATOR_PORT}/v1.0/schools/${OAKFIELD_WONDE_ID}`;

/** "Surname, Forename (initials)", as Staffroom labels a pupil, from the emulator's record. */
async function pupilLabel(request: APIRequestContext, studentId: string) {
  const response = await request.get(`${EMULATOR_API}/students/${studentId}`, { headers: { Authorization: "Bearer demo" } });
  expect(response.ok()).toBe(true);
  const { data } = (await response.json()) as { data: { forename: string; surname: string; initials: string | null } };
  return { label: `${data.surname}, ${data.forename}${data.initials ? ` (${data.initials})` : ""}`, surname: data.surname };
}

/** Opens the review item of one pupil (by searching the preview) and returns its row. */
async function reviewRow(page: Page, surname: string, label: string) {
  const search = page.getByRole("searchbox", { name: "Search people in the preview" });
  await search.fill(surname);
  const list = page.getByRole("table", { name: "People in the migration preview" });
  const row = list.getByRole("row").filter({ has: page.getByRole("radiogroup", { name: `Who is ${label}?`, exact: true }) });
  await expect(row).toBeVisible();
  return row;
}

type SyncRun = { id: string; status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "PAUSED"; error: string | null };

/** A tRPC query over HTTP with the page's session, unwrapped from superjson. */
async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await request.get(`/api/trpc/${path}${query}`);
  expect(response.ok(), `${path}: ${response.status()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function signIn(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL_NAME })).toBeVisible({ timeout: 20_000 });
}

/** Starts a full sync (or joins the one running) and waits until it stops; returns how it ended. */
async function fullSync(request: APIRequestContext, schoolId: string): Promise<SyncRun> {
  const { runId } = await trpcMutation<{ runId: string }>(request, "sync.start", { schoolId, mode: "full" });
  let run: SyncRun | null = null;
  await expect
    .poll(
      async () => {
        run = (await trpcQuery<{ run: SyncRun | null }>(request, "sync.status", { schoolId, runId })).run;
        return run?.status;
      },
      { timeout: 60_000, intervals: [500, 1000] },
    )
    .toMatch(/^(SUCCEEDED|FAILED|PAUSED)$/);
  return run!;
}

test("the admin reviews and applies an MIS migration from SIMS to Arbor and sees Scenario A", async ({ page }) => {
  test.setTimeout(240_000);
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  await signIn(page);
  const me = await trpcQuery<{ schools: { schoolId: string; schoolName: string }[] }>(page.request, "me.get");
  const schoolId = me.schools.find((s) => s.schoolName === SCHOOL_NAME)!.schoolId;

  // Sync from SIMS first (other specs may have synced already: a full sync is fine either way).
  expect((await fullSync(page.request, schoolId)).status).toBe("SUCCEEDED");

  // No migration yet: what happens when the school changes MIS, and the readiness check (the
  // sync recorded the scopes Wonde shares, UPN among them).
  await page.goto("/migration");
  await expect(page.getByRole("heading", { name: "No MIS migration so far" })).toBeVisible();
  await expect(page.getByText("Ready: UPN shared")).toBeVisible();
  const autoApply = page.getByRole("switch", { name: "Apply automatically when nobody needs review" });
  await expect(autoApply).not.toBeChecked();
  await autoApply.click();
  await expect(page.getByText("Migrations will apply automatically when nobody needs review")).toBeVisible();
  await expect(autoApply).toBeChecked();
  // Off again, so this migration waits for review.
  await autoApply.click();
  await expect(page.getByText("Migrations will wait for you to apply them")).toBeVisible();
  await expect(autoApply).not.toBeChecked();

  // The school moves to Arbor: every Wonde id changes; the next sync notices and pauses.
  // The new MIS also gives one pupil (the "copier") another pupil's UPN: a pair for review.
  const migrated = await page.request.post(`${EMULATOR_ADMIN}/migrate`, { data: { schoolId: OAKFIELD_WONDE_ID, to: "Arbor", preserveStudentIdsByUpn: false, duplicateUpns: 1 } });
  expect(migrated.ok()).toBe(true);
  const [pair] = ((await migrated.json()) as { duplicatedUpns: { holderId: string; copierId: string }[] }).duplicatedUpns;
  const holder = await pupilLabel(page.request, pair!.holderId);
  const copier = await pupilLabel(page.request, pair!.copierId);
  const paused = await fullSync(page.request, schoolId);
  expect(paused.status).toBe("PAUSED");

  // The dashboard points to the migration.
  await page.goto("/");
  const alert = page.getByRole("alert").filter({ hasText: "Syncing is paused until you apply this migration" });
  await expect(alert).toContainText("moved from SIMS to Arbor");
  await alert.getByRole("link", { name: "Review the migration" }).click();
  await expect(page).toHaveURL(/\/migration$/);

  // The status banner and the preview counts by rule.
  await expect(page.getByRole("heading", { level: 1, name: "MIS migration" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Syncing is paused" })).toContainText(/Your school moved from SIMS to Arbor on \d{1,2} \w{3} \d{4}\./);
  await expect(page.getByLabel("Pupils preview counts")).toContainText("by UPN");
  await expect(page.getByLabel("Staff preview counts")).toContainText("by work email");
  // The MIS's duplicate is named, with what to do about it.
  await expect(page.getByRole("alert").filter({ hasText: "Before you apply" })).toContainText(`gives ${holder.label} and ${copier.label} the same UPN`);

  // The review queue: the "Needs review" tab opens first when anyone needs review.
  const apply = page.getByRole("button", { name: "Apply migration" });
  const list = page.getByRole("table", { name: "People in the migration preview" });
  const reviewTab = page.getByRole("tab", { name: /^Needs review \((\d+)\)$/ });
  const reviewCount = Number((await reviewTab.textContent())!.match(/\((\d+)\)/)![1]);
  expect(reviewCount).toBeGreaterThanOrEqual(2);
  {
    await expect(reviewTab).toHaveAttribute("aria-selected", "true");
    // The duplicate-UPN pair first: the holder keeps the record proposed by UPN…
    const holderRow = await reviewRow(page, holder.surname, holder.label);
    await holderRow.getByRole("radio", { name: `Keep as ${holder.label} · UPN` }).check();
    await holderRow.getByRole("button", { name: `Save choice for ${holder.label}` }).click();
    await expect(holderRow.getByRole("status").filter({ hasText: "Saved:" })).toBeVisible();
    // …and the copier is found on her own old record through the search box.
    const copierRow = await reviewRow(page, copier.surname, copier.label);
    await copierRow.getByRole("searchbox", { name: `Search old records for ${copier.label}` }).fill(copier.surname);
    await copierRow.getByRole("button", { name: new RegExp(`^Choose ${copier.label.replace(/[()]/g, "\\$&")}`) }).click();
    await copierRow.getByRole("button", { name: `Save choice for ${copier.label}` }).click();
    await expect(copierRow.getByRole("status").filter({ hasText: `Saved: keep as ${copier.label}` })).toBeVisible();
    // Back to the whole review list; its first undecided row shows once the search is cleared.
    await page.getByRole("searchbox", { name: "Search people in the preview" }).fill("");
    await expect(list.getByRole("row").filter({ hasText: "Not decided yet" }).first()).toBeVisible();

    await expect(list.locator("tbody tr").first()).toBeVisible();
    await expect(apply).toBeDisabled();
    await expect(page.getByText(/still waiting for a decision/)).toBeVisible();
    for (;;) {
      const waiting = list.getByRole("row").filter({ hasText: "Not decided yet" });
      if ((await waiting.count()) === 0) {
        const next = page.getByRole("button", { name: "Next page" });
        if (await next.isDisabled()) break;
        await next.click();
        continue;
      }
      const row = waiting.first();
      const label = (await row.getByRole("radiogroup").getAttribute("aria-label"))!.replace(/^Who is (.*)\?$/, "$1");
      const item = list.getByRole("row").filter({ has: page.getByRole("radiogroup", { name: `Who is ${label}?`, exact: true }) });
      // Keyboard: focus the first proposed person and choose it with Space.
      await item.getByRole("radio").first().focus();
      await page.keyboard.press("Space");
      await expect(item.getByRole("radio").first()).toBeChecked();
      await item.getByRole("button", { name: `Save choice for ${label}` }).click();
      const saved = item.getByRole("status").filter({ hasText: "Saved:" });
      const refused = item.getByRole("alert");
      await expect(saved.or(refused)).toBeVisible();
      if (await refused.isVisible()) {
        // That person was already taken by another record: this one is someone new.
        await item.getByRole("radio", { name: "Create as a new person" }).check();
        await item.getByRole("button", { name: `Save choice for ${label}` }).click();
      }
      await expect(saved).toBeVisible();
    }
    await expect(page.getByText(/review items? (is|are) decided/)).toBeVisible();
  }

  // Browse another outcome: the matched pupils, with their rule and reason.
  await page.getByRole("tab", { name: /^Matched/ }).click();
  await expect(page).toHaveURL(/outcome=matched/);
  await page.getByRole("combobox", { name: "Pupils or staff" }).click();
  await page.getByRole("option", { name: "Pupils", exact: true }).click();
  await expect(list.locator("tbody tr").first()).toContainText("Same UPN");

  // Apply, after the confirmation that says what will happen.
  await expect(apply).toBeEnabled();
  await apply.click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("Apply the migration from SIMS to Arbor?");
  await expect(dialog.getByRole("list", { name: "What applying does" })).toContainText("Pupils:");
  await dialog.getByRole("button", { name: "Apply migration" }).click();

  // The report, then the follow-up full sync's progress and outcome.
  await expect(page.getByRole("heading", { name: "Scenario A: identities kept" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("table", { name: "Migration outcome" })).toContainText("Kept after review");
  await expect(page.getByRole("table", { name: "Migration outcome" })).toContainText("Pupils");
  await expect(page.getByRole("link", { name: /User Created.*Activity log/ })).toHaveAttribute("href", /\/activity\?action=User%20Created&from=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByRole("status", { name: "Sync progress" })).toContainText("Sync finished", { timeout: 60_000 });

  // Syncing has resumed: no open migration, and the dashboard says nothing about one.
  const after = await trpcQuery<{ migration: { status: string; report: { verdict: string } } }>(page.request, "migration.get", { schoolId });
  expect(after.migration.status).toBe("APPLIED");
  expect(after.migration.report.verdict).toBe("A");
  await page.goto("/");
  await expect(page.getByRole("alert").filter({ hasText: "Syncing is paused" })).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
