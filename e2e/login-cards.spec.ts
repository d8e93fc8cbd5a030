import jsQR from "jsqr";
import { expect, test } from "@playwright/test";
import { pdfImages } from "../tests/helpers/pdf-images";
import { CARDS_CLASS, CARDS_PUPIL, CARDS_SCHOOL, CARDS_TEACHER, PUPIL_TILE } from "./launcher-fixtures";

// MyLogin's hand-out: a teacher prints the login cards for their class, a pupil types the
// password from their card, and lands on their launcher ("My apps"), where a tile opens its app.

test("a teacher prints login cards for their class, and a pupil signs in with the password and lands on the launcher", async ({ browser }) => {
  const teacher = await (await browser.newContext()).newPage();
  await teacher.goto("/sign-in");
  await teacher.getByLabel("Email", { exact: true }).fill(CARDS_TEACHER.email);
  await teacher.getByLabel("Password").fill(CARDS_TEACHER.password);
  await teacher.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(teacher.getByRole("heading", { level: 1, name: CARDS_SCHOOL })).toBeVisible({ timeout: 30_000 });

  await teacher.goto("/settings/pupil-sign-in");
  await teacher.getByRole("combobox", { name: "Cards for a class" }).click();
  await teacher.getByRole("option", { name: CARDS_CLASS }).click();
  await teacher.getByRole("radio", { name: "8" }).check();
  const link = teacher.getByRole("link", { name: "Open login cards (PDF)" });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/api\/login-cards\?.*classId=.*perPage=8/);
  // The PDF the link opens, with the teacher's session: the pupil's card, its QR the pupil's badge sign-in URL.
  const pdf = await teacher.request.get(href!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const qrs = pdfImages(Buffer.from(await pdf.body())).map((image) => jsQR(image.rgba, image.width, image.height)?.data);
  expect(qrs).toEqual([expect.stringMatching(new RegExp(`/sign-in/badge#${CARDS_PUPIL.badgeSecret}$`))]);
  await teacher.context().close();

  // The pupil, on a phone-sized screen, with the password from the card.
  const pupil = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await pupil.goto("/sign-in");
  await pupil.getByRole("link", { name: "Pupil? Sign in here" }).click();
  await pupil.getByLabel("Username").fill(CARDS_PUPIL.username);
  await pupil.getByLabel("Password").fill(CARDS_PUPIL.password);
  await pupil.getByRole("button", { name: "Sign in" }).click();
  await expect(pupil).toHaveURL(/\/launcher$/, { timeout: 30_000 });
  await expect(pupil.getByRole("heading", { level: 1, name: "My apps" })).toBeVisible();
  const tiles = pupil.getByRole("list", { name: "Apps" }).getByRole("link");
  // Their year group's tile only; no staff navigation and nothing to go back to.
  await expect(tiles).toHaveCount(1);
  await expect(tiles.first()).toHaveAccessibleName(PUPIL_TILE.name);
  await expect(pupil.getByRole("navigation", { name: "Main navigation" })).toHaveCount(0);
  await expect(pupil.getByRole("link", { name: "Back to Staffroom" })).toHaveCount(0);
  expect(await pupil.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The tile counts the launch and sends the pupil to the app's saved address.
  const launch = await pupil.request.get((await tiles.first().getAttribute("href"))!, { maxRedirects: 0 });
  expect(launch.status()).toBe(303);
  expect(launch.headers()["location"]).toBe(PUPIL_TILE.url);
  await pupil.context().close();
});
