import { env, type Env } from "../env";

/** The SSO providers Staffroom knows, by Auth.js provider id. */
export const SSO_PROVIDERS = {
  google: { label: "Google" },
  "microsoft-entra-id": { label: "Microsoft" },
} as const;

export type SsoProviderId = keyof typeof SSO_PROVIDERS;

export function isSsoProviderId(value: string): value is SsoProviderId {
  return Object.hasOwn(SSO_PROVIDERS, value);
}

export function ssoLabel(provider: string): string {
  return isSsoProviderId(provider) ? SSO_PROVIDERS[provider].label : provider;
}

const MICROSOFT_DEFAULT_ISSUER = "https://login.microsoftonline.com/common/v2.0";

export function microsoftIssuer(e: Env = env): string {
  return e.AUTH_MICROSOFT_ENTRA_ID_ISSUER ?? MICROSOFT_DEFAULT_ISSUER;
}

/**
 * The multi-tenant Entra endpoints accept any organisation's accounts, and
 * another organisation's admin can put any address in a user's `email` claim,
 * so those emails are not proof of ownership ("nOAuth").
 */
export function isMultiTenantMicrosoftIssuer(issuer: string): boolean {
  return /\/(common|organizations|consumers)\/v2\.0\/?$/.test(issuer);
}

/** Providers with both client id and secret set: only these get a sign-in button. */
export function configuredSsoProviders(e: Env = env): { id: SsoProviderId; label: string }[] {
  const list: { id: SsoProviderId; label: string }[] = [];
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) list.push({ id: "google", label: SSO_PROVIDERS.google.label });
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET)
    list.push({ id: "microsoft-entra-id", label: SSO_PROVIDERS["microsoft-entra-id"].label });
  return list;
}
