// The apps that sign users in through Staffroom, as oidc-provider sees them. Client secrets are
// 32 random bytes shown once; only their SHA-256 is stored (a slow hash adds nothing to a secret
// that long), and the token endpoint compares hashes (see hashPresentedSecret in handler.ts).
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";

/** Scopes every app may ask for; `classes` and `year_group` only when the admin allows them. */
export const BASE_SCOPES = ["openid", "profile", "email", "offline_access"] as const;
export const OPTIONAL_SCOPES = ["classes", "year_group"] as const;
export type OptionalScope = (typeof OPTIONAL_SCOPES)[number];

export const newClientId = () => `app_${randomBytes(12).toString("base64url")}`;
export const newClientSecret = () => randomBytes(32).toString("base64url");
export const hashClientSecret = (secret: string) => createHash("sha256").update(secret, "utf8").digest("hex");

/**
 * A registered, live app's metadata in oidc-provider's terms; null for an unknown or removed one.
 * Its initiate-login address isn't here: only the launcher tile uses it (and an app on this
 * machine may use http there, which oidc-provider would refuse).
 */
export async function clientMetadata(db: Db, clientId: string) {
  const client = await db.oidcClient.findFirst({ where: { id: clientId, archivedAt: null } });
  if (!client) return null;
  return {
    client_id: client.id,
    client_name: client.name,
    client_secret: client.secretHash,
    token_endpoint_auth_method: "client_secret_basic",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    redirect_uris: client.redirectUris,
    post_logout_redirect_uris: client.postLogoutRedirectUris,
    scope: [...BASE_SCOPES, ...client.scopes.filter((s) => (OPTIONAL_SCOPES as readonly string[]).includes(s))].join(" "),
    subject_type: client.pairwiseSubject ? "pairwise" : "public",
    ...(client.backchannelLogoutUri ? { backchannel_logout_uri: client.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
  };
}
