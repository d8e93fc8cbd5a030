import { db } from "@/server/db";
import { env } from "@/server/env";
import { handleResendWebhook } from "@/server/incidents/webhook";

/** Resend delivery events for incident notifications (signature verified). */
export async function POST(request: Request) {
  const result = await handleResendWebhook(db, request, env.RESEND_WEBHOOK_SECRET);
  return Response.json(result.body, { status: result.status });
}
