// The OpenID Connect provider at /oidc (discovery, JWKS, authorization, token, userinfo, logout,
// and Staffroom's sign-in interaction); see server/oidc/forward.ts for why it is forwarded.
import { db } from "@/server/db";
import { forwardToProvider } from "@/server/oidc/forward";

export const dynamic = "force-dynamic";

const forward = (request: Request) => forwardToProvider(db, request);
export { forward as GET, forward as POST, forward as OPTIONS, forward as HEAD };
