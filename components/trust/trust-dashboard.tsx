"use client";
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { School } from "lucide-react";
import { DataTable, DataTableToolbar, type DataTableColumn } from "@/components/data-table/data-table";
import { pickParam, useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import { SYNC_STATUS_BADGES } from "@/components/sync/sync-summary";
import { Badge } from "@/components/ui/badge";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { schoolPageHref } from "@/lib/school-page-link";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";

type Row = RouterOutputs["trust"]["dashboard"]["rows"][number];

const SORTS = ["name", "mis", "lastSync", "nextSync", "staff", "pupils", "openIncidents", "incidentsThisTerm", "unmatchedSignIns", "attention"] as const;
type Sort = (typeof SORTS)[number];
const PAGE_SIZE = 50;

/** What each column sorts by. */
const SORT_VALUE: Record<Sort, (row: Row) => string | number> = {
  name: (r) => r.name.toLowerCase(),
  mis: (r) => (r.mis ?? "").toLowerCase(),
  lastSync: (r) => r.lastSucceededAt?.getTime() ?? 0,
  nextSync: (r) => r.nextSyncAt?.getTime() ?? Number.MAX_SAFE_INTEGER,
  staff: (r) => r.staff,
  pupils: (r) => r.pupils,
  openIncidents: (r) => r.openIncidents,
  incidentsThisTerm: (r) => r.incidentsThisTerm,
  unmatchedSignIns: (r) => r.unmatchedSignIns,
  attention: (r) => r.attention.length,
};

/**
 * A link into one school's page. A plain anchor, not next/link: /trust/open switches the school
 * (a cookie the whole layout reads), so it must be a full page load and never prefetched.
 */
function SchoolLink({ row, to, className, label, children }: { row: Row; to: string; className?: string; label?: string; children: ReactNode }) {
  return (
    <a href={schoolPageHref(row.schoolId, to)} className={cn("underline-offset-4 hover:underline", className)} aria-label={label}>
      {children}
    </a>
  );
}

/** A figure that opens the school's page showing it. */
function Figure({ row, to, value, label }: { row: Row; to: string; value: number; label: string }) {
  return (
    <SchoolLink row={row} to={to} className="tabular-nums" label={`${value} ${label} at ${row.name}`}>
      {value.toLocaleString("en-GB")}
    </SchoolLink>
  );
}

function LastSync({ row }: { row: Row }) {
  if (!row.connected) return <Badge variant="outline">Not connected</Badge>;
  const run = row.lastSync;
  if (!run) return <span className="text-muted-foreground">Not synced yet</span>;
  const status = run.status === "SUCCEEDED" && run.warnings > 0 ? { label: `Synced with warnings (${run.warnings} skipped)`, variant: "outline" as const } : SYNC_STATUS_BADGES[run.status];
  return (
    <SchoolLink row={row} to="/staff" className="grid gap-0.5">
      <Badge variant={status.variant}>{status.label}</Badge>
      <span className="text-xs text-muted-foreground">{row.lastSucceededAt ? `Last worked ${formatDateTime(row.lastSucceededAt, row.timezone)}` : "Never succeeded"}</span>
    </SchoolLink>
  );
}

/** One row per school of the trust: sortable, filterable to the schools that need attention, each figure a link into the school. */
export function TrustDashboard() {
  const trpc = useTRPC();
  // While a school's sync waits or runs, the dashboard follows it.
  const dashboard = useQuery({
    ...trpc.trust.dashboard.queryOptions(),
    refetchInterval: (query) => (query.state.data?.rows.some((r) => r.lastSync?.status === "QUEUED" || r.lastSync?.status === "RUNNING") ? 3000 : false),
  });
  const { params, setParams, page } = useListParams();
  const sort = pickParam(params.get("sort"), SORTS, "name");
  const direction = pickParam(params.get("dir"), ["asc", "desc"] as const, "asc");
  const onlyAttention = params.get("attention") === "1";

  const all = dashboard.data?.rows;
  const rows = all
    ?.filter((r) => !onlyAttention || r.attention.length > 0)
    .sort((a, b) => {
      const [x, y] = [SORT_VALUE[sort](a), SORT_VALUE[sort](b)];
      return (x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name)) * (direction === "asc" ? 1 : -1);
    });
  const needingAttention = all?.filter((r) => r.attention.length > 0).length ?? 0;

  const columns: DataTableColumn<Row>[] = [
    {
      id: "name",
      header: "School",
      sortKey: "name",
      card: "title",
      className: "min-w-44 whitespace-normal",
      cell: (r) => (
        <SchoolLink row={r} to="/" className="font-medium">
          {r.name}
        </SchoolLink>
      ),
    },
    { id: "mis", header: "MIS", sortKey: "mis", cell: (r) => r.mis ?? "—" },
    { id: "lastSync", header: "Last sync", sortKey: "lastSync", cell: (r) => <LastSync row={r} /> },
    {
      id: "nextSync",
      header: "Next sync",
      sortKey: "nextSync",
      cell: (r) => (r.nextSyncAt ? <time dateTime={r.nextSyncAt.toISOString()}>{formatDateTime(r.nextSyncAt, r.timezone)}</time> : <span className="text-muted-foreground">Not scheduled</span>),
    },
    {
      id: "migration",
      header: "Migration",
      cell: (r) =>
        r.migration ? (
          <SchoolLink row={r} to="/migration">
            <Badge variant="outline" className="border-amber-500/60">
              {r.migration.fromMis ?? "MIS"} → {r.migration.toMis ?? "new MIS"}
              {r.migration.toReview > 0 ? `: ${r.migration.toReview} to review` : ": to check"}
            </Badge>
          </SchoolLink>
        ) : (
          "—"
        ),
    },
    { id: "staff", header: "Staff", sortKey: "staff", cell: (r) => <Figure row={r} to="/staff" value={r.staff} label="staff" /> },
    { id: "pupils", header: "Pupils", sortKey: "pupils", cell: (r) => <Figure row={r} to="/pupils" value={r.pupils} label="pupils" /> },
    { id: "openIncidents", header: "Open incidents", sortKey: "openIncidents", cell: (r) => <Figure row={r} to="/incidents?status=OPEN" value={r.openIncidents} label="open incidents" /> },
    {
      id: "incidentsThisTerm",
      header: "Incidents this term",
      sortKey: "incidentsThisTerm",
      cell: (r) => <Figure row={r} to={`/incidents?${new URLSearchParams({ from: r.term.from, to: r.term.to })}`} value={r.incidentsThisTerm} label={`incidents in the ${r.term.name}`} />,
    },
    { id: "unmatchedSignIns", header: "Unmatched sign-ins", sortKey: "unmatchedSignIns", cell: (r) => <Figure row={r} to="/matching" value={r.unmatchedSignIns} label="unmatched sign-ins" /> },
    {
      id: "attention",
      header: "Needs attention",
      sortKey: "attention",
      className: "min-w-40 whitespace-normal",
      cell: (r) =>
        r.attention.length ? (
          <span className="flex flex-wrap gap-1">
            {r.attention.map((reason) => (
              <Badge key={reason} variant={reason === "sync failed" ? "destructive" : "outline"}>
                {reason}
              </Badge>
            ))}
          </span>
        ) : (
          <span className="text-muted-foreground">Nothing</span>
        ),
    },
  ];

  return (
    <section aria-labelledby="trust-schools-heading" className="grid gap-3">
      <h2 id="trust-schools-heading" className="text-lg font-semibold">
        Schools
      </h2>
      <DataTableToolbar>
        <div className="flex items-center gap-2">
          <Switch id="needs-attention" checked={onlyAttention} onCheckedChange={(on) => setParams({ attention: on ? "1" : null, page: null })} />
          <Label htmlFor="needs-attention">Only schools that need attention ({needingAttention})</Label>
        </div>
      </DataTableToolbar>
      <DataTable
        label="Schools of the trust"
        columns={columns}
        rows={rows?.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
        rowKey={(r) => r.schoolId}
        total={rows?.length ?? 0}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={(next) => setParams({ page: next === 1 ? null : next })}
        sort={{ key: sort, direction, onChange: (key, dir) => setParams({ sort: key === "name" ? null : key, dir: dir === "asc" ? null : dir, page: null }) }}
        isLoading={dashboard.isPending}
        isFetching={dashboard.isFetching}
        error={dashboard.error?.message}
        cards
        empty={
          <EmptyState icon={School} title={onlyAttention ? "No school needs attention" : "No schools in the trust yet"}>
            {onlyAttention ? "Every school synced cleanly and has nothing waiting." : "A trust admin connects them from the trust's Wonde token above."}
          </EmptyState>
        }
      />
    </section>
  );
}
