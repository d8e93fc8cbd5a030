import type { NextAuthConfig } from "next-auth";
import Google from "next-auth/providers/google";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { env, type Env } from "../env";
import { microsoftIssuer } from "./sso-config";

type Provider = NextAuthConfig["providers"][number];

/**
 * Google and Microsoft as Auth.js providers, only when configured. The issuers
 * can be pointed at any OIDC server (tests use a local one); everything else is
 * Auth.js's own provider code.
 */
export function ssoAuthProviders(e: Env = env): Provider[] {
  const providers: Provider[] = [];
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    providers.push(
      Google({ clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET, ...(e.AUTH_GOOGLE_ISSUER ? { issuer: e.AUTH_GOOGLE_ISSUER } : {}) }),
    );
  }
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET) {
    providers.push(
      MicrosoftEntraID({
        clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        issuer: microsoftIssuer(e),
        // The default profile() downloads the user's photo from Microsoft Graph
        // on every sign-in; Staffroom does not need it (photos come from the MIS).
        profile(profile) {
          const email = typeof profile.email === "string" ? profile.email : null;
          return { id: profile.sub, name: profile.name ?? null, email, image: null };
        },
      }),
    );
  }
  return providers;
}
