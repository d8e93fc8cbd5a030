// Sending one webhook message, once. The queue (queue.ts) calls it when a message is due; a
// failure schedules the next try with backoff, and after the last try the message is FAILED.
// Every try is logged (WebhookAttempt) for the app's settings page.
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { decryptSecret } from "../../crypto";
import type { Db } from "../../db";
import { env } from "../../env";
import type { Prisma } from "../../generated/prisma/client";
import { checkWebhookUrl, isPrivateAddress, publicOnlyLookup } from "./destination";
import { signedHeaders } from "./signature";

/** Waits after the 1st, 2nd, … failed try (Standard Webhooks' suggested schedule): 8 tries over about a day. */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000];
/** A try that takes longer than this is a failure (the receiver should answer at once and work later). */
const TIMEOUT_MS = 15_000;
/** How long a process holds a message it is sending; a crashed sender's hold lapses. */
const HOLD_MS = 2 * TIMEOUT_MS;

export type DeliveryOutcome = { status: "SUCCEEDED" } | { status: "PENDING"; retryAt: Date } | { status: "FAILED" } | { status: "NOT_DUE" };

/** POSTs the body; resolves with the HTTP status, rejects on a network error, a refused address or the timeout. */
export type Send = (url: URL, headers: Record<string, string>, body: string) => Promise<number>;

export const allowPrivateNetworks = () => env.NODE_ENV !== "production";

export function postWebhook(url: URL, headers: Record<string, string>, body: string, options = { allowPrivateNetworks: allowPrivateNetworks() }): Promise<number> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!options.allowPrivateNetworks && isIP(host) !== 0 && isPrivateAddress(host)) return Promise.reject(new Error(`${host} is a private address: not sent`));
  return new Promise((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body), "user-agent": "Staffroom-Webhooks/1" }, timeout: TIMEOUT_MS, ...(options.allowPrivateNetworks ? {} : { lookup: publicOnlyLookup }) },
      (response) => {
        // The answer's body is not wanted: drain it so the socket is freed.
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`No answer within ${TIMEOUT_MS / 1000} s`)));
    request.on("error", reject);
    request.end(body);
  });
}

const sendWithPolicy: Send = (url, headers, body) => postWebhook(url, headers, body);

/**
 * Tries a due message once, unless another process holds it or it isn't due at `now`. Records
 * the try, and either marks it delivered, schedules the next try, or gives up after the last.
 */
export async function deliverWebhook(db: Db, deliveryId: string, now = new Date(), send: Send = sendWithPolicy): Promise<DeliveryOutcome> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: "PENDING", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + HOLD_MS) },
  });
  if (count === 0) return { status: "NOT_DUE" };
  const delivery = await db.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: { id: true, schoolId: true, attempts: true, payload: true, webhook: { select: { url: true, secretEnc: true, enabled: true, app: { select: { archivedAt: true } } } } },
  });
  const number = delivery.attempts + 1;
  const started = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  const { webhook } = delivery;
  const destination = checkWebhookUrl(webhook.url, { allowPrivateNetworks: allowPrivateNetworks() });
  if (!webhook.enabled || webhook.app.archivedAt) error = "The webhook was turned off: not sent.";
  else if ("error" in destination) error = destination.error;
  else {
    try {
      const body = JSON.stringify(delivery.payload);
      statusCode = await send(destination.url, signedHeaders(decryptSecret(webhook.secretEnc), delivery.id, new Date(), body), body);
      if (statusCode < 200 || statusCode > 299) error = `The app answered HTTP ${statusCode}.`;
    } catch (failure) {
      error = (failure instanceof Error ? failure.message : String(failure)).slice(0, 500);
    }
  }
  const succeeded = error === null;
  const giveUp = !webhook.enabled || !!webhook.app.archivedAt || "error" in destination;
  const retryAt = !succeeded && !giveUp && number <= RETRY_DELAYS_MS.length ? new Date(now.getTime() + RETRY_DELAYS_MS[number - 1]!) : null;
  const update: Prisma.WebhookDeliveryUpdateInput = {
    attempts: number,
    status: succeeded ? "SUCCEEDED" : retryAt ? "PENDING" : "FAILED",
    lockedUntil: null,
    lastStatus: statusCode,
    lastError: error,
    ...(succeeded ? { deliveredAt: now } : {}),
    ...(retryAt ? { nextAttemptAt: retryAt } : {}),
  };
  await db.$transaction([
    db.webhookAttempt.create({ data: { deliveryId, schoolId: delivery.schoolId, number, at: now, statusCode, error, durationMs: Math.round(performance.now() - started) } }),
    db.webhookDelivery.update({ where: { id: deliveryId }, data: update }),
  ]);
  return succeeded ? { status: "SUCCEEDED" } : retryAt ? { status: "PENDING", retryAt } : { status: "FAILED" };
}

/** Messages due at `now` and not held by a sender, oldest first. */
export async function dueDeliveries(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    select: { id: true },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  return rows.map((r) => r.id);
}
