// A real OpenID Connect provider on localhost (oauth2-mock-server) standing in
// for Google or Microsoft. Auth.js's own provider code talks to it (discovery,
// authorization code + PKCE, signed ID token); the test decides whose identity
// the next token carries by POSTing claims to /__test/identity.
import { createServer } from "node:http";
import { Events, OAuth2Server } from "oauth2-mock-server";

export type IdentityClaims = { sub: string; email?: string; email_verified?: boolean; name?: string; [claim: string]: unknown };

export type OidcProvider = { issuer: string; setIdentity(claims: IdentityClaims): void; stop(): Promise<void> };

export const IDENTITY_PATH = "/__test/identity";

export async function startOidcProvider(port: number, host = "127.0.0.1"): Promise<OidcProvider> {
  const oauth = new OAuth2Server();
  await oauth.issuer.keys.generate("RS256");
  const issuer = `http://${host}:${port}`;
  oauth.issuer.url = issuer;
  let identity: IdentityClaims | null = null;
  // `on`, not `once`: every exchange signs two tokens (access and ID).
  oauth.service.on(Events.BeforeTokenSigning, (token: { payload: Record<string, unknown> }) => {
    if (identity) Object.assign(token.payload, identity);
  });

  const handler = oauth.service.requestHandler;
  const server = createServer((req, res) => {
    if (req.url === IDENTITY_PATH && req.method === "POST") {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        identity = JSON.parse(body) as IdentityClaims;
        res.writeHead(204).end();
      });
      return;
    }
    handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  return {
    issuer,
    setIdentity: (claims) => {
      identity = claims;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
