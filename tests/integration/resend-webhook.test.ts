import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { handleResendWebhook } from "@/server/incidents/webhook";
import { RESEND_WEBHOOK_SECRET, signedResendWebhook } from "../helpers/resend-webhook";

// What Resend's delivery webhook answers for each way a request can go wrong, and that the
// Standard Webhooks header names (webhook-id, -timestamp, -signature) work as the svix- ones do.

describe("Resend delivery webhook", () => {
  afterAll(() => db.$disconnect());

  const delivered = { type: "email.delivered", data: { email_id: "re_unknown_to_us" } };

  it("answers 503 naming the missing setting when no secret is configured", async () => {
    expect(await handleResendWebhook(db, signedResendWebhook(delivered), undefined)).toEqual({
      status: 503,
      body: { error: "The Resend webhook is not configured (RESEND_WEBHOOK_SECRET)." },
    });
  });

  it("answers 413 with the limit when the body is over 256 KB", async () => {
    const request = signedResendWebhook(null, { body: JSON.stringify({ type: "email.sent", padding: "x".repeat(300 * 1024) }) });
    expect(await handleResendWebhook(db, request, RESEND_WEBHOOK_SECRET)).toEqual({ status: 413, body: { error: "The request body is larger than 256 KB." } });
  });

  it("answers 401 Invalid signature for a tampered body, and for a request without signature headers", async () => {
    expect(await handleResendWebhook(db, signedResendWebhook(delivered, { tamper: true }), RESEND_WEBHOOK_SECRET)).toEqual({ status: 401, body: { error: "Invalid signature." } });
    const unsigned = new Request("http://localhost/api/webhooks/resend", { method: "POST", body: JSON.stringify(delivered) });
    expect(await handleResendWebhook(db, unsigned, RESEND_WEBHOOK_SECRET)).toEqual({ status: 401, body: { error: "Invalid signature." } });
  });

  it("answers 422 Unrecognised event for a signed event without a type", async () => {
    expect(await handleResendWebhook(db, signedResendWebhook({ data: {} }), RESEND_WEBHOOK_SECRET)).toEqual({ status: 422, body: { error: "Unrecognised event." } });
  });

  it("accepts the Standard Webhooks header names as well as Svix's", async () => {
    const svix = signedResendWebhook(delivered);
    const headers = new Headers({ "content-type": "application/json" });
    for (const name of ["id", "timestamp", "signature"]) headers.set(`webhook-${name}`, svix.headers.get(`svix-${name}`)!);
    const request = new Request(svix.url, { method: "POST", body: await svix.text(), headers });
    expect(await handleResendWebhook(db, request, RESEND_WEBHOOK_SECRET)).toEqual({ status: 200, body: { applied: false, reason: "unknown email" } });
  });
});
