// The trust-wide incident views' filters, as tRPC inputs and as a CSV link's query. Person and
// location filters are one school's, so they stay on the school's own book.
import { z } from "zod";
import { calendarDay } from "@/lib/calendar";
import { INCIDENT_STATUSES, INCIDENT_TYPES } from "@/lib/incidents/labels";

/** One school of the trust, or (absent) all of them. */
export const trustSchoolFilter = z.object({ schoolId: z.string().min(1).max(100).optional() });

export const trustIncidentFilters = trustSchoolFilter.extend({
  status: z.enum(INCIDENT_STATUSES).optional(),
  type: z.enum(INCIDENT_TYPES).optional(),
  from: calendarDay.optional(),
  to: calendarDay.optional(),
});
export type TrustIncidentFilters = z.infer<typeof trustIncidentFilters>;

const INCIDENT_PARAMS = ["schoolId", "status", "type", "from", "to"] as const satisfies readonly (keyof TrustIncidentFilters)[];

/** The filters in a CSV link, strictly: a bad value is answered with its reason, never ignored. */
export function trustIncidentFiltersFromSearchParams(params: URLSearchParams): { filters: TrustIncidentFilters } | { error: string } {
  const raw = Object.fromEntries(INCIDENT_PARAMS.map((key) => [key, params.get(key) || undefined]));
  const parsed = trustIncidentFilters.safeParse(raw);
  if (!parsed.success) return { error: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ") };
  return { filters: parsed.data };
}

/** The query string of a CSV link for these filters. */
export function trustIncidentFiltersToSearchParams(filters: TrustIncidentFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of INCIDENT_PARAMS) if (filters[key]) params.set(key, filters[key]);
  return params;
}
