// Change webhooks: queued in the transaction that changes people (the outbox), signed with
// Standard Webhooks HMAC (checked with the reference library), retried with backoff, logged for
// the app's settings page, and migration.applied carrying each kept person's old and new MIS ids.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";

const ST_MARYS_ID = "A2102984463"; // SIMS, 120 pupils
import { postWebhook, RETRY_DELAYS_MS } from "@/server/apps/webhooks/deliver";
import { checkWebhookUrl } from "@/server/apps/webhooks/destination";
import { deliverDue, deliverWebhooksSoon, startWebhookQueue } from "@/server/apps/webhooks/queue";
import { signature, signedHeaders } from "@/server/apps/webhooks/signature";
import { decryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { applyMigration } from "@/server/migrations/apply";
import { resolveCandidate } from "@/server/migrations/review";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { connectedSchool, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A local HTTP receiver that records every POST and answers what `answer` says. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { answer: (_count: number) => 204 };
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.statusCode = state.answer(received.length);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/staffroom`;
  return { url, received, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.state.answer = () => 204;
});
afterAll(async () => {
  await receiver.close();
  await db.$disconnect();
});

async function adminOf(schoolId: string) {
  return appRouter.createCaller(contextFor(db, (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id));
}

/** A school with an app subscribed to `events` at the receiver; answers the app and its secret. */
async function subscribedApp(schoolId: string, events: ("user.created" | "user.updated" | "user.archived" | "migration.applied")[]) {
  const app = await db.launcherApp.create({ data: { schoolId, name: `Reading Eggs ${schoolId.slice(-4)}`, url: "https://reading.example/" } });
  const { secret } = await (await adminOf(schoolId)).webhooks.save({ schoolId, appId: app.id, url: receiver.url, events, enabled: true });
  return { appId: app.id, secret: secret! };
}

describe("signing", () => {
  it("signs as the Standard Webhooks reference verifies, and a wrong secret or a changed body fails", () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = JSON.stringify({ type: "user.created", timestamp: "2026-12-01T06:00:00.000Z", data: { id: "p1" } });
    const headers = signedHeaders(secret, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", new Date(), body);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook("whsec_QWxsIHRoZSB3cm9uZyBzZWNyZXQgYnl0ZXM=").verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace("p1", "p2"), headers)).toThrow();
  });

  it("matches the specification's worked example", () => {
    // From the Standard Webhooks specification's reference test vectors.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    expect(signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});

describe("destinations", () => {
  it("accepts only http(s) without credentials, and in production only addresses on the internet", () => {
    const production = { allowPrivateNetworks: false };
    for (const bad of ["ftp://example.org/hook", "javascript:alert(1)", "https://user:pass@example.org/", "/relative"]) expect(checkWebhookUrl(bad, production)).toHaveProperty("error");
    for (const internal of ["http://localhost:3000/", "http://127.0.0.1/", "http://[::1]/", "http://169.254.169.254/latest/meta-data", "http://10.0.0.5/", "http://192.168.1.10/", "http://printer.local/", "http://intranet/", "http://[::ffff:127.0.0.1]/"])
      expect(checkWebhookUrl(internal, production), internal).toHaveProperty("error");
    expect(checkWebhookUrl("https://hooks.example.org/staffroom", production)).toHaveProperty("url");
    expect(checkWebhookUrl("http://127.0.0.1:4000/", { allowPrivateNetworks: true })).toHaveProperty("url");
  });

  it("in production refuses to connect to a private address, even through a name that resolves to one", async () => {
    const headers = { "content-type": "application/json" };
    await expect(postWebhook(new URL(receiver.url), headers, "{}", { allowPrivateNetworks: false })).rejects.toThrow(/private address/);
    await expect(postWebhook(new URL(receiver.url.replace("127.0.0.1", "localhost")), headers, "{}", { allowPrivateNetworks: false })).rejects.toThrow(/private address/);
    expect(receiver.received).toHaveLength(0);
    expect(await postWebhook(new URL(receiver.url), headers, "{}", { allowPrivateNetworks: true })).toBe(204);
  });
});

describe("settings", () => {
  it("stores the secret encrypted, shows it once, and refuses a bad address or no events", async () => {
    const schoolId = (await createSchool(db)).id;
    const { appId, secret } = await subscribedApp(schoolId, ["user.created"]);
    expect(secret).toMatch(/^whsec_/);
    const row = await db.appWebhook.findUniqueOrThrow({ where: { appId } });
    expect(row.secretEnc).not.toContain(secret.slice(6));
    expect(decryptSecret(row.secretEnc)).toBe(secret);
    const admin = await adminOf(schoolId);
    expect(JSON.stringify(await admin.webhooks.get({ schoolId, appId }))).not.toContain(secret.slice(6));
    // Saving again changes the address, not the secret (answered once only).
    expect(await admin.webhooks.save({ schoolId, appId, url: `${receiver.url}?v=2`, events: ["user.created", "user.archived"], enabled: true })).toEqual({ secret: null });
    expect(decryptSecret((await db.appWebhook.findUniqueOrThrow({ where: { appId } })).secretEnc)).toBe(secret);
    await expect(admin.webhooks.save({ schoolId, appId, url: "ftp://example.org/", events: ["user.created"], enabled: true })).rejects.toThrow(/starting with https/);
    await expect(admin.webhooks.save({ schoolId, appId, url: receiver.url, events: [], enabled: true })).rejects.toThrow(/at least one event/);
    const rotated = await admin.webhooks.rotateSecret({ schoolId, appId });
    expect(rotated.secret).not.toBe(secret);
    expect(decryptSecret((await db.appWebhook.findUniqueOrThrow({ where: { appId } })).secretEnc)).toBe(rotated.secret);
  });
});

describe("delivery through the outbox", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "webhooks" });
  });
  afterAll(() => emulator.close());

  it("a sync queues user.created for each new person in its own transaction; each arrives signed, with no UPN or date of birth", async () => {
    const schoolId = (await connectedSchool(db, OAKFIELD_ID)).id;
    const { secret } = await subscribedApp(schoolId, ["user.created", "user.archived"]);
    const summary = await runSync(db, emulator, schoolId);
    expect(summary.status).toBe("SUCCEEDED");
    const people = await db.person.count({ where: { schoolId } });
    expect(await db.webhookDelivery.count({ where: { schoolId, eventType: "user.created", status: "PENDING" } })).toBe(people);
    // Nothing is sent until the queue works the outbox.
    expect(receiver.received).toHaveLength(0);

    const outcomes = [];
    for (let batch = await deliverDue(db); batch.length; batch = await deliverDue(db)) outcomes.push(...batch);
    expect(outcomes).toHaveLength(people);
    expect(outcomes.every((o) => o.status === "SUCCEEDED")).toBe(true);
    expect(receiver.received).toHaveLength(people);
    const verifier = new Webhook(secret);
    const payloads = receiver.received.map((r) => verifier.verify(r.body, r.headers as Record<string, string>) as { type: string; data: Record<string, unknown> });
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(people);
    const ids = new Set(payloads.map((p) => p.data.id));
    expect(ids).toEqual(new Set((await db.person.findMany({ where: { schoolId }, select: { id: true } })).map((p) => p.id)));
    const pupil = await db.person.findFirstOrThrow({ where: { schoolId, kind: "PUPIL", upn: { not: null } }, include: { externalIds: true } });
    const message = payloads.find((p) => p.data.id === pupil.id)!;
    expect(message).toMatchObject({ type: "user.created", data: { kind: "pupil", given_name: pupil.forename, family_name: pupil.surname, year_group: pupil.ncYear, mis_ids: [{ wonde_id: pupil.externalIds[0]!.externalId, mis_id: pupil.externalIds[0]!.misId }] } });
    const text = receiver.received.map((r) => r.body).join("\n");
    expect(text).not.toContain(pupil.upn!);
    expect(text).not.toContain("date_of_birth");

    // Leavers: user.archived, from the sync that archives them.
    receiver.received.length = 0;
    const report = emulator.state.advanceTime({ students: { leavers: 3 } }).schools.find((s) => s.schoolId === OAKFIELD_ID)!;
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");
    await deliverDue(db);
    const archived = receiver.received.map((r) => JSON.parse(r.body) as { type: string; data: { archived: boolean; mis_ids: { wonde_id: string }[] } }).filter((p) => p.type === "user.archived");
    expect(archived.map((p) => p.data.mis_ids[0]!.wonde_id).sort()).toEqual([...report.students.left].sort());
    expect(archived.every((p) => p.data.archived)).toBe(true);
  });

  it("retries with backoff against a receiver that fails twice, then succeeds; every try is in the delivery log", async () => {
    const schoolId = (await createSchool(db)).id;
    const { appId } = await subscribedApp(schoolId, ["user.updated"]);
    const webhook = await db.appWebhook.findUniqueOrThrow({ where: { appId } });
    const start = new Date();
    await db.webhookDelivery.create({ data: { id: "msg_retry_test", schoolId, webhookId: webhook.id, eventType: "user.updated", payload: { type: "user.updated", data: { id: "p1" } }, nextAttemptAt: start } });
    receiver.state.answer = (count) => (count <= 2 ? 503 : 200);
    const at = (ms: number) => new Date(start.getTime() + ms);

    expect(await deliverDue(db, at(0))).toEqual([{ status: "PENDING", retryAt: at(RETRY_DELAYS_MS[0]!) }]);
    // Not due again before its backoff.
    expect(await deliverDue(db, at(RETRY_DELAYS_MS[0]! - 1))).toEqual([]);
    expect(await deliverDue(db, at(RETRY_DELAYS_MS[0]!))).toEqual([{ status: "PENDING", retryAt: at(RETRY_DELAYS_MS[0]! + RETRY_DELAYS_MS[1]!) }]);
    expect(await deliverDue(db, at(RETRY_DELAYS_MS[0]! + RETRY_DELAYS_MS[1]! - 1))).toEqual([]);
    expect(await deliverDue(db, at(RETRY_DELAYS_MS[0]! + RETRY_DELAYS_MS[1]!))).toEqual([{ status: "SUCCEEDED" }]);
    expect(await deliverDue(db, at(24 * 3600_000))).toEqual([]);

    // The same message id every time, each try freshly signed.
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual(["msg_retry_test", "msg_retry_test", "msg_retry_test"]);
    const log = await (await adminOf(schoolId)).webhooks.get({ schoolId, appId });
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0]).toMatchObject({ id: "msg_retry_test", status: "SUCCEEDED", attempts: 3, lastStatus: 200, lastError: null });
    expect(log.deliveries[0]!.attemptLog.map((a) => [a.number, a.statusCode, a.error])).toEqual([
      [1, 503, "The app answered HTTP 503."],
      [2, 503, "The app answered HTTP 503."],
      [3, 200, null],
    ]);
  });

  it("gives up after the last try of the schedule, and an admin can send it once more", async () => {
    const schoolId = (await createSchool(db)).id;
    const { appId } = await subscribedApp(schoolId, ["user.updated"]);
    const webhook = await db.appWebhook.findUniqueOrThrow({ where: { appId } });
    await db.webhookDelivery.create({ data: { id: "msg_give_up", schoolId, webhookId: webhook.id, eventType: "user.updated", payload: {}, nextAttemptAt: new Date(0) } });
    receiver.state.answer = () => 500;
    let now = new Date(0);
    const statuses = [];
    for (const delay of [...RETRY_DELAYS_MS, 0]) {
      statuses.push(...(await deliverDue(db, now)).map((o) => o.status));
      now = new Date(now.getTime() + delay);
    }
    expect(statuses).toEqual([...RETRY_DELAYS_MS.map(() => "PENDING"), "FAILED"]);
    expect(receiver.received).toHaveLength(RETRY_DELAYS_MS.length + 1);
    receiver.state.answer = () => 200;
    const admin = await adminOf(schoolId);
    await admin.webhooks.redeliver({ schoolId, deliveryId: "msg_give_up" });
    expect(await deliverDue(db)).toEqual([{ status: "SUCCEEDED" }]);
    // Another school's admin can't touch it.
    await expect((await adminOf((await createSchool(db)).id)).webhooks.redeliver({ schoolId: webhook.schoolId, deliveryId: "msg_give_up" })).rejects.toThrow();
  });

  it("migration.applied carries, for every kept person, their old and new MIS ids", async () => {
    const migrating = await startEmulator({ seed: "webhooks-migration" });
    try {
      const schoolId = (await connectedSchool(db, ST_MARYS_ID)).id;
      expect((await runSync(db, migrating, schoolId)).status).toBe("SUCCEEDED");
      const { secret } = await subscribedApp(schoolId, ["migration.applied"]);
      const before = new Map((await db.externalId.findMany({ where: { schoolId, personId: { not: null }, supersededAt: null } })).map((e) => [e.personId!, e]));

      migrating.state.migrateSchool(ST_MARYS_ID, { to: "Arbor" });
      expect((await runSync(db, migrating, schoolId, { mode: "incremental" })).status).toBe("PAUSED");
      const migration = await db.misMigration.findFirstOrThrow({ where: { schoolId }, include: { candidates: { where: { outcome: "REVIEW" } } } });
      for (const item of migration.candidates) await resolveCandidate(db, schoolId, item.id, (item.options as { personId: string }[])[0]!.personId, { system: "Test admin" });
      await applyMigration(db, schoolId, migration.id, { system: "Test admin" });
      expect(await deliverDue(db)).toEqual([{ status: "SUCCEEDED" }]);

      const [message] = receiver.received;
      const payload = new Webhook(secret).verify(message!.body, message!.headers as Record<string, string>) as {
        type: string;
        data: { from_mis: string; to_mis: string; people: { id: string; kind: string; old: { wonde_id: string; mis_id: string | null }[]; new: { wonde_id: string; mis_id: string | null } }[] };
      };
      expect(payload).toMatchObject({ type: "migration.applied", data: { from_mis: "SIMS", to_mis: "Arbor" } });
      const kept = await db.migrationCandidate.findMany({ where: { migrationId: migration.id, OR: [{ outcome: "MATCHED" }, { outcome: "REVIEW", NOT: { resolution: "new" } }] } });
      expect(payload.data.people).toHaveLength(kept.length);
      expect(kept.length).toBeGreaterThan(50);
      const now = new Map((await db.externalId.findMany({ where: { schoolId, personId: { not: null }, supersededAt: null } })).map((e) => [e.personId!, e]));
      for (const person of payload.data.people) {
        expect(person.old, person.id).toEqual([{ wonde_id: before.get(person.id)!.externalId, mis_id: before.get(person.id)!.misId }]);
        expect(person.new, person.id).toEqual({ wonde_id: now.get(person.id)!.externalId, mis_id: now.get(person.id)!.misId });
        expect(person.new.wonde_id).not.toBe(person.old[0]!.wonde_id);
      }
    } finally {
      await migrating.close();
    }
  });
});

describe("through the job queue", () => {
  it("a queued message is sent by the pg-boss worker as soon as it is asked to", async () => {
    const schoolId = (await createSchool(db)).id;
    const { appId, secret } = await subscribedApp(schoolId, ["user.created"]);
    const webhook = await db.appWebhook.findUniqueOrThrow({ where: { appId } });
    await db.webhookDelivery.create({ data: { id: "msg_via_queue", schoolId, webhookId: webhook.id, eventType: "user.created", payload: { type: "user.created", data: { id: "p9" } } } });
    const queue = await startWebhookQueue(db, process.env.DATABASE_URL!, { concurrency: 1 });
    try {
      deliverWebhooksSoon();
      await expect.poll(async () => (await db.webhookDelivery.findUniqueOrThrow({ where: { id: "msg_via_queue" } })).status, { timeout: 30_000, interval: 200 }).toBe("SUCCEEDED");
    } finally {
      await queue.stop();
    }
    expect(new Webhook(secret).verify(receiver.received[0]!.body, receiver.received[0]!.headers as Record<string, string>)).toEqual({ type: "user.created", data: { id: "p9" } });
  });
});
