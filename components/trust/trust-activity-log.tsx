"use client";
import { useMemo } from "react";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ACTIVITY_PAGE_SIZE, ActivityLogView } from "@/components/activity/activity-log";
import { useListParams } from "@/components/data-table/use-list-params";
import { useTRPC } from "@/lib/trpc";
import { activityFiltersFromSearchParams, activityFiltersToSearchParams } from "@/server/activity/filters";
import { SchoolFilter, useTrustSchools } from "./school-filter";

/** The Activity log across the trust's schools: the school log's view, with a School column and filter. */
export function TrustActivityLog({ timezone }: { timezone: string }) {
  const trpc = useTRPC();
  const { params } = useListParams();
  const filters = useMemo(() => activityFiltersFromSearchParams(params), [params]);
  const { schoolId, nameOf } = useTrustSchools();
  const facets = useQuery(trpc.trust.activityFacets.queryOptions());
  const log = useInfiniteQuery({
    ...trpc.trust.activity.infiniteQueryOptions({ schoolId, ...filters, limit: ACTIVITY_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const exportHref = `/api/trust/activity/export?${activityFiltersToSearchParams(filters, new URLSearchParams(schoolId ? { schoolId } : {})).toString()}`;
  return <ActivityLogView log={log} facets={facets.data} exportHref={exportHref} timezone={timezone} schoolName={(entry) => nameOf(entry.schoolId) || "Trust"} scopeFilter={<SchoolFilter />} />;
}
