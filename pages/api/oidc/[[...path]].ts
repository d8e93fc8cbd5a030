// The OpenID Connect provider, mounted at /oidc (next.config.mjs rewrites it here). A Pages API
// route because oidc-provider needs Node's req/res, which only these routes are given.
import type { NextApiRequest, NextApiResponse } from "next";
import { db } from "@/server/db";
import { handleOidcRequest } from "@/server/oidc/handler";

// oidc-provider reads the request body itself.
export const config = { api: { bodyParser: false, externalResolver: true } };

export default function oidc(req: NextApiRequest, res: NextApiResponse) {
  return handleOidcRequest(db, req, res);
}
