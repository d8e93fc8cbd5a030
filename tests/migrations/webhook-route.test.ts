import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/wonde/route";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { handleWondeWebhook } from "@/server/migrations/webhook";
import { setSyncDispatcher } from "@/server/sync/queue";

// The Wonde webhook route as Wonde calls it: POST with the shared secret in a header or the URL.

const SECRET = "wonde-webhook-shared-secret-0123456789";
const WONDE_ID = "A1111111111";

function post(payload: unknown, options: { header?: string; query?: string } = {}) {
  const url = new URL("http://localhost/api/webhooks/wonde");
  if (options.query !== undefined) url.searchParams.set("secret", options.query);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.header !== undefined) headers["x-webhook-secret"] = options.header;
  return POST(new Request(url, { method: "POST", headers, body: JSON.stringify(payload) }));
}

/** The same length as SECRET, differing only in its last character. */
const sameLengthForgery = `${SECRET.slice(0, -1)}${SECRET.endsWith("x") ? "y" : "x"}`;

describe("Wonde webhook route", () => {
  let schoolId: string;
  const configured = env.WONDE_WEBHOOK_SECRET;
  beforeAll(async () => {
    schoolId = (await db.school.create({ data: { name: "Webhook School", wondeId: WONDE_ID } })).id;
  });
  afterEach(() => {
    env.WONDE_WEBHOOK_SECRET = SECRET;
  });
  afterAll(async () => {
    env.WONDE_WEBHOOK_SECRET = configured;
    await db.$disconnect();
  });

  const approved = { payload_type: "schoolApproved", school_id: WONDE_ID, school_name: "Webhook School" };
  const events = () => db.activityEvent.count({ where: { schoolId, action: "Wonde Access Approved" } });

  it("refuses every call while no secret is configured", async () => {
    env.WONDE_WEBHOOK_SECRET = undefined;
    const response = await post(approved, { header: SECRET });
    expect(response.status).toBe(503);
    expect(await events()).toBe(0);
  });

  it("refuses a wrong secret of the same length, a longer or shorter one, and none, acting on nothing", async () => {
    env.WONDE_WEBHOOK_SECRET = SECRET;
    expect(sameLengthForgery).toHaveLength(SECRET.length);
    expect(sameLengthForgery).not.toBe(SECRET);
    for (const given of [sameLengthForgery, `${SECRET}x`, SECRET.slice(0, -1), ""]) {
      const byHeader = await post(approved, { header: given });
      expect(byHeader.status, `header ${given}`).toBe(401);
      expect(await byHeader.json()).toEqual({ error: "Invalid webhook secret" });
      expect((await post(approved, { query: given })).status, `query ${given}`).toBe(401);
    }
    expect((await post(approved)).status).toBe(401);
    expect(await events()).toBe(0);
  });

  it("acts on a call carrying the secret, in the header or the URL", async () => {
    env.WONDE_WEBHOOK_SECRET = SECRET;
    const byHeader = await post(approved, { header: SECRET });
    expect(byHeader.status).toBe(200);
    expect(await byHeader.json()).toEqual({ handled: true });
    expect(await events()).toBe(1);

    const byQuery = await post(approved, { query: SECRET });
    expect(byQuery.status).toBe(200);
    expect(await events()).toBe(2);
  });

  it("accepts but ignores a school it does not know, and rejects a payload it cannot read", async () => {
    env.WONDE_WEBHOOK_SECRET = SECRET;
    const unknown = await post({ ...approved, school_id: "A9999999999" }, { header: SECRET });
    expect(unknown.status).toBe(202);
    expect(await unknown.json()).toEqual({ handled: false });
    expect((await post({ payload_type: "somethingNew", school_id: WONDE_ID }, { header: SECRET })).status).toBe(422);
  });

  it("logs Wonde's access events under their own names, about the school, with what Wonde sent", async () => {
    const revoked = { payload_type: "accessRevoked" as const, school_id: WONDE_ID, revoke_reason: "Contract ended" };
    expect(await handleWondeWebhook(db, revoked)).toEqual({ handled: true });
    expect(await handleWondeWebhook(db, { payload_type: "accessDeclined", school_id: WONDE_ID })).toEqual({ handled: true });
    const logged = await db.activityEvent.findMany({ where: { schoolId, action: { in: ["Wonde Access Revoked", "Wonde Access Declined"] } }, orderBy: { at: "asc" } });
    expect(logged.map((e) => ({ action: e.action, actor: e.actorLabel, subject: [e.subjectType, e.subjectId, e.subjectLabel], details: e.details }))).toEqual([
      { action: "Wonde Access Revoked", actor: "Wonde", subject: ["School", schoolId, "Webhook School"], details: revoked },
      { action: "Wonde Access Declined", actor: "Wonde", subject: ["School", schoolId, "Webhook School"], details: { payload_type: "accessDeclined", school_id: WONDE_ID } },
    ]);
  });

  it("opens a migration from the school's own MIS when Wonde names neither, and queues a full sync", async () => {
    await db.school.update({ where: { id: schoolId }, data: { mis: "SIMS" } });
    const jobs: unknown[] = [];
    const before = new Date();
    setSyncDispatcher(async (job) => void jobs.push(job));
    try {
      expect(await handleWondeWebhook(db, { payload_type: "schoolMigration", school_id: WONDE_ID })).toEqual({ handled: true });
    } finally {
      setSyncDispatcher(null);
    }
    const migration = await db.misMigration.findFirstOrThrow({ where: { schoolId } });
    expect(migration).toMatchObject({ detectedBy: "webhook", fromMis: "SIMS", toMis: null });
    // No completed_at: the migration is dated when it was noticed.
    expect(migration.migratedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(await db.activityEvent.findFirstOrThrow({ where: { schoolId, action: "Migration Detected" } })).toMatchObject({
      actorLabel: "Migration",
      subjectType: "MisMigration",
      subjectId: migration.id,
      subjectLabel: "SIMS → ?",
      details: { detectedBy: "webhook" },
    });
    expect(jobs).toEqual([expect.objectContaining({ schoolId, mode: "full", trigger: "WEBHOOK" })]);
  });
});
