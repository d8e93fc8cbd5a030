// The trust-wide views: the school services read over the trust's schools (server/trust/scope.ts),
// each row named with its school.
import { activityFacets } from "../activity/queries";
import { activityPage } from "../activity/service";
import type { ActivityFiltersInput } from "../activity/filters";
import type { Db } from "../db";
import { patternCharts } from "../incidents/patterns";
import { listIncidents, type IncidentListFilters } from "../incidents/service";
import { peopleWhere } from "../people/list";
import type { TrustAccess } from "./access";
import { trustScope, type TrustScope } from "./scope";

export type TrustCaller = { userId: string; trust: TrustAccess };

/** The incident services' reader for a trust member over a scope. */
export const trustIncidentReader = (caller: TrustCaller, scope: TrustScope) => ({ userId: caller.userId, role: caller.trust.role, schoolIds: scope.schoolIds, timeZone: scope.timeZone });

/** One page of the Activity log across the trust's schools (or one of them), newest first. */
export async function trustActivity(db: Db, caller: TrustCaller, input: ActivityFiltersInput & { schoolId?: string; cursor?: string | null; limit: number }) {
  const scope = await trustScope(db, caller.trust, input.schoolId);
  return activityPage(db, scope.schoolIds, scope.timeZone, input);
}

/** The Activity log's filter choices across the trust's schools. */
export async function trustActivityFacets(db: Db, caller: TrustCaller) {
  const scope = await trustScope(db, caller.trust);
  return activityFacets(db, scope.schoolIds);
}

/** The incident list across the trust's schools (or one of them), newest first. */
export async function trustIncidents(db: Db, caller: TrustCaller, filters: Omit<IncidentListFilters, "personId" | "locationId"> & { schoolId?: string }) {
  const scope = await trustScope(db, caller.trust, filters.schoolId);
  return listIncidents(db, trustIncidentReader(caller, scope), filters);
}

const RATE_DECIMALS = 10;

/**
 * Incident patterns across the trust's schools: the school view's charts, and per school its
 * incidents, pupils on roll (as its Pupils list counts them) and incidents per 100 pupils.
 */
export async function trustPatterns(db: Db, caller: TrustCaller, input: { schoolId?: string; from: string; to: string; type?: Parameters<typeof patternCharts>[1]["type"] }) {
  const scope = await trustScope(db, caller.trust, input.schoolId);
  const [charts, pupils] = await Promise.all([
    patternCharts(db, { schoolIds: scope.schoolIds, timeZone: scope.timeZone, from: input.from, to: input.to, type: input.type }),
    db.person.groupBy({ by: ["schoolId"], where: peopleWhere(scope.schoolIds, "PUPIL", { status: "current" }), _count: { _all: true } }),
  ]);
  const incidents = new Map(charts.bySchool.map((r) => [r.schoolId, r.count]));
  const onRoll = new Map(pupils.map((r) => [r.schoolId, r._count._all]));
  const bySchool = scope.schools.map((s) => {
    const count = incidents.get(s.id) ?? 0;
    const pupilCount = onRoll.get(s.id) ?? 0;
    return { schoolId: s.id, school: s.name, count, pupils: pupilCount, rate: pupilCount ? Math.round((count / pupilCount) * 100 * RATE_DECIMALS) / RATE_DECIMALS : null };
  });
  const totalPupils = bySchool.reduce((sum, s) => sum + s.pupils, 0);
  return {
    ...charts,
    bySchool,
    pupils: totalPupils,
    rate: totalPupils ? Math.round((charts.total / totalPupils) * 100 * RATE_DECIMALS) / RATE_DECIMALS : null,
  };
}
