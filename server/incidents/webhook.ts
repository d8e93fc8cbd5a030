// Resend's delivery webhooks, signed Svix-style (svix-id, svix-timestamp, svix-signature:
// HMAC-SHA256 over "id.timestamp.body" keyed by the whsec_ secret). The resend SDK's own
// verifier checks the signature with a timing-safe compare and refuses stale timestamps.
import { Resend } from "resend";
import { z } from "zod";
import type { Db } from "../db";
import { outsideText } from "../http/clean-text";
import { BodyTooLarge, readTextWithin, WEBHOOK_BODY_LIMIT } from "../http/body-limit";
import { applyResendEvent } from "./notifications";

/** The fields we use of a Resend event, read liberally; an id that isn't a string is refused. */
const resendEvent = z.object({
  type: z.string().max(100),
  created_at: z.string().max(100).optional().catch(undefined),
  data: z
    .object({
      email_id: z.string().min(1).max(200).optional(),
      bounce: z.object({ message: outsideText(500).optional() }).optional().catch(undefined),
    })
    .optional(),
});

export type WebhookResult = { status: number; body: Record<string, unknown> };

export async function handleResendWebhook(db: Db, request: Request, secret: string | undefined): Promise<WebhookResult> {
  if (!secret) return { status: 503, body: { error: "The Resend webhook is not configured (RESEND_WEBHOOK_SECRET)." } };
  let payload: string;
  try {
    payload = await readTextWithin(request, WEBHOOK_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLarge) return { status: 413, body: { error: error.message } };
    throw error;
  }
  const header = (name: string) => request.headers.get(`svix-${name}`) ?? request.headers.get(`webhook-${name}`) ?? "";
  let verified: unknown;
  try {
    // The API key is not used to verify; the SDK only insists on having one.
    verified = new Resend("re_webhook_verification").webhooks.verify({ payload, headers: { id: header("id"), timestamp: header("timestamp"), signature: header("signature") }, webhookSecret: secret });
  } catch {
    return { status: 401, body: { error: "Invalid signature." } };
  }
  const event = resendEvent.safeParse(verified);
  if (!event.success) return { status: 422, body: { error: "Unrecognised event." } };
  const result = await applyResendEvent(db, event.data);
  return { status: 200, body: result };
}
