/**
 * The admin API under /__admin/: what tests and demos use to move time, migrate schools,
 * withdraw scopes or access, inject faults, read the request log and fire webhooks. Every
 * body is validated with zod; errors come back as 422 with the issues.
 */
import { z } from "zod";
import { faultRuleSchema } from "./faults";
import { migrateOptionsSchema } from "./migrate";
import { SCOPES } from "./scopes";
import { advanceOptionsSchema, type EmulatorState } from "./store";
import { mutationRuleSchema } from "./variance";
import { fireWebhook, webhookRequestSchema } from "./webhooks";

export interface AdminResponse {
  status: number;
  body: unknown;
}

const scopeMap = z.partialRecord(z.enum(SCOPES), z.boolean());

const ENDPOINTS = [
  "GET    /__admin/state                 seed, clock, schools, tokens",
  "POST   /__admin/reset                 back to the initial state",
  "POST   /__admin/advance               {seconds?, schoolIds?, students?{edits,starters,leavers}, employees?{edits,starters,leavers,contractEnds}, contacts?{edits}}",
  "POST   /__admin/migrate               {schoolId, to, preserveStudentIdsByUpn?}",
  "GET    /__admin/faults                rules with their counters",
  "PUT    /__admin/faults                {rules:[{kind, count?, every?, path?, retryAfter?, status?, delayMs?}]} (replace)",
  "POST   /__admin/faults                one rule (append)",
  "DELETE /__admin/faults                clear",
  "GET    /__admin/scopes?schoolId=…     the school's scopes",
  "GET    /__admin/variance?schoolId=…   whether the school serves JSON variants",
  "PUT    /__admin/variance              {schoolId, variance: bool}, or ?schoolId=…&variance=on|off",
  "GET    /__admin/mutations             the mutation rules",
  "PUT    /__admin/mutations             {rules:[{path?, endpoint?, field, as: string|number|boolean|object|array|null|absent, ids?}]} (replace)",
  "PUT    /__admin/scopes                {schoolId, scopes:{\"Student UPN read\":false}}",
  "PUT    /__admin/access                {token, schoolId, status: approved|pending|revoked}",
  "GET    /__admin/requests?since=N      the API request log",
  "DELETE /__admin/requests              clear the log",
  "GET    /__admin/counts?schoolId=…     record counts",
  "POST   /__admin/webhook               {payload_type, school_id, url?, secret?, revoke_reason?, migrate_to?}",
];

function ok(body: unknown): AdminResponse {
  return { status: 200, body };
}

function problem(status: number, message: string, issues?: unknown): AdminResponse {
  return { status, body: { error: status === 404 ? "not_found" : "invalid_request", error_description: message, ...(issues ? { issues } : {}) } };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; response: AdminResponse };

function parse<T extends z.ZodType>(schema: T, body: unknown): Parsed<z.output<T>> {
  const result = schema.safeParse(body);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, response: problem(422, "invalid body", z.treeifyError(result.error)) };
}

function needSchool(state: EmulatorState, id: string | null): AdminResponse | null {
  if (!id) return problem(422, "schoolId is required");
  return state.profile(id) ? null : problem(404, `unknown school ${id}`);
}

export async function handleAdmin(
  state: EmulatorState,
  method: string,
  path: string,
  params: URLSearchParams,
  body: unknown,
): Promise<AdminResponse> {
  const route = `${method} ${path.replace(/\/+$/, "") || "/__admin"}`;
  switch (route) {
    case "GET /__admin":
      return ok({ now: state.now(), seed: state.seed, endpoints: ENDPOINTS });
    case "GET /__admin/state":
      return ok({
        seed: state.seed,
        now: state.now(),
        schools: state.schoolIds().map((id) => {
          const profile = state.profile(id);
          const generated = state.isGenerated(id);
          return {
            id,
            name: profile?.spec.name,
            mis: profile?.mis,
            phase: profile?.spec.phase,
            generated,
            variance: state.varianceOf(id),
            ...(generated ? { counts: state.counts(id) } : {}),
          };
        }),
        tokens: state.accessTable(),
        webhook: state.webhook ? { url: state.webhook.url } : null,
      });
    case "POST /__admin/reset":
      state.reset();
      return ok({ now: state.now() });
    case "POST /__admin/advance": {
      const parsed = parse(advanceOptionsSchema, body ?? {});
      if (!parsed.ok) return parsed.response;
      for (const id of parsed.value.schoolIds ?? []) {
        const missing = needSchool(state, id);
        if (missing) return missing;
      }
      return ok(state.advanceTime(parsed.value));
    }
    case "POST /__admin/migrate": {
      const parsed = parse(migrateOptionsSchema.extend({ schoolId: z.string() }), body);
      if (!parsed.ok) return parsed.response;
      const { schoolId, ...options } = parsed.value;
      return needSchool(state, schoolId) ?? ok(state.migrateSchool(schoolId, options));
    }
    case "GET /__admin/faults":
      return ok({ rules: state.faults.list() });
    case "PUT /__admin/faults": {
      const parsed = parse(z.object({ rules: z.array(faultRuleSchema) }), body);
      if (!parsed.ok) return parsed.response;
      state.setFaults(parsed.value.rules);
      return ok({ rules: state.faults.list() });
    }
    case "POST /__admin/faults": {
      const parsed = parse(faultRuleSchema, body);
      if (!parsed.ok) return parsed.response;
      state.addFault(parsed.value);
      return ok({ rules: state.faults.list() });
    }
    case "DELETE /__admin/faults":
      state.clearFaults();
      return ok({ rules: [] });
    case "GET /__admin/scopes": {
      const id = params.get("schoolId");
      return needSchool(state, id) ?? ok({ schoolId: id, scopes: state.scopesOf(id as string) });
    }
    case "PUT /__admin/scopes": {
      const parsed = parse(z.object({ schoolId: z.string(), scopes: scopeMap }), body);
      if (!parsed.ok) return parsed.response;
      const { schoolId, scopes } = parsed.value;
      return needSchool(state, schoolId) ?? ok({ schoolId, scopes: state.setScopes(schoolId, scopes) });
    }
    case "GET /__admin/variance": {
      const id = params.get("schoolId");
      return needSchool(state, id) ?? ok({ schoolId: id, variance: state.varianceOf(id as string) });
    }
    case "PUT /__admin/variance": {
      const fromQuery = params.has("variance") ? { schoolId: params.get("schoolId") ?? undefined, variance: params.get("variance") } : undefined;
      const parsed = parse(
        z.object({ schoolId: z.string(), variance: z.union([z.boolean(), z.enum(["on", "off", "true", "false", "1", "0"]).transform((v) => ["on", "true", "1"].includes(v))]) }),
        fromQuery ?? body,
      );
      if (!parsed.ok) return parsed.response;
      const { schoolId, variance } = parsed.value;
      const missing = needSchool(state, schoolId);
      if (missing) return missing;
      state.setVariance(schoolId, variance);
      return ok({ schoolId, variance });
    }
    case "GET /__admin/mutations":
      return ok({ rules: state.mutationRules() });
    case "PUT /__admin/mutations": {
      const parsed = parse(z.object({ rules: z.array(mutationRuleSchema) }), body);
      if (!parsed.ok) return parsed.response;
      state.setMutations(parsed.value.rules);
      return ok({ rules: state.mutationRules() });
    }
    case "PUT /__admin/access": {
      const parsed = parse(
        z.object({ token: z.string().min(1), schoolId: z.string(), status: z.enum(["approved", "pending", "revoked"]) }),
        body,
      );
      if (!parsed.ok) return parsed.response;
      const { token, schoolId, status } = parsed.value;
      const missing = needSchool(state, schoolId);
      if (missing) return missing;
      state.setAccess(token, schoolId, status);
      return ok({ token, access: state.accessOf(token) });
    }
    case "GET /__admin/requests": {
      const since = Number(params.get("since") ?? 0);
      const requests = state.requestLog(Number.isFinite(since) ? since : 0);
      return ok({ total: state.log.total, count: requests.length, requests });
    }
    case "DELETE /__admin/requests":
      state.clearRequestLog();
      return ok({ total: state.log.total, count: 0, requests: [] });
    case "GET /__admin/counts": {
      const id = params.get("schoolId");
      return needSchool(state, id) ?? ok({ schoolId: id, counts: state.counts(id as string) });
    }
    case "POST /__admin/webhook": {
      const parsed = parse(webhookRequestSchema, body);
      if (!parsed.ok) return parsed.response;
      const request = parsed.value;
      const missing = needSchool(state, request.school_id);
      if (missing) return missing;
      if (!request.url && !state.webhook) return problem(422, "no webhook URL: pass url or start with one");
      if (request.payload_type === "schoolMigration" && !request.migrate_to) {
        return problem(422, "schoolMigration needs migrate_to");
      }
      return ok(await fireWebhook(state, request));
    }
    default:
      return problem(404, `no admin route ${route}`);
  }
}
