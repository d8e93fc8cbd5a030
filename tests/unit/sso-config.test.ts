// Which Google/Microsoft providers exist and how they are set up, which Microsoft issuers make an
// email proof of ownership, what a provider's identity becomes, and the edges of safeRedirect
// (written for the auth-sso mutation part; see tests/MUTANTS.md).
import { describe, expect, it } from "vitest";
import type { Env } from "@/server/env";
import { ssoAuthProviders } from "@/server/auth/providers";
import { safeRedirect, signInPathReturningTo } from "@/server/auth/redirect";
import { identityFromProvider } from "@/server/auth/sso";
import { configuredSsoProviders, isMultiTenantMicrosoftIssuer, isSsoProviderId, microsoftIssuer, ssoLabel } from "@/server/auth/sso-config";

const envWith = (values: Partial<Env>) => values as Env;
const GOOGLE = { AUTH_GOOGLE_ID: "g-id", AUTH_GOOGLE_SECRET: "g-secret" };
const MICROSOFT = { AUTH_MICROSOFT_ENTRA_ID_ID: "m-id", AUTH_MICROSOFT_ENTRA_ID_SECRET: "m-secret" };

describe("SSO configuration", () => {
  it("labels the providers it knows, and names any other by its id", () => {
    expect(ssoLabel("google")).toBe("Google");
    expect(ssoLabel("microsoft-entra-id")).toBe("Microsoft");
    expect(ssoLabel("github")).toBe("github");
    // Inherited object keys are not providers.
    expect(isSsoProviderId("toString")).toBe(false);
    expect(ssoLabel("constructor")).toBe("constructor");
    expect(isSsoProviderId("google")).toBe(true);
  });

  it("offers a button only for a provider with both its id and its secret", () => {
    expect(configuredSsoProviders(envWith({}))).toEqual([]);
    expect(configuredSsoProviders(envWith({ AUTH_GOOGLE_ID: "g-id" }))).toEqual([]);
    expect(configuredSsoProviders(envWith({ AUTH_GOOGLE_SECRET: "g-secret", AUTH_MICROSOFT_ENTRA_ID_ID: "m-id" }))).toEqual([]);
    expect(configuredSsoProviders(envWith({ AUTH_MICROSOFT_ENTRA_ID_SECRET: "m-secret" }))).toEqual([]);
    expect(configuredSsoProviders(envWith({ ...GOOGLE, ...MICROSOFT }))).toEqual([
      { id: "google", label: "Google" },
      { id: "microsoft-entra-id", label: "Microsoft" },
    ]);
    expect(configuredSsoProviders(envWith(MICROSOFT))).toEqual([{ id: "microsoft-entra-id", label: "Microsoft" }]);
  });

  it("uses Microsoft's multi-tenant issuer unless one is set, and knows which issuers are multi-tenant", () => {
    expect(microsoftIssuer(envWith({}))).toBe("https://login.microsoftonline.com/common/v2.0");
    expect(microsoftIssuer(envWith({ AUTH_MICROSOFT_ENTRA_ID_ISSUER: "https://login.microsoftonline.com/tenant-1/v2.0" }))).toBe("https://login.microsoftonline.com/tenant-1/v2.0");
    for (const tenant of ["common", "organizations", "consumers"]) {
      expect(isMultiTenantMicrosoftIssuer(`https://login.microsoftonline.com/${tenant}/v2.0`)).toBe(true);
      expect(isMultiTenantMicrosoftIssuer(`https://login.microsoftonline.com/${tenant}/v2.0/`)).toBe(true);
    }
    for (const issuer of [
      "https://login.microsoftonline.com/0d9e5a4b-tenant/v2.0",
      "https://login.microsoftonline.com/notcommon/v2.0",
      "https://login.microsoftonline.com/common/v2.0/extra",
      "https://login.microsoftonline.com/common/v2x0",
      "https://login.microsoftonline.com/common/v1.0",
    ])
      expect(isMultiTenantMicrosoftIssuer(issuer)).toBe(false);
  });

  it("builds Auth.js providers only when configured, pointing them at the configured issuers", () => {
    expect(ssoAuthProviders(envWith({}))).toEqual([]);
    expect(ssoAuthProviders(envWith({ AUTH_GOOGLE_ID: "g-id", AUTH_MICROSOFT_ENTRA_ID_SECRET: "m-secret" }))).toEqual([]);
    const [google] = ssoAuthProviders(envWith(GOOGLE)) as unknown as [{ id: string; options: Record<string, unknown> }];
    expect(google.id).toBe("google");
    expect(google.options).toEqual({ clientId: "g-id", clientSecret: "g-secret" });
    const [pointed] = ssoAuthProviders(envWith({ ...GOOGLE, AUTH_GOOGLE_ISSUER: "http://127.0.0.1:9100" })) as unknown as [{ options: Record<string, unknown> }];
    expect(pointed.options).toEqual({ clientId: "g-id", clientSecret: "g-secret", issuer: "http://127.0.0.1:9100" });

    const providers = ssoAuthProviders(envWith({ ...GOOGLE, ...MICROSOFT, AUTH_MICROSOFT_ENTRA_ID_ISSUER: "http://127.0.0.1:9200" })) as { id: string; options: Record<string, unknown> }[];
    expect(providers.map((p) => p.id)).toEqual(["google", "microsoft-entra-id"]);
    const microsoft = providers[1]!;
    expect(microsoft.options).toMatchObject({ clientId: "m-id", clientSecret: "m-secret", issuer: "http://127.0.0.1:9200" });
    // No photo download: the profile is the ID token's own claims.
    const profile = microsoft.options.profile as (p: Record<string, unknown>) => unknown;
    expect(profile({ sub: "m-1", name: "Ada", email: "ada@school.example" })).toEqual({ id: "m-1", name: "Ada", email: "ada@school.example", image: null });
    expect(profile({ sub: "m-2", email: 42 })).toEqual({ id: "m-2", name: null, email: null, image: null });
    const [defaultIssuer] = ssoAuthProviders(envWith(MICROSOFT)) as unknown as [{ options: Record<string, unknown> }];
    expect(defaultIssuer.options.issuer).toBe("https://login.microsoftonline.com/common/v2.0");
  });
});

describe("the identity a provider asserts", () => {
  const google = { provider: "google", providerAccountId: "g-1" };
  const microsoft = { provider: "microsoft-entra-id", providerAccountId: "m-1" };
  const SINGLE = "https://login.microsoftonline.com/tenant-1/v2.0";

  it("takes the email and name only when they are text", () => {
    expect(identityFromProvider(google, { email: "a@school.example", email_verified: true, name: "Ada" })).toEqual({ provider: "google", providerAccountId: "g-1", email: "a@school.example", emailVerified: true, name: "Ada" });
    expect(identityFromProvider(google, { email: ["a@school.example"], email_verified: true, name: 7 })).toEqual({ provider: "google", providerAccountId: "g-1", email: null, emailVerified: false, name: null });
    expect(identityFromProvider(google, undefined)).toEqual({ provider: "google", providerAccountId: "g-1", email: null, emailVerified: false, name: null });
  });

  it("trusts Google's email_verified only when it is true itself, and no email at all from other providers", () => {
    expect(identityFromProvider(google, { email: "a@school.example", email_verified: "true" }).emailVerified).toBe(false);
    expect(identityFromProvider(google, { email: "a@school.example", email_verified: true }, SINGLE).emailVerified).toBe(true);
    expect(identityFromProvider({ provider: "github", providerAccountId: "x" }, { email: "a@school.example", email_verified: true }, SINGLE).emailVerified).toBe(false);
    // Microsoft: a single-tenant issuer is enough; a multi-tenant one needs xms_edov to be true itself.
    expect(identityFromProvider(microsoft, { email: "a@school.example" }, SINGLE).emailVerified).toBe(true);
    expect(identityFromProvider(microsoft, { email: "a@school.example", xms_edov: "true" }, "https://login.microsoftonline.com/common/v2.0").emailVerified).toBe(false);
    expect(identityFromProvider(microsoft, { xms_edov: true }, SINGLE).emailVerified).toBe(false);
  });
});

describe("safeRedirect's edges", () => {
  const base = "https://staffroom.example.org";
  it("takes a path up to 2,048 characters, no longer", () => {
    const path = `/${"a".repeat(2047)}`;
    expect(safeRedirect(path)).toBe(path);
    expect(safeRedirect(`${path}b`)).toBe("/");
  });
  it("treats every loopback name on one port as this site, and no other host", () => {
    expect(safeRedirect("http://127.1.2.3:3100/x", "http://localhost:3100")).toBe("/x");
    expect(safeRedirect("http://[::1]:3100/x", "http://127.0.0.1:3100")).toBe("/x");
    expect(safeRedirect("http://localhost:3100/x", "http://[::1]:3100")).toBe("/x");
    expect(safeRedirect("http://localhost.evil.example:3100/x", "http://localhost:3100")).toBe("/");
    expect(safeRedirect("http://127.0.0.1:3100/x", "http://staffroom.example.org:3100")).toBe("/");
    expect(safeRedirect("http://127.0.0.1.evil.example:3100/x", "http://localhost:3100")).toBe("/");
  });
  it("refuses an absolute URL with a user name, a password, or a control character, and text that does not decode", () => {
    expect(safeRedirect("https://user@staffroom.example.org/staff", base)).toBe("/");
    expect(safeRedirect("https://:secret@staffroom.example.org/staff", base)).toBe("/");
    expect(safeRedirect("https://staffroom.example.org/\u0085staff", base)).toBe("/");
    expect(safeRedirect("https://staffroom.example.org/sta\u007fff", base)).toBe("/");
    expect(safeRedirect("/staff%E0%A4%A", base)).toBe("/");
    expect(safeRedirect("https://staffroom.example.org/staff?q=%E0%A4%A", base)).toBe("/");
  });
  it("refuses a path that only becomes another site once resolved", () => {
    expect(safeRedirect("/a/..//evil.example")).toBe("/");
    expect(safeRedirect("/staff/../\\evil.example")).toBe("/");
  });
  it("returns to a safe path after sign-in, with the path as callbackUrl", () => {
    expect(signInPathReturningTo(undefined)).toBe("/sign-in");
    expect(signInPathReturningTo("/incidents#new")).toBe("/sign-in?callbackUrl=%2Fincidents%23new");
  });
});
