// Every page, as an admin, as a member of staff and signed out, at a desk (1280 px) and on a
// phone (390 px): no serious or critical axe violations, never wider than the screen, and a
// quiet console. E2E_SCREENSHOTS=<folder> also saves a full-page screenshot of each.
import { mkdir } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { EXPIRED_RESET_TOKEN, sentEmails } from "./auth-fixtures";
import { ADMIN, SCHOOL_NAME } from "./fixtures";
import { TEACHER } from "./incident-fixtures";
import { OAK_TRUST, OAK_TRUST_ADMIN, OAK_TRUST_VIEWER } from "./trust-fixtures";

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];
type Who = { email: string; password: string };
/** A page to check; `ready` is text (or a heading) that shows once it has loaded its data. */
type Stop = { path: string; ready: RegExp | string; missing?: boolean; open?: (page: Page) => Promise<void> };
type Finding = { who: string; viewport: string; path: string; width: number; problems: string[] };

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

async function trpc<T>(request: APIRequestContext, path: string, input: unknown, method: "query" | "mutation" = "query"): Promise<T> {
  const body = { json: input };
  const response =
    method === "query" ? await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(body))}`) : await request.post(`/api/trpc/${path}`, { data: body });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function signIn(page: Page, who: Who) {
  await page.goto("/sign-in");
  await page.getByLabel("Email", { exact: true }).fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // The first sign-in after `next start` is slow on a busy machine.
  await expect(page.getByRole("heading", { level: 1, name: SCHOOL_NAME })).toBeVisible({ timeout: 20_000 });
}

async function signedInPage(browser: Browser, who: Who, viewport?: Viewport, colorScheme: "light" | "dark" = "light") {
  const context = await browser.newContext({ ...(viewport ? { viewport } : {}), colorScheme });
  const page = await context.newPage();
  await signIn(page, who);
  return page;
}

/** What the pages need to show something: synced people, an incident with a notification, an acknowledgement link. */
async function prepareSchool(browser: Browser) {
  const admin = await signedInPage(browser, ADMIN);
  const me = await trpc<{ schools: { schoolId: string; schoolName: string }[] }>(admin.request, "me.get", undefined);
  const schoolId = me.schools.find((s) => s.schoolName === SCHOOL_NAME)!.schoolId;
  // A tile for everyone (its key button opens saved passwords) with a webhook (its settings page).
  const app = await trpc<{ id: string }>(
    admin.request,
    "apps.save",
    { schoolId, appId: null, fields: { name: "Reading Planet", url: "https://reading-planet.example/", icon: "📚", forStaff: true, forPupils: true, yearGroups: [], classIds: [] } },
    "mutation",
  );
  await trpc(admin.request, "webhooks.save", { schoolId, appId: app.id, url: "https://hooks.reading-planet.example/staffroom", events: ["migration.applied"], enabled: true }, "mutation");
  const { runId } = await trpc<{ runId: string }>(admin.request, "sync.start", { schoolId, mode: "full" }, "mutation");
  await expect
    .poll(async () => (await trpc<{ run: { status: string } | null }>(admin.request, "sync.status", { schoolId, runId })).run?.status, { timeout: 60_000, intervals: [500, 1000] })
    .toBe("SUCCEEDED");
  const staff = await trpc<{ rows: { id: string }[] }>(admin.request, "staff.list", { schoolId, page: 1, pageSize: 5 });
  await admin.context().close();

  // The teacher logs it, so both the teacher and the admin can open it.
  const teacher = await signedInPage(browser, TEACHER);
  const [pupil] = await trpc<{ id: string }[]>(teacher.request, "incidents.searchPeople", { schoolId, query: "a", kind: "PUPIL", limit: 1 });
  const incident = await trpc<{ id: string }>(
    teacher.request,
    "incidents.create",
    {
      schoolId,
      occurredAt: "2026-11-23T10:15",
      locationDetail: "Junior playground, by the climbing frame",
      type: "ACCIDENT_INJURY",
      severity: "MINOR",
      description: "Slipped on the wet steps and grazed a knee; cleaned and a plaster put on.",
      affected: [{ personId: pupil!.id, injury: "Graze", bodyPart: "Left knee" }],
    },
    "mutation",
  );
  const detail = await trpc<{ affected: { id: string }[] }>(teacher.request, "incidents.get", { schoolId, incidentId: incident.id });
  const affectedId = detail.affected[0]!.id;
  const { contacts } = await trpc<{ contacts: { key: string; email: string | null }[] }>(teacher.request, "incidents.contacts", { schoolId, incidentId: incident.id, affectedId });
  const recipient = contacts.find((c) => c.email);
  let ackPath: string | null = null;
  if (recipient) {
    await trpc(teacher.request, "incidents.notify", { schoolId, incidentId: incident.id, affectedId, recipientKeys: [recipient.key] }, "mutation");
    const email = (await sentEmails()).findLast((e) => [e.to].flat().includes(recipient.email!));
    ackPath = email?.text.match(/\/ack\/[\w.-]+/)?.[0] ?? null;
  }
  await teacher.context().close();
  return { staffId: staff.rows[0]!.id, incidentId: incident.id, ackPath, appId: app.id };
}

const openNotifyDialog = async (page: Page) => {
  await page.getByRole("button", { name: /^Notify parents and carers of / }).first().click();
  const dialog = page.getByRole("dialog", { name: "Notify parents and carers" });
  await expect(dialog).toBeVisible();
  // Send email is disabled (half-opaque) until the contacts arrive from Wonde, then fades in:
  // wait for it, so axe never measures the fade against a contact list that landed mid-audit.
  await expect(dialog.getByRole("button", { name: "Send email" })).toBeEnabled();
};
const openPersonPicker = async (page: Page) => {
  await page.getByRole("combobox", { name: "Affected person" }).fill("a");
  await expect(page.getByRole("option").first()).toBeVisible();
};
const openSavedPassword = async (page: Page) => {
  await page.getByRole("button", { name: /password for Reading Planet$/ }).click();
  await expect(page.getByRole("dialog", { name: "Reading Planet" }).getByRole("button", { name: "Save" })).toBeVisible();
};
const openSignInAppForm = async (page: Page) => {
  await page.getByRole("button", { name: "Add an app" }).click();
  await page.getByRole("checkbox", { name: /sign in to this app with their Staffroom account/ }).click();
  await expect(page.getByLabel("Redirect URIs (one per line)")).toBeVisible();
};
const openAccountMenu = async (page: Page) => {
  // On a phone the sidebar is a sheet behind the menu button.
  const trigger = page.getByRole("button", { name: "Account menu" });
  if (!(await trigger.isVisible())) await page.getByRole("button", { name: "Toggle sidebar" }).click();
  await trigger.click();
  await expect(page.getByRole("menu")).toBeVisible();
};

function stops({ staffId, incidentId, appId }: { staffId: string; incidentId: string; appId: string }, role: "admin" | "staff"): Stop[] {
  const shared: Stop[] = [
    { path: "/", ready: SCHOOL_NAME },
    { path: "/", ready: SCHOOL_NAME, open: openAccountMenu },
    { path: "/staff", ready: "Staff management" },
    { path: `/staff/${staffId}`, ready: role === "admin" ? /^[^,]+, [^,]+/ : "Staff member" },
    { path: "/pupils", ready: "Pupils" },
    { path: "/classes", ready: "Classes" },
    { path: "/subjects", ready: "Subjects" },
    { path: "/incidents", ready: "Accident and incident book" },
    { path: "/incidents/new", ready: "Log incident" },
    { path: "/incidents/new", ready: "Log incident", open: openPersonPicker },
    { path: `/incidents/${incidentId}`, ready: /^Incident INC-/ },
    { path: `/incidents/${incidentId}`, ready: /^Incident INC-/, open: openNotifyDialog },
    { path: `/incidents/${incidentId}/edit`, ready: /^Edit incident INC-/ },
    { path: `/incidents/${incidentId}/print`, ready: /^Accident and incident record INC-/ },
    { path: "/incidents/patterns", ready: "Accident and incident book" },
    { path: "/incidents/settings", ready: "Accident and incident book" },
    { path: "/matching", ready: "User matching" },
    { path: "/migration", ready: "MIS migration" },
    { path: "/activity", ready: "Activity" },
    { path: "/settings", ready: "Settings" },
    { path: "/settings/users", ready: "Users and roles" },
    { path: "/settings/pupil-sign-in", ready: "Pupil sign-in" },
    { path: "/settings/sign-in", ready: "Staff sign-in" },
    { path: "/settings/apps", ready: "Apps" },
    { path: `/settings/apps/${appId}/webhooks`, ready: "Webhooks" },
    ...(role === "admin" ? [{ path: "/settings/apps", ready: "Apps", open: openSignInAppForm }] : []),
    { path: "/launcher", ready: "My apps" },
    { path: "/launcher", ready: "My apps", open: openSavedPassword },
    // Only for a trust's central team: school admins and staff are told so.
    { path: "/trust", ready: "Trust" },
    { path: "/trust/shared-staff", ready: "Shared staff" },
    { path: "/incidents/no-such-incident", ready: "Incident not found", missing: true },
    { path: "/no-such-page", ready: "Page not found", missing: true },
  ];
  return shared;
}

/** The trust's pages (settings are the trust admins'), and a school's pages as the read-only trust viewer sees them. */
function trustStops(who: "trust-admin" | "trust-viewer"): Stop[] {
  return [
    { path: "/trust", ready: OAK_TRUST.name },
    { path: "/trust/incidents", ready: `${OAK_TRUST.name}: incidents` },
    { path: "/trust/patterns", ready: `${OAK_TRUST.name}: incident patterns` },
    { path: "/trust/activity", ready: `${OAK_TRUST.name}: activity` },
    // The Shared staff page is the trust admin's; a viewer is told so.
    { path: "/trust/shared-staff", ready: "Shared staff" },
    ...(who === "trust-admin"
      ? [{ path: "/trust/settings", ready: `${OAK_TRUST.name}: settings` }]
      : [
          { path: "/matching", ready: "User matching" },
          { path: "/settings", ready: "Settings" },
          { path: "/settings/users", ready: "Users and roles" },
        ]),
  ];
}

function signedOutStops(ackPath: string | null): Stop[] {
  return [
    { path: "/sign-in", ready: "Sign in to Staffroom" },
    { path: "/forgot-password", ready: "Forgot password" },
    { path: "/sign-in/pupil", ready: "Pupil sign-in" },
    { path: "/sign-in/badge", ready: "Scan your badge" },
    { path: "/sign-in/pupil/shared", ready: "Sign in with pictures" },
    { path: `/reset-password/${EXPIRED_RESET_TOKEN}`, ready: "This link no longer works" },
    { path: "/invite/not-a-real-invite-token", ready: "This link no longer works" },
    { path: "/sign-in/not-linked", ready: /^Your school has not linked this/ },
    // The OpenID Connect provider's own pages: signing out of the school's apps (with no app
    // session, the sign-out submits itself and lands on the signed-out page).
    { path: "/oidc/session/end", ready: "You're signed out of the app." },
    ...(ackPath ? [{ path: ackPath, ready: SCHOOL_NAME }] : []),
    { path: "/no-such-page", ready: "Page not found", missing: true },
  ];
}

/** Visits each stop and returns what is wrong with it (nothing, ideally). */
async function audit(page: Page, who: string, viewport: Viewport, list: Stop[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  let messages: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") messages.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => messages.push(`page error: ${error.message}`));
  for (const [index, stop] of list.entries()) {
    messages = [];
    const notReady: string[] = [];
    await page.goto(stop.path);
    try {
      await expect(page.getByRole("heading", { level: 1 }).first()).toHaveText(stop.ready);
      // Let client components finish loading their data (skeletons are aria-busy).
      await expect(page.locator("[aria-busy=true]")).toHaveCount(0, { timeout: 15_000 });
      if (stop.open) await stop.open(page);
      // Let opening fades finish: axe measures colour contrast as drawn, half-faded included.
      await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))));
    } catch (error) {
      notReady.push(`not as expected: ${(error as Error).message.split("\n")[0]}`);
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const problems = [
      ...notReady,
      ...(width > viewport.width ? [`${width} px wide in a ${viewport.width} px window`] : []),
      ...axe.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} ${n.html.slice(0, 160)} (${n.failureSummary?.replace(/\s+/g, " ").slice(0, 200)})`).join(" | ")}`),
      // A page that is meant to be missing answers 404, which Chromium logs as a failed load.
      ...messages.filter((m) => !(stop.missing && /Failed to load resource: .*404/.test(m))),
    ];
    findings.push({ who, viewport: viewport.name, path: stop.path + (stop.open ? ` (${stop.open.name})` : ""), width, problems });
    if (SCREENSHOTS) {
      await mkdir(SCREENSHOTS, { recursive: true });
      const slug = `${who}-${viewport.width}-${String(index).padStart(2, "0")}-${stop.path.replace(/[^a-z0-9]+/gi, "_").slice(0, 40)}${stop.open ? `-${stop.open.name}` : ""}`;
      await page.screenshot({ path: `${SCREENSHOTS}/${slug}.png`, fullPage: true });
    }
    if (stop.open) await page.keyboard.press("Escape");
  }
  return findings;
}

function report(findings: Finding[]) {
  console.log(findings.map((f) => `${f.who} ${f.viewport} ${f.path}: ${f.width} px${f.problems.length ? `\n    ${f.problems.join("\n    ")}` : ""}`).join("\n"));
  expect(findings.filter((f) => f.problems.length > 0)).toEqual([]);
}

// The first sync of the whole run (this file sorts first and this test comes first in it).
test("the staff list is fresh when the sync says it finished", async ({ browser }) => {
  const admin = await signedInPage(browser, ADMIN);
  await admin.goto("/staff");
  await expect(admin.getByRole("heading", { name: "No staff yet" })).toBeVisible();
  // Records how many staff rows there are at the moment "Sync finished" first shows.
  await admin.evaluate(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector("[aria-label='Sync progress']")?.textContent?.includes("Sync finished")) return;
      document.body.dataset.staffAtFinish = String(document.querySelectorAll("table[aria-label='Staff'] tbody tr").length);
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await admin.getByRole("button", { name: "Sync Data", exact: true }).click();
  await expect(admin.getByRole("status", { name: "Sync progress" })).toContainText("Sync finished", { timeout: 60_000 });
  expect(Number(await admin.locator("body").getAttribute("data-staff-at-finish"))).toBeGreaterThan(0);
  await admin.context().close();
});

test("the keyboard skips the navigation, and whatever it focuses shows a ring", async ({ browser }) => {
  const page = await signedInPage(browser, ADMIN);
  await page.goto("/incidents");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  // The next Tab lands in the page (its first link or button), not back in the sidebar, and shows a 2 px outline.
  await page.keyboard.press("Tab");
  const focused = page.locator(":focus");
  await expect(focused).toHaveText(/Log incident/);
  expect(await focused.evaluate((element) => [getComputedStyle(element).outlineStyle, getComputedStyle(element).outlineWidth])).toEqual(["solid", "2px"]);
  await page.context().close();
});

test.describe("every page is accessible and fits the screen", () => {
  let data: Awaited<ReturnType<typeof prepareSchool>>;

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    data = await prepareSchool(browser);
  });

  for (const viewport of VIEWPORTS) {
    test(`as an admin at ${viewport.width} px`, async ({ browser }) => {
      test.setTimeout(300_000);
      const page = await signedInPage(browser, ADMIN, viewport);
      report(await audit(page, "admin", viewport, stops(data, "admin")));
    });

    test(`as a member of staff at ${viewport.width} px`, async ({ browser }) => {
      test.setTimeout(300_000);
      const page = await signedInPage(browser, TEACHER, viewport);
      report(await audit(page, "staff", viewport, stops(data, "staff")));
    });

    test(`signed out at ${viewport.width} px`, async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ viewport });
      report(await audit(await context.newPage(), "signed-out", viewport, signedOutStops(data.ackPath)));
    });
  }

  for (const viewport of VIEWPORTS) {
    test(`the trust's pages, as a trust admin and a trust viewer, at ${viewport.width} px`, async ({ browser }) => {
      test.setTimeout(360_000);
      const findings: Finding[] = [];
      for (const [who, user] of [["trust-admin", OAK_TRUST_ADMIN], ["trust-viewer", OAK_TRUST_VIEWER]] as const) {
        const page = await signedInPage(browser, user, viewport);
        findings.push(...(await audit(page, who, viewport, trustStops(who))));
        await page.context().close();
      }
      report(findings);
    });
  }

  test("in dark mode, the busiest pages at 390 px", async ({ browser }) => {
    test.setTimeout(180_000);
    const phone = VIEWPORTS[1];
    const page = await signedInPage(browser, ADMIN, phone, "dark");
    const busiest = ["/", "/staff", "/incidents", `/incidents/${data.incidentId}`, "/incidents/new", "/matching", "/activity"];
    report(await audit(page, "admin-dark", phone, stops(data, "admin").filter((stop) => busiest.includes(stop.path) && !stop.open)));
  });
});
