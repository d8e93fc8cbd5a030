// The Activity log's filters as they travel in a URL (the page's address, the CSV export's
// link) and in tRPC inputs. Pure zod: the page's client components import it too.
import { z } from "zod";

export const PERSON_KINDS = ["PUPIL", "STAFF"] as const;
export type PersonKindFilter = (typeof PERSON_KINDS)[number];
export const PERSON_KIND_LABELS: Record<PersonKindFilter, string> = { PUPIL: "Pupil", STAFF: "Staff" };

/** "YYYY-MM-DD", a real calendar date (read in the school's timezone by the server). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-23.")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "That date doesn't exist.");

export const activityFiltersInput = z.object({
  /** First day included, in the school's timezone. */
  from: calendarDate.optional(),
  /** Last day included, in the school's timezone. */
  to: calendarDate.optional(),
  actions: z.array(z.string().trim().min(1).max(100)).min(1).max(20).optional(),
  kind: z.enum(PERSON_KINDS).optional(),
  /** The actor as the log labels it: "Sync", "Sign-in", a user's name or email. */
  actor: z.string().trim().min(1).max(200).optional(),
  /** Free text, matched against the subject, the actor and the action. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type ActivityFiltersInput = z.infer<typeof activityFiltersInput>;

/** URL parameter for each filter; `action` may repeat. */
const PARAMS = { from: "from", to: "to", actions: "action", kind: "kind", actor: "actor", q: "q" } as const satisfies Record<keyof ActivityFiltersInput, string>;
export const ACTIVITY_FILTER_PARAMS: readonly string[] = Object.values(PARAMS);

/**
 * The filters in a URL's query. URL values are only a suggestion: a value that doesn't
 * validate (a mistyped date, an unknown kind) is ignored rather than failing the page.
 */
export function activityFiltersFromSearchParams(params: URLSearchParams): ActivityFiltersInput {
  const raw: Record<keyof ActivityFiltersInput, unknown> = {
    from: params.get(PARAMS.from) || undefined,
    to: params.get(PARAMS.to) || undefined,
    actions: params.getAll(PARAMS.actions).filter(Boolean),
    kind: params.get(PARAMS.kind) || undefined,
    actor: params.get(PARAMS.actor) || undefined,
    q: params.get(PARAMS.q)?.trim() || undefined,
  };
  const filters: Record<string, unknown> = {};
  for (const key of Object.keys(raw) as (keyof ActivityFiltersInput)[]) {
    const parsed = activityFiltersInput.shape[key].safeParse(raw[key]);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as ActivityFiltersInput;
}

/** The query string for these filters (the inverse of activityFiltersFromSearchParams). */
export function activityFiltersToSearchParams(filters: ActivityFiltersInput, params = new URLSearchParams()): URLSearchParams {
  for (const key of Object.keys(PARAMS) as (keyof ActivityFiltersInput)[]) {
    params.delete(PARAMS[key]);
    const value = filters[key];
    if (Array.isArray(value)) for (const item of value) params.append(PARAMS[key], item);
    else if (value) params.set(PARAMS[key], value);
  }
  return params;
}

/** Whether any filter is set. */
export const hasActivityFilters = (filters: ActivityFiltersInput) => Object.values(filters).some((value) => value !== undefined);
