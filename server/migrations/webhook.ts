import { timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/server/db";
import { recordActivity } from "@/server/activity/record";
import { outsideText } from "@/server/http/clean-text";
import { requestSync } from "@/server/sync/queue";
import { parseWondeInstant } from "@/server/wonde";
import { openMigration } from "./detect";

// Wonde documents no signing scheme for webhooks, so the endpoint requires a
// shared secret configured with the webhook (header, or in the URL).
export function webhookSecretMatches(expected: string | undefined, given: string | null): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const dateish = z.union([z.string().max(100), z.object({ date: z.string().max(100), timezone: z.string().max(100).optional(), timezone_type: z.number().optional() })]).nullish();
const schoolId = z.string().min(1).max(100);
const misName = outsideText(100).nullish();

// Only the fields we use, cleaned and truncated: the verified payload is stored in the activity log.
export const wondeWebhookSchema = z.discriminatedUnion("payload_type", [
  z.object({ payload_type: z.literal("schoolMigration"), school_id: schoolId, migrate_from: misName, migrate_to: misName, scheduled_at: dateish, completed_at: dateish }),
  z.object({ payload_type: z.literal("schoolApproved"), school_id: schoolId, school_name: outsideText(200).nullish() }),
  z.object({ payload_type: z.literal("accessRevoked"), school_id: schoolId, revoke_reason: outsideText(500).nullish() }),
  z.object({ payload_type: z.literal("accessDeclined"), school_id: schoolId }),
]);
export type WondeWebhook = z.infer<typeof wondeWebhookSchema>;

/**
 * Acts on a verified Wonde webhook. A school migration opens a migration and
 * queues a sync, which previews it (and pauses) before anything is written.
 */
export async function handleWondeWebhook(db: Db, payload: WondeWebhook): Promise<{ handled: boolean }> {
  const school = await db.school.findUnique({ where: { wondeId: payload.school_id }, select: { id: true, name: true, mis: true } });
  if (!school) return { handled: false };
  if (payload.payload_type === "schoolMigration") {
    const completed = payload.completed_at ? parseWondeInstant(payload.completed_at) : null;
    await openMigration(db, school.id, { detectedBy: "webhook", fromMis: payload.migrate_from ?? school.mis, toMis: payload.migrate_to ?? null, migratedAt: completed });
    await requestSync(db, { schoolId: school.id, mode: "full", trigger: "WEBHOOK" });
  } else {
    const action = { schoolApproved: "Wonde Access Approved", accessRevoked: "Wonde Access Revoked", accessDeclined: "Wonde Access Declined" }[payload.payload_type];
    await recordActivity({ schoolId: school.id, actor: { system: "Wonde" }, action, subject: { type: "School", id: school.id, label: school.name }, details: payload as never });
  }
  return { handled: true };
}
