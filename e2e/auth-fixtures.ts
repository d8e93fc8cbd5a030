// Sign-in stand-ins and people for the SSO, password and matching specs.
// Ports follow E2E_PORT (3100 → 4121-4123), so the Playwright process can reach the
// stand-ins that e2e/server.ts starts, and two e2e runs on different ports don't collide.
import { IDENTITY_PATH, type IdentityClaims } from "../tests/helpers/oidc-provider";
import type { RecordedEmail } from "../tests/helpers/resend-stand-in";

const base = Number(process.env.E2E_PORT ?? 3100) + 1020;
export const GOOGLE_OIDC_PORT = base + 1;
export const MICROSOFT_OIDC_PORT = base + 2;
export const RESEND_PORT = base + 3;

/**
 * A school of its own, not connected to Wonde, so no sync in another spec archives these
 * staff (as it would: they are not in the emulated MIS).
 */
export const AUTH_SCHOOL = { name: "Elmwood Academy", domain: "elmwood.example" } as const;
export const AUTH_ADMIN = { name: "Elmwood Admin", email: "admin@elmwood.example", password: "elmwood-e2e-password-1" } as const;

/** Staff the e2e server creates (as the sync would) with accounts and, for some, linked identities. */
export const STAFF = {
  grace: { forename: "Grace", surname: "Hopper", email: "grace.hopper@elmwood.example", google: "google-sub-grace" },
  alan: { forename: "Alan", surname: "Turing", email: "alan.turing@elmwood.example", microsoft: "ms-sub-alan" },
  charlie: { forename: "Charlie", surname: "Brown", email: "charlie.brown@elmwood.example" },
  rosa: { forename: "Rosa", surname: "Parks", email: "rosa.parks@elmwood.example" },
} as const;

/** A reset link the server seeds already expired (an hour and a minute old). */
export const EXPIRED_RESET_TOKEN = "e2e-expired-reset-token-0123456789abcdefghij";

export async function signInNextAs(provider: "google" | "microsoft", claims: IdentityClaims) {
  const port = provider === "google" ? GOOGLE_OIDC_PORT : MICROSOFT_OIDC_PORT;
  const response = await fetch(`http://127.0.0.1:${port}${IDENTITY_PATH}`, { method: "POST", body: JSON.stringify(claims) });
  if (!response.ok) throw new Error(`The ${provider} stand-in refused the identity: ${response.status}`);
}

/** Emails the app sent through Resend's SDK to the stand-in, oldest first. */
export async function sentEmails(): Promise<RecordedEmail[]> {
  const response = await fetch(`http://127.0.0.1:${RESEND_PORT}/emails`);
  return (await response.json()) as RecordedEmail[];
}
