import { createHmac, randomBytes } from "node:crypto";

export const RESEND_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64")}`;

/** A Resend (Svix-style) signed webhook request; `body` overrides the JSON of `event`. */
export function signedResendWebhook(event: unknown, options: { secret?: string; timestamp?: number; tamper?: boolean; body?: string } = {}) {
  const body = options.body ?? JSON.stringify(event);
  const id = `msg_${randomBytes(8).toString("hex")}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from((options.secret ?? RESEND_WEBHOOK_SECRET).slice("whsec_".length), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return new Request("http://localhost/api/webhooks/resend", {
    method: "POST",
    body: options.tamper ? body.replace("delivered", "bounced") : body,
    headers: { "content-type": "application/json", "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` },
  });
}
