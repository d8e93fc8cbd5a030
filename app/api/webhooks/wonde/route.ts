import { db } from "@/server/db";
import { env } from "@/server/env";
import { handleWondeWebhook, webhookSecretMatches, wondeWebhookSchema } from "@/server/migrations/webhook";

export async function POST(request: Request) {
  if (!env.WONDE_WEBHOOK_SECRET) return Response.json({ error: "Wonde webhooks are not configured" }, { status: 503 });
  const given = request.headers.get("x-webhook-secret") ?? new URL(request.url).searchParams.get("secret");
  if (!webhookSecretMatches(env.WONDE_WEBHOOK_SECRET, given)) return Response.json({ error: "Invalid webhook secret" }, { status: 401 });
  const parsed = wondeWebhookSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: "Unrecognised payload" }, { status: 422 });
  const result = await handleWondeWebhook(db, parsed.data);
  return Response.json(result, { status: result.handled ? 200 : 202 });
}
