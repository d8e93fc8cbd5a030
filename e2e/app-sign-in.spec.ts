// Staffroom signs a pupil in to a school app end to end: an admin registers the app in
// Settings → Apps (OpenID Connect), a tiny relying party (openid-client, on a port of its own)
// takes the client id and the once-shown secret, and a pupil who clicks the app's launcher tile
// lands in the app signed in, the app showing their Staffroom `sub` and name.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import * as client from "openid-client";
import { ROWAN_ADMIN, ROWAN_PUPIL, ROWAN_SCHOOL } from "./app-sign-in-fixtures";

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The app: /login starts the sign-in (code + PKCE), /callback finishes it and shows who signed in. */
async function startRelyingParty(issuer: string) {
  const registration = { clientId: "", clientSecret: "" };
  const pending = new Map<string, string>(); // state → PKCE verifier
  let origin = "";
  const config = () =>
    client.discovery(new URL(issuer), registration.clientId, { redirect_uris: [`${origin}/callback`] }, client.ClientSecretBasic(registration.clientSecret), { execute: [client.allowInsecureRequests] });
  const page = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!DOCTYPE html><html lang="en"><head><title>Rowan Maths</title></head><body><main>${body}</main></body></html>`);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/login") {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      pending.set(state, verifier);
      const to = client.buildAuthorizationUrl(await config(), {
        redirect_uri: `${origin}/callback`,
        scope: "openid profile",
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
      });
      res.writeHead(302, { location: to.href });
      return res.end();
    }
    if (url.pathname === "/callback") {
      const state = url.searchParams.get("state") ?? "";
      const tokens = await client.authorizationCodeGrant(await config(), url, { pkceCodeVerifier: pending.get(state), expectedState: state });
      const claims = tokens.claims()!;
      return page(res, 200, `<h1>Signed in to Rowan Maths</h1><p>Your id: <span data-testid="sub">${escape(String(claims.sub))}</span></p><p>Name: <span data-testid="name">${escape(String(claims.name))}</span></p>`);
    }
    page(res, 404, "<h1>Not found</h1>");
  };
  const server = createServer((req, res) => void handle(req, res).catch((error: unknown) => page(res, 500, `<h1>Sign-in failed</h1><pre>${escape(String(error))}</pre>`)));
  // Port 0: whatever the system gives, so parallel e2e runs never collide.
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, registration, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test("a pupil clicks an app's launcher tile and the app signs them in through Staffroom", async ({ browser, baseURL }) => {
  const app = await startRelyingParty(`${baseURL}/oidc`);
  try {
    // The admin registers the app: a tile for pupils that signs in through Staffroom.
    const admin = await (await browser.newContext()).newPage();
    await admin.goto("/sign-in");
    await admin.getByLabel("Email", { exact: true }).fill(ROWAN_ADMIN.email);
    await admin.getByLabel("Password").fill(ROWAN_ADMIN.password);
    await admin.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(admin.getByRole("heading", { level: 1, name: ROWAN_SCHOOL })).toBeVisible({ timeout: 30_000 });
    await admin.goto("/settings/apps");
    await admin.getByRole("button", { name: "Add an app" }).click();
    const form = admin.getByRole("form", { name: "Add an app" });
    await form.getByLabel("Name").fill("Rowan Maths");
    await form.getByLabel("Icon (an emoji)").fill("➗");
    await form.getByLabel("Web address").fill(`${app.origin}/`);
    await form.getByRole("checkbox", { name: "Pupils" }).click();
    await form.getByRole("checkbox", { name: /sign in to this app with their Staffroom account/ }).click();
    await form.getByLabel("Redirect URIs (one per line)").fill(`${app.origin}/callback`);
    await form.getByLabel("The app's sign-in start address (optional)").fill(`${app.origin}/login`);
    await form.getByRole("button", { name: "Add app" }).click();
    // The secret is shown once: the app's administrator copies it into the app.
    await expect(admin.getByText("Copy the client secret now")).toBeVisible();
    app.registration.clientId = (await admin.getByTestId("oidc-client-id").textContent())!.trim();
    app.registration.clientSecret = (await admin.getByTestId("oidc-client-secret").textContent())!.trim();
    expect(app.registration.clientSecret).toMatch(/^[\w-]{40,}$/);
    await admin.getByRole("button", { name: "I've copied it" }).click();
    await expect(admin.getByText("Copy the client secret now")).toHaveCount(0);
    await admin.context().close();

    // The pupil signs in to Staffroom on a phone, and opens the app from the launcher.
    const pupil = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await pupil.goto("/sign-in/pupil");
    await pupil.getByLabel("Username").fill(ROWAN_PUPIL.username);
    await pupil.getByLabel("Password").fill(ROWAN_PUPIL.password);
    await pupil.getByRole("button", { name: "Sign in" }).click();
    await expect(pupil).toHaveURL(/\/launcher$/, { timeout: 30_000 });
    await pupil.getByRole("list", { name: "Apps" }).getByRole("link", { name: "Rowan Maths" }).click();
    await expect(pupil.getByRole("heading", { name: "Signed in to Rowan Maths" })).toBeVisible({ timeout: 30_000 });
    expect(new URL(pupil.url()).origin).toBe(app.origin);
    await expect(pupil.getByTestId("sub")).toHaveText(ROWAN_PUPIL.personId);
    await expect(pupil.getByTestId("name")).toHaveText(`${ROWAN_PUPIL.forename} ${ROWAN_PUPIL.surname}`);
    await pupil.context().close();

    // Signed out, starting at the app: Staffroom's sign-in page, the pupil sign-in, and back to the app.
    const fresh = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await fresh.goto(`${app.origin}/login`);
    await expect(fresh).toHaveURL(/\/sign-in\?callbackUrl=%2Foidc%2Finteraction%2F/);
    await fresh.getByRole("link", { name: "Pupil? Sign in here" }).click();
    await fresh.getByLabel("Username").fill(ROWAN_PUPIL.username);
    await fresh.getByLabel("Password").fill(ROWAN_PUPIL.password);
    await fresh.getByRole("button", { name: "Sign in" }).click();
    await expect(fresh.getByRole("heading", { name: "Signed in to Rowan Maths" })).toBeVisible({ timeout: 30_000 });
    await expect(fresh.getByTestId("sub")).toHaveText(ROWAN_PUPIL.personId);
    await fresh.context().close();
  } finally {
    await app.close();
  }
});
