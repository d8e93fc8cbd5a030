"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ClipboardList, Download } from "lucide-react";
import { DataTable, DataTableToolbar, type DataTableColumn } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/use-list-params";
import { incidentColumns, type IncidentRow } from "@/components/incidents/incident-book";
import { DateField, FilterSelect, NoIncidentsMatch, STATUS_OPTIONS, TYPE_OPTIONS } from "@/components/incidents/incident-filter-fields";
import { EmptyState } from "@/components/layout/empty-state";
import { Button } from "@/components/ui/button";
import { INCIDENT_STATUSES, INCIDENT_TYPES, type IncidentStatus, type IncidentType } from "@/lib/incidents/labels";
import { schoolPageHref } from "@/lib/school-page-link";
import { useTRPC } from "@/lib/trpc";
import { trustIncidentFiltersToSearchParams } from "@/server/trust/filters";
import { SCHOOL_PARAM, SchoolFilter } from "./school-filter";

const PAGE_SIZE = 25;
const FILTER_KEYS = [SCHOOL_PARAM, "status", "type", "from", "to"];
const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/**
 * A link into the incident at its school. A plain anchor: /trust/open switches the school (a
 * cookie the whole layout reads), so it is a full page load.
 */
const incidentLink = (r: IncidentRow) => (
  <a href={schoolPageHref(r.school.id, `/incidents/${r.id}`)} className="font-medium underline-offset-4 hover:underline">
    {r.reference}
  </a>
);

const COLUMNS: DataTableColumn<IncidentRow>[] = [{ id: "school", header: "School", className: "min-w-36 whitespace-normal", cell: (r) => r.school.name }, ...incidentColumns(incidentLink)];

/** The incident list across the trust's schools: the book's columns with a School column first; filters in the URL; CSV export. */
export function TrustIncidentList() {
  const trpc = useTRPC();
  const { params, setParams, page } = useListParams();
  const filters = {
    schoolId: params.get(SCHOOL_PARAM) ?? undefined,
    status: INCIDENT_STATUSES.includes(params.get("status") as IncidentStatus) ? (params.get("status") as IncidentStatus) : undefined,
    type: INCIDENT_TYPES.includes(params.get("type") as IncidentType) ? (params.get("type") as IncidentType) : undefined,
    from: day(params.get("from")),
    to: day(params.get("to")),
  };
  const incidents = useQuery({ ...trpc.trust.incidents.queryOptions({ ...filters, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const filtered = FILTER_KEYS.some((k) => params.has(k));

  return (
    <div className="grid gap-3">
      <DataTableToolbar>
        <div className="grid w-full grid-cols-2 items-end gap-3 md:flex md:w-auto md:flex-wrap">
          <div className="col-span-2 grid gap-1 md:col-span-1">
            <span className="text-xs text-muted-foreground">School</span>
            <SchoolFilter />
          </div>
          <FilterSelect id="trust-filter-status" label="Status" value={params.get("status")} options={STATUS_OPTIONS} allLabel="Any status" onChange={(status) => setParams({ status, page: null })} />
          <FilterSelect id="trust-filter-type" label="Type" value={params.get("type")} options={TYPE_OPTIONS} allLabel="Any type" onChange={(type) => setParams({ type, page: null })} />
          <DateField id="trust-filter-from" label="From" value={filters.from} onChange={(from) => setParams({ from, page: null })} />
          <DateField id="trust-filter-to" label="To" value={filters.to} onChange={(to) => setParams({ to, page: null })} />
        </div>
        <Button asChild variant="outline" className="h-11 md:h-9">
          <a href={`/api/trust/incidents/export?${trustIncidentFiltersToSearchParams(filters).toString()}`} download>
            <Download aria-hidden /> Export CSV
          </a>
        </Button>
      </DataTableToolbar>
      <DataTable
        label="Incidents across the trust"
        columns={COLUMNS}
        rows={incidents.data?.rows}
        rowKey={(r) => r.id}
        cards
        total={incidents.data?.total ?? 0}
        page={page}
        pageSize={PAGE_SIZE}
        onPageChange={(next) => setParams({ page: next === 1 ? null : next })}
        isLoading={incidents.isPending}
        isFetching={incidents.isPlaceholderData}
        error={incidents.error?.message}
        empty={
          filtered ? (
            <NoIncidentsMatch onClear={() => setParams({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, null])), page: null })}>Nothing in the schools&apos; books matches these filters.</NoIncidentsMatch>
          ) : (
            <EmptyState icon={ClipboardList} title="No incidents logged">
              Incidents logged in the trust&apos;s schools are listed here, newest first.
            </EmptyState>
          )
        }
      />
    </div>
  );
}
