/**
 * Wonde-style webhooks. Each event also happens in the emulator, so a client that reacts to
 * the webhook finds the API agreeing with it: schoolApproved grants a new per-school token,
 * accessRevoked revokes every token's access to the school, schoolMigration migrates it.
 *
 * Wonde documents no signing scheme [?]; the emulator sends the configured secret in an
 * `X-Webhook-Secret` header, which the receiving endpoint should compare in constant time.
 */
import { z } from "zod";
import { formatInstant } from "./clock";
import { MIS_NAMES } from "./mis";
import { hex128 } from "./prng";
import type { EmulatorState } from "./store";

export const WEBHOOK_SECRET_HEADER = "X-Webhook-Secret";

export const webhookRequestSchema = z.object({
  payload_type: z.enum(["schoolApproved", "accessRevoked", "schoolMigration"]),
  school_id: z.string(),
  /** Defaults to the emulator's configured webhook URL. */
  url: z.url().optional(),
  secret: z.string().optional(),
  revoke_reason: z.string().optional(),
  /** schoolMigration: the MIS to move to. */
  migrate_to: z.enum(MIS_NAMES).optional(),
  preserveStudentIdsByUpn: z.boolean().optional(),
});
export type WebhookRequest = z.infer<typeof webhookRequestSchema>;

export interface WebhookResult {
  payload: Record<string, unknown>;
  /** HTTP status from the receiver, or null when it could not be reached. */
  status: number | null;
  error?: string;
}

/** A per-school token as Wonde hands out on approval: 40 hex characters, stable per seed. */
export function schoolToken(seed: string, schoolId: string): string {
  return (hex128(`${seed}|${schoolId}|token`) + hex128(`${schoolId}|${seed}|token`)).slice(0, 40);
}

/** Applies the event to the emulator and returns the payload Wonde would send. */
function applyEvent(state: EmulatorState, request: WebhookRequest): Record<string, unknown> {
  const profile = state.profile(request.school_id);
  if (!profile) throw new Error(`unknown school ${request.school_id}`);
  const { spec } = profile;
  const base = { payload_type: request.payload_type, school_id: spec.id, school_name: spec.name };
  switch (request.payload_type) {
    case "schoolApproved": {
      const token = schoolToken(state.seed, spec.id);
      state.setAccess(token, spec.id, "approved");
      return {
        ...base,
        school_token: token,
        school_urn: spec.urn,
        school_la_code: spec.laCode,
        school_establishment_number: spec.establishmentNumber,
        school_postcode: spec.postcode,
      };
    }
    case "accessRevoked":
      state.setAccessForAll(spec.id, "revoked");
      return { ...base, revoke_reason: request.revoke_reason ?? "The school revoked access." };
    case "schoolMigration": {
      if (!request.migrate_to) throw new Error("schoolMigration needs migrate_to");
      const report = state.migrateSchool(spec.id, {
        to: request.migrate_to,
        preserveStudentIdsByUpn: request.preserveStudentIdsByUpn,
      });
      const at = formatInstant(state.clock.now);
      return { ...base, migrate_from: report.from, migrate_to: report.to, scheduled_at: at, completed_at: at };
    }
  }
}

export async function fireWebhook(state: EmulatorState, request: WebhookRequest): Promise<WebhookResult> {
  const url = request.url ?? state.webhook?.url;
  if (!url) throw new Error("no webhook URL: pass url or configure one");
  const secret = request.secret ?? state.webhook?.secret;
  const payload = applyEvent(state, request);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret ? { [WEBHOOK_SECRET_HEADER]: secret } : {}) },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { payload, status: response.status };
  } catch (error) {
    return { payload, status: null, error: (error as Error).message };
  }
}
