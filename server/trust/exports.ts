// The trust-wide CSV exports: the school exports' code (server/activity/export.ts,
// server/incidents/csv.ts, with their formula guard) over the trust's schools, a School column first.
// For trust admins and viewers (an export only reads); each export of the book is logged.
import { csvResponse, activityCsvStream, slug, textResponse } from "../activity/export";
import { activityFiltersFromSearchParamsStrictly } from "../activity/filters";
import { recordActivity, userActor } from "../activity/record";
import { dateInZone } from "../activity/service";
import type { Db } from "../db";
import { incidentsCsv } from "../incidents/csv";
import { UserFacingError } from "../user-facing-error";
import { trustAccessFor, type TrustAccess } from "./access";
import { trustIncidentFiltersFromSearchParams } from "./filters";
import { schoolNames, trustScope, type TrustScope } from "./scope";
import { trustIncidentReader } from "./views";

type Refusal = { response: Response };

/** The caller's trust and the schools the link asks for, or the refusal to send. */
async function exportScope(db: Db, userId: string | null, schoolId: string | undefined): Promise<{ trust: TrustAccess; scope: TrustScope } | Refusal> {
  if (!userId) return { response: textResponse(401, "Please sign in.") };
  const trust = await trustAccessFor(db, userId);
  if (!trust) return { response: textResponse(403, "Only a trust's admins and viewers can export across its schools.") };
  try {
    return { trust, scope: await trustScope(db, trust, schoolId) };
  } catch (error) {
    if (error instanceof UserFacingError) return { response: textResponse(404, error.message) };
    throw error;
  }
}

/** GET /api/trust/activity/export?schoolId=…&from=…&action=…: the trust's Activity log as CSV. */
export async function trustActivityExportResponse(db: Db, userId: string | null, url: URL, now = new Date()): Promise<Response> {
  const parsed = activityFiltersFromSearchParamsStrictly(url.searchParams);
  if ("error" in parsed) return textResponse(400, `The export's filters aren't valid (${parsed.error}). Change them on the trust's Activity page and export again.`);
  const access = await exportScope(db, userId, url.searchParams.get("schoolId")?.slice(0, 100) || undefined);
  if ("response" in access) return access.response;
  const { trust, scope } = access;
  const filename = `activity-${slug(trust.trustName, "trust")}-${dateInZone(now, scope.timeZone)}.csv`;
  return csvResponse(activityCsvStream(db, scope.schoolIds, scope.timeZone, parsed.filters, schoolNames(scope)), filename);
}

/** GET /api/trust/incidents/export?schoolId=…&status=…&type=…&from=…&to=…: the trust's incidents as CSV. */
export async function trustIncidentsExportResponse(db: Db, userId: string | null, url: URL): Promise<Response> {
  const parsed = trustIncidentFiltersFromSearchParams(url.searchParams);
  if ("error" in parsed) return textResponse(400, `The export's filters aren't valid (${parsed.error}). Change them on the trust's Incidents page and export again.`);
  const access = await exportScope(db, userId, parsed.filters.schoolId);
  if ("response" in access) return access.response;
  const { trust, scope } = access;
  const result = await incidentsCsv(db, trustIncidentReader({ userId: userId!, trust }, scope), parsed.filters);
  await recordActivity({
    schoolId: null,
    actor: await userActor(db, userId!),
    action: "Trust Incidents Exported",
    subject: { type: "Trust", id: trust.trustId, label: trust.trustName },
    details: { rows: result.rows, schools: scope.schoolIds.length, filters: parsed.filters },
  });
  return csvResponse(result.csv, result.filename);
}
