import { db } from "@/server/db";
import { env } from "@/server/env";
import { BodyTooLarge, payloadTooLarge, readTextWithin, WEBHOOK_BODY_LIMIT } from "@/server/http/body-limit";
import { handleWondeWebhook, webhookSecretMatches, wondeWebhookSchema } from "@/server/migrations/webhook";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function POST(request: Request) {
  if (!env.WONDE_WEBHOOK_SECRET) return Response.json({ error: "Wonde webhooks are not configured" }, { status: 503 });
  const given = request.headers.get("x-webhook-secret") ?? new URL(request.url).searchParams.get("secret");
  if (!webhookSecretMatches(env.WONDE_WEBHOOK_SECRET, given)) return Response.json({ error: "Invalid webhook secret" }, { status: 401 });
  let body: string;
  try {
    body = await readTextWithin(request, WEBHOOK_BODY_LIMIT);
  } catch (error) {
    if (error instanceof BodyTooLarge) return payloadTooLarge(error);
    throw error;
  }
  const parsed = wondeWebhookSchema.safeParse(parseJson(body));
  if (!parsed.success) return Response.json({ error: "Unrecognised payload" }, { status: 422 });
  const result = await handleWondeWebhook(db, parsed.data);
  return Response.json(result, { status: result.handled ? 200 : 202 });
}
