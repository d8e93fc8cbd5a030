// The Activity log's filters as they travel in a URL (the page's address, the CSV export's
// link) and in tRPC inputs. Pure zod: the page's client components import it too.
import { z } from "zod";
import { calendarDay } from "@/lib/calendar";

export const PERSON_KINDS = ["PUPIL", "STAFF"] as const;
export type PersonKindFilter = (typeof PERSON_KINDS)[number];
export const PERSON_KIND_LABELS: Record<PersonKindFilter, string> = { PUPIL: "Pupil", STAFF: "Staff" };

/** Text typed into a filter; control characters (NUL, …) never match anything and break CSV. */
const filterText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "Remove the control characters from this text.");

export const activityFiltersInput = z.object({
  /** First day included, in the school's timezone. */
  from: calendarDay.optional(),
  /** Last day included, in the school's timezone. */
  to: calendarDay.optional(),
  actions: z.array(filterText(100)).min(1).max(20).optional(),
  kind: z.enum(PERSON_KINDS).optional(),
  /** The actor as the log labels it: "Sync", "Sign-in", a user's name or email. */
  actor: filterText(200).optional(),
  /** Free text, matched against the subject, the actor and the action. */
  q: filterText(100).optional(),
});
export type ActivityFiltersInput = z.infer<typeof activityFiltersInput>;

/** URL parameter for each filter; `action` may repeat. */
const PARAMS = { from: "from", to: "to", actions: "action", kind: "kind", actor: "actor", q: "q" } as const satisfies Record<keyof ActivityFiltersInput, string>;
export const ACTIVITY_FILTER_PARAMS: readonly string[] = Object.values(PARAMS);

/** Each filter present in the URL, validated; the ones that don't validate, with their reason. */
function readFilterParams(params: URLSearchParams): { filters: ActivityFiltersInput; problems: string[] } {
  const actions = params.getAll(PARAMS.actions).filter(Boolean);
  const raw: Record<keyof ActivityFiltersInput, unknown> = {
    from: params.get(PARAMS.from) || undefined,
    to: params.get(PARAMS.to) || undefined,
    actions: actions.length ? actions : undefined,
    kind: params.get(PARAMS.kind) || undefined,
    actor: params.get(PARAMS.actor) || undefined,
    q: params.get(PARAMS.q)?.trim() || undefined,
  };
  const filters: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const key of Object.keys(raw) as (keyof ActivityFiltersInput)[]) {
    const parsed = activityFiltersInput.shape[key].safeParse(raw[key]);
    if (!parsed.success) problems.push(`${PARAMS[key]}: ${parsed.error.issues[0]?.message ?? "not a valid value"}`);
    else if (parsed.data !== undefined) filters[key] = parsed.data;
  }
  return { filters: filters as ActivityFiltersInput, problems };
}

/**
 * The filters in a URL's query. URL values are only a suggestion: a value that doesn't
 * validate (a mistyped date, an unknown kind) is ignored rather than failing the page.
 */
export function activityFiltersFromSearchParams(params: URLSearchParams): ActivityFiltersInput {
  return readFilterParams(params).filters;
}

/**
 * The filters in a URL, strictly: the CSV export answers a bad value with its reason (a
 * mistyped date must not quietly export the whole log).
 */
export function activityFiltersFromSearchParamsStrictly(params: URLSearchParams): { filters: ActivityFiltersInput } | { error: string } {
  const { filters, problems } = readFilterParams(params);
  return problems.length ? { error: problems.join("; ") } : { filters };
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
