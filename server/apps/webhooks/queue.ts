// Delivering the outbox (WebhookDelivery rows) through the Postgres-backed job queue (pg-boss,
// schema "pgboss", beside the sync queue). One job per due message, keyed by its id so a message
// is queued at most once at a time; a failed try queues the next one for its retry time; and a
// sweep every minute queues whatever is due and has no job (a process that died between its
// commit and its send, or a message queued by the CLI). On the embedded database the web process
// sweeps itself. Sending claims the row first (deliver.ts), so a duplicate job is harmless.
import PgBoss from "pg-boss";
import type { Db } from "../../db";
import { ensureQueue } from "../../jobs/ensure-queue";
import { logger } from "../../logger";
import { deliverWebhook, dueDeliveries, type DeliveryOutcome, type Send } from "./deliver";

const DELIVERY_QUEUE = "app-webhook-delivery";
const SWEEP_QUEUE = "app-webhook-sweep";
const SWEEP_BATCH = 500;
/** Messages one process sends at once. */
const SENDING_SLOTS = 4;
const EMBEDDED_SWEEP_MS = 30_000;

type DeliveryJob = { deliveryId: string };

/** Set when this process feeds the queue (PostgreSQL) or sweeps by itself (embedded database). */
let boss: PgBoss | null = null;
let embedded: Db | null = null;

/** Sends every message due at `now` from this process, a few at a time. Tests drive the outbox through it. */
export async function deliverDue(db: Db, now = new Date(), send?: Send): Promise<DeliveryOutcome[]> {
  const ids = await dueDeliveries(db, now, SWEEP_BATCH);
  const outcomes: DeliveryOutcome[] = [];
  for (let i = 0; i < ids.length; i += SENDING_SLOTS) outcomes.push(...(await Promise.all(ids.slice(i, i + SENDING_SLOTS).map((id) => deliverWebhook(db, id, now, send)))));
  return outcomes;
}

/** After a commit that queued messages: send them now rather than at the next sweep. Never throws. */
export function deliverWebhooksSoon(): void {
  if (boss) void boss.send(SWEEP_QUEUE, {}).catch((error) => logger.warn({ err: error }, "Webhook sweep not queued; the next scheduled sweep sends them"));
  else if (embedded) void deliverDue(embedded).catch((error) => logger.warn({ err: error }, "Webhooks not sent; the next sweep tries again"));
}

const queueDelivery = (instance: PgBoss, deliveryId: string, startAfter?: Date) =>
  instance.send(DELIVERY_QUEUE, { deliveryId } satisfies DeliveryJob, { singletonKey: deliveryId, retryLimit: 0, expireInMinutes: 5, ...(startAfter ? { startAfter } : {}) });

/** Queues a job for each message due now (a message that already has one is skipped by its key). */
async function sweep(db: Db, instance: PgBoss): Promise<number> {
  const ids = await dueDeliveries(db, new Date(), SWEEP_BATCH);
  for (const id of ids) await queueDelivery(instance, id);
  return ids.length;
}

/**
 * On PostgreSQL: starts the webhook queue. With `concurrency` 0 the process only queues (the
 * workers send); otherwise it also sends, SENDING_SLOTS at once, and runs the minutely sweep.
 */
export async function startWebhookQueue(db: Db, connectionString: string, options: { concurrency: number }) {
  // The sync queue's pg-boss supervises the shared schema; this one only sends and works jobs.
  const instance = new PgBoss({ connectionString, schema: "pgboss", supervise: false });
  instance.on("error", (error) => logger.error({ err: error }, "Webhook queue error"));
  await instance.start();
  await ensureQueue(instance, DELIVERY_QUEUE, { policy: "short" });
  await ensureQueue(instance, SWEEP_QUEUE, { policy: "short" });
  if (options.concurrency > 0) {
    for (let slot = 0; slot < SENDING_SLOTS; slot++)
      await instance.work<DeliveryJob>(DELIVERY_QUEUE, { pollingIntervalSeconds: 1 }, async ([job]) => {
        if (!job) return;
        const outcome = await deliverWebhook(db, job.data.deliveryId);
        if (outcome.status === "PENDING") await queueDelivery(instance, job.data.deliveryId, outcome.retryAt);
      });
    await instance.work(SWEEP_QUEUE, { pollingIntervalSeconds: 1 }, async () => {
      await sweep(db, instance);
    });
    await instance.schedule(SWEEP_QUEUE, "* * * * *", {});
  }
  boss = instance;
  return {
    async stop() {
      boss = null;
      await instance.stop({ graceful: true, wait: true });
    },
  };
}

/** The embedded database (one process): sweep in this process every half minute. */
export function startEmbeddedWebhookSweep(db: Db): { stop(): void } {
  embedded = db;
  const timer = setInterval(deliverWebhooksSoon, EMBEDDED_SWEEP_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      embedded = null;
    },
  };
}
