"use client";
import { useMemo, type ReactNode } from "react";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Activity, AlertCircle, Info, SearchX } from "lucide-react";
import { DataTableSkeleton } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";
import { ACTIVITY_FILTER_PARAMS, activityFiltersFromSearchParams, activityFiltersToSearchParams, hasActivityFilters, PERSON_KIND_LABELS } from "@/server/activity/filters";
import { ActionBadge } from "./action-badge";
import { ActivityFilters, MIGRATION_CHECK_ACTION } from "./activity-filters";

/** An event; across a trust's schools, with its school. */
type Entry = RouterOutputs["activity"]["list"]["rows"][number] & { schoolId?: string | null };
/** What the view reads of the log's infinite query. */
type LogPages = {
  data: { pages: { rows: Entry[] }[] } | undefined;
  error: { message: string } | null;
  isFetching: boolean;
  isPlaceholderData: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

export const ACTIVITY_PAGE_SIZE = 50;
export const ACTIVITY_HEADERS = ["When", "Action", "Subject", "Details", "By"];
/** Across a trust's schools: each event's school first. */
export const TRUST_ACTIVITY_HEADERS = ["School", ...ACTIVITY_HEADERS];

/** "SyncRun" → "Sync run" */
const typeLabel = (type: string) => type.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^(.)(.*)$/, (_, a: string, b: string) => a + b.toLowerCase());

function EntryRow({ entry, timezone, school }: { entry: Entry; timezone: string; school?: string }) {
  const secondary = entry.personKind ? PERSON_KIND_LABELS[entry.personKind] : entry.subjectType ? typeLabel(entry.subjectType) : null;
  return (
    <TableRow>
      {school !== undefined && <TableCell className="min-w-32 whitespace-normal">{school}</TableCell>}
      <TableCell className="whitespace-nowrap">
        <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at, timezone)}</time>
      </TableCell>
      <TableCell>
        <ActionBadge action={entry.action} />
      </TableCell>
      <TableCell>
        <div className="font-medium">{entry.subjectLabel ?? "—"}</div>
        {secondary && <div className="text-xs text-muted-foreground">{secondary}</div>}
      </TableCell>
      <TableCell className="max-w-md text-sm whitespace-normal text-muted-foreground">{entry.summary || "—"}</TableCell>
      <TableCell className="whitespace-nowrap">{entry.actorLabel}</TableCell>
    </TableRow>
  );
}

/** An entry on a phone: what happened and when on top, to whom, the details, and by whom. */
function EntryCard({ entry, timezone, school }: { entry: Entry; timezone: string; school?: string }) {
  const secondary = entry.personKind ? PERSON_KIND_LABELS[entry.personKind] : entry.subjectType ? typeLabel(entry.subjectType) : null;
  return (
    <li className="grid gap-1.5 rounded-lg border p-3 text-sm">
      {school !== undefined && <p className="text-xs font-medium text-muted-foreground">{school}</p>}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <ActionBadge action={entry.action} />
        <time className="text-muted-foreground" dateTime={entry.at.toISOString()}>
          {formatDateTime(entry.at, timezone)}
        </time>
      </div>
      <div className="min-w-0 break-words">
        <span className="font-medium">{entry.subjectLabel ?? "—"}</span>
        {secondary && <span className="text-muted-foreground"> · {secondary}</span>}
      </div>
      {entry.summary && <p className="break-words text-muted-foreground">{entry.summary}</p>}
      <p className="text-xs text-muted-foreground">By {entry.actorLabel}</p>
    </li>
  );
}

/** The Activity log: filters kept in the URL, newest first, "Load more" by keyset cursor, CSV export. */
export function ActivityLog({ schoolId, timezone }: { schoolId: string; timezone: string }) {
  const trpc = useTRPC();
  const { params } = useListParams();
  const filters = useMemo(() => activityFiltersFromSearchParams(params), [params]);
  const facets = useQuery(trpc.activity.facets.queryOptions({ schoolId }));
  const log = useInfiniteQuery({
    ...trpc.activity.list.infiniteQueryOptions({ schoolId, ...filters, limit: ACTIVITY_PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const exportHref = `/api/activity/export?${activityFiltersToSearchParams(filters, new URLSearchParams({ schoolId })).toString()}`;
  const migrationDate = facets.data?.migrationDate;
  const migrationCheck = migrationDate && filters.from === migrationDate && filters.actions?.length === 1 && filters.actions[0] === MIGRATION_CHECK_ACTION;
  return (
    <ActivityLogView
      log={log}
      facets={facets.data}
      exportHref={exportHref}
      timezone={timezone}
      notice={
        migrationCheck && (
          <Alert className="mb-3">
            <Info aria-hidden />
            <AlertTitle>Accounts created since your MIS migration on {formatCalendarDate(new Date(migrationDate))}</AlertTitle>
            <AlertDescription>
              If only staff (and perhaps a few new pupils) appear, pupils kept their accounts. If your whole pupil list appears, their accounts were created afresh:
              pupils will need new sign-in details and re-matching. Use Person kind to check pupils and staff separately.
            </AlertDescription>
          </Alert>
        )
      }
    />
  );
}

/**
 * The log as shown, from any source: a school's, or a trust's schools' (with `schoolName`, each
 * event's school is its first column and `scopeFilter` picks one school).
 */
export function ActivityLogView({
  log,
  facets,
  exportHref,
  timezone,
  notice,
  schoolName,
  scopeFilter,
}: {
  log: LogPages;
  facets: { actions: string[]; actors: string[]; migrationDate?: string | null } | undefined;
  exportHref: string;
  timezone: string;
  notice?: ReactNode;
  schoolName?: (entry: Entry) => string;
  scopeFilter?: ReactNode;
}) {
  const { params, setParams } = useListParams();
  const filters = useMemo(() => activityFiltersFromSearchParams(params), [params]);
  const filtered = hasActivityFilters(filters);
  const rows = log.data?.pages.flatMap((page) => page.rows);
  const headers = schoolName ? TRUST_ACTIVITY_HEADERS : ACTIVITY_HEADERS;

  let body;
  if (log.error)
    body = (
      <Alert variant="destructive">
        <AlertCircle aria-hidden />
        <AlertTitle>The activity log couldn&apos;t be loaded</AlertTitle>
        <AlertDescription>{log.error.message}</AlertDescription>
      </Alert>
    );
  else if (!rows) body = <DataTableSkeleton label="Activity log" headers={headers} />;
  else if (rows.length === 0)
    body = filtered ? (
      <EmptyState
        icon={SearchX}
        title="No events match"
        action={
          <Button variant="outline" onClick={() => setParams(Object.fromEntries(ACTIVITY_FILTER_PARAMS.map((key) => [key, null])))}>
            Clear filters
          </Button>
        }
      >
        Nothing in the log matches these filters. Try a wider date range or a shorter search.
      </EmptyState>
    ) : (
      <EmptyState icon={Activity} title="No activity yet">
        Sign-ins, syncs, user matching and incidents are recorded here as they happen.
      </EmptyState>
    );
  else
    body = (
      <div className="grid grid-cols-1 gap-3">
        <ul aria-label="Activity log" aria-busy={log.isFetching || undefined} className={cn("grid gap-2 transition-opacity md:hidden", log.isPlaceholderData && "opacity-60")}>
          {rows.map((entry) => (
            <EntryCard key={entry.id} entry={entry} timezone={timezone} school={schoolName?.(entry)} />
          ))}
        </ul>
        <div className={cn("hidden rounded-lg border transition-opacity md:block", log.isPlaceholderData && "opacity-60")} aria-busy={log.isFetching || undefined}>
          <Table aria-label="Activity log">
            <TableHeader>
              <TableRow>
                {headers.map((header) => (
                  <TableHead key={header}>{header}</TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((entry) => (
                <EntryRow key={entry.id} entry={entry} timezone={timezone} school={schoolName?.(entry)} />
              ))}
            </TableBody>
          </Table>
        </div>
        <nav aria-label="Activity log pages" className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
          <p aria-live="polite">
            Showing the newest {rows.length.toLocaleString("en-GB")} {rows.length === 1 ? "event" : "events"}
            {log.hasNextPage ? "" : " — that's everything"}
            {filtered ? " matching these filters" : ""}.
          </p>
          {log.hasNextPage && (
            <Button variant="outline" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? "Loading…" : "Load more"}
            </Button>
          )}
        </nav>
      </div>
    );

  return (
    <>
      <ActivityFilters filters={filters} facets={facets} setParams={setParams} exportHref={exportHref} scopeFilter={scopeFilter} />
      {notice}
      {body}
    </>
  );
}
