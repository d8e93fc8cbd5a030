// An app's change webhook in Settings → Apps → Webhooks: the address, the events, the signing
// secret (shown once, when made; stored encrypted), and the delivery log.
import { encryptSecret } from "../../crypto";
import type { Db } from "../../db";
import { recordActivity, type Actor } from "../../activity/record";
import { UserFacingError } from "../../user-facing-error";
import { allowPrivateNetworks } from "./deliver";
import { checkWebhookUrl } from "./destination";
import { WEBHOOK_EVENTS, type WebhookEventType } from "./events";
import { deliverWebhooksSoon } from "./queue";
import { newWebhookSecret } from "./signature";

const NO_APP = "That app isn't on this school's launcher any more.";
const LOG_SIZE = 50;

async function liveApp(db: Db, schoolId: string, appId: string) {
  const app = await db.launcherApp.findFirst({ where: { id: appId, schoolId, archivedAt: null }, select: { id: true, name: true, webhook: { select: { id: true } } } });
  if (!app) throw new UserFacingError("NOT_FOUND", NO_APP);
  return app;
}

/** The app's webhook (never its secret) and its latest deliveries with every try. */
export async function webhookSettings(db: Db, schoolId: string, appId: string) {
  const app = await db.launcherApp.findFirst({
    where: { id: appId, schoolId, archivedAt: null },
    select: { id: true, name: true, icon: true, webhook: { select: { id: true, url: true, events: true, enabled: true, createdAt: true, updatedAt: true } } },
  });
  if (!app) throw new UserFacingError("NOT_FOUND", NO_APP);
  const deliveries = app.webhook
    ? await db.webhookDelivery.findMany({
        where: { webhookId: app.webhook.id, schoolId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: LOG_SIZE,
        select: {
          id: true,
          eventType: true,
          status: true,
          attempts: true,
          nextAttemptAt: true,
          lastStatus: true,
          lastError: true,
          deliveredAt: true,
          createdAt: true,
          attemptLog: { orderBy: { number: "asc" }, select: { number: true, at: true, statusCode: true, error: true, durationMs: true } },
        },
      })
    : [];
  return { app: { id: app.id, name: app.name, icon: app.icon }, webhook: app.webhook, deliveries, events: WEBHOOK_EVENTS };
}

export type WebhookFields = { url: string; events: WebhookEventType[]; enabled: boolean };

/** Adds the app's webhook (answering its new secret, once) or changes it (the secret stays). */
export async function saveWebhook(db: Db, schoolId: string, actor: Actor, appId: string, fields: WebhookFields): Promise<{ secret: string | null }> {
  const destination = checkWebhookUrl(fields.url, { allowPrivateNetworks: allowPrivateNetworks() });
  if ("error" in destination) throw new UserFacingError("BAD_REQUEST", destination.error);
  const events = WEBHOOK_EVENTS.filter((e) => fields.events.includes(e));
  if (events.length === 0) throw new UserFacingError("BAD_REQUEST", "Choose at least one event to send.");
  const app = await liveApp(db, schoolId, appId);
  const data = { url: destination.url.href, events, enabled: fields.enabled };
  const secret = app.webhook ? null : newWebhookSecret();
  await db.$transaction(async (tx) => {
    if (app.webhook) await tx.appWebhook.update({ where: { id: app.webhook.id }, data });
    else await tx.appWebhook.create({ data: { ...data, schoolId, appId, secretEnc: encryptSecret(secret!) } });
    await recordActivity({ schoolId, actor, action: app.webhook ? "Webhook Updated" : "Webhook Added", subject: { type: "App", id: appId, label: app.name }, details: data }, tx);
  });
  return { secret };
}

/** A new signing secret, answered once; the old one stops working at once. */
export async function rotateWebhookSecret(db: Db, schoolId: string, actor: Actor, appId: string): Promise<{ secret: string }> {
  const app = await liveApp(db, schoolId, appId);
  if (!app.webhook) throw new UserFacingError("NOT_FOUND", "This app has no webhook yet.");
  const secret = newWebhookSecret();
  await db.$transaction(async (tx) => {
    await tx.appWebhook.update({ where: { id: app.webhook!.id }, data: { secretEnc: encryptSecret(secret) } });
    await recordActivity({ schoolId, actor, action: "Webhook Secret Changed", subject: { type: "App", id: appId, label: app.name } }, tx);
  });
  return { secret };
}

/** Removes the app's webhook and its delivery log. */
export async function removeWebhook(db: Db, schoolId: string, actor: Actor, appId: string): Promise<void> {
  const app = await liveApp(db, schoolId, appId);
  if (!app.webhook) return;
  await db.$transaction(async (tx) => {
    await tx.appWebhook.delete({ where: { id: app.webhook!.id } });
    await recordActivity({ schoolId, actor, action: "Webhook Removed", subject: { type: "App", id: appId, label: app.name } }, tx);
  });
}

/** Tries a failed message once more (numbered after its earlier tries). */
export async function redeliver(db: Db, schoolId: string, deliveryId: string): Promise<void> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, schoolId, status: "FAILED", webhook: { enabled: true, app: { archivedAt: null } } },
    data: { status: "PENDING", nextAttemptAt: new Date(), lockedUntil: null },
  });
  if (count === 0) throw new UserFacingError("NOT_FOUND", "Only a failed message of a webhook that is on can be sent again.");
  deliverWebhooksSoon();
}
