// Resend's delivery webhooks, signed Svix-style (svix-id, svix-timestamp, svix-signature:
// HMAC-SHA256 over "id.timestamp.body" keyed by the whsec_ secret). The resend SDK's own
// verifier checks the signature with a timing-safe compare and refuses stale timestamps.
import { Resend } from "resend";
import type { Db } from "../db";
import { applyResendEvent, type ResendEvent } from "./notifications";

export type WebhookResult = { status: number; body: Record<string, unknown> };

export async function handleResendWebhook(db: Db, request: Request, secret: string | undefined): Promise<WebhookResult> {
  if (!secret) return { status: 503, body: { error: "The Resend webhook is not configured (RESEND_WEBHOOK_SECRET)." } };
  const payload = await request.text();
  const header = (name: string) => request.headers.get(`svix-${name}`) ?? request.headers.get(`webhook-${name}`) ?? "";
  let event: ResendEvent;
  try {
    // The API key is not used to verify; the SDK only insists on having one.
    event = new Resend("re_webhook_verification").webhooks.verify({ payload, headers: { id: header("id"), timestamp: header("timestamp"), signature: header("signature") }, webhookSecret: secret }) as ResendEvent;
  } catch {
    return { status: 401, body: { error: "Invalid signature." } };
  }
  const result = await applyResendEvent(db, event);
  return { status: 200, body: result };
}
