// A local stand-in for Resend's HTTP API: records what the real `resend` SDK
// POSTs to /emails and answers as Resend does ({ id }). GET /emails lists the
// recorded bodies (newest last) so a test in another process can read them;
// DELETE /emails forgets them.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type RecordedEmail = { id: string; authorization: string | null; from: string; to: string | string[]; subject: string; html: string; text: string };

export type ResendStandIn = { url: string; emails: RecordedEmail[]; stop(): Promise<void> };

async function readJson(req: IncomingMessage): Promise<unknown> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return JSON.parse(body || "{}");
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export async function startResendStandIn(port = 0, host = "127.0.0.1"): Promise<ResendStandIn> {
  const emails: RecordedEmail[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      if (req.url === "/emails" && req.method === "POST") {
        const body = (await readJson(req)) as Omit<RecordedEmail, "id" | "authorization">;
        if (!body.to || !body.from || !body.subject) return send(res, 422, { name: "validation_error", message: "to, from and subject are required", statusCode: 422 });
        const id = randomUUID();
        emails.push({ ...body, id, authorization: req.headers.authorization ?? null });
        return send(res, 200, { id });
      }
      if (req.url === "/emails" && req.method === "GET") return send(res, 200, emails);
      if (req.url === "/emails" && req.method === "DELETE") {
        emails.length = 0;
        return send(res, 200, {});
      }
      send(res, 404, { name: "not_found", message: "Not found", statusCode: 404 });
    })().catch((error: unknown) => send(res, 500, { name: "application_error", message: String(error), statusCode: 500 }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const { port: actualPort } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actualPort}`,
    emails,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The first link in an email's plain text that contains `path`, e.g. "/reset-password/". */
export function linkIn(email: { text: string }, path: string): string {
  const link = email.text.match(/https?:\/\/[^\s\]>)]+/g)?.find((url) => url.includes(path));
  if (!link) throw new Error(`No ${path} link in the email:\n${email.text}`);
  return link;
}
