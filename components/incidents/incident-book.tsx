"use client";
import { useState, type ReactNode } from "react";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { ClipboardList, Download, Loader2, SlidersHorizontal } from "lucide-react";
import { toast } from "sonner";
import { DataTable, DataTableToolbar, type DataTableColumn } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format";
import { INCIDENT_STATUSES, INCIDENT_TYPES, SEVERITY_LABELS, STATUS_LABELS, TYPE_LABELS, type IncidentStatus, type IncidentType } from "@/lib/incidents/labels";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";
import { affectedLabel } from "@/lib/incidents/people";
import { useReadOnly } from "@/components/layout/read-only";
import { DateField, FilterSelect, NoIncidentsMatch, STATUS_OPTIONS, TYPE_OPTIONS } from "./incident-filter-fields";
import { PersonCombobox } from "./person-combobox";

export type IncidentRow = RouterOutputs["incidents"]["list"]["rows"][number];
const PAGE_SIZE = 25;
const FILTER_KEYS = ["status", "type", "person", "who", "location", "from", "to"];
const day = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined);

/** Downloads text as a file in the browser. */
function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: filename });
  link.click();
  URL.revokeObjectURL(url);
}

/** The book's columns, the reference shown by `reference` (a link to the incident). */
export function incidentColumns(reference: (row: IncidentRow) => ReactNode): DataTableColumn<IncidentRow>[] {
  return [
    { id: "reference", header: "Reference", cell: reference },
    { id: "when", header: "When", cell: (r) => formatDateTime(r.occurredAt, r.school.timezone) },
    // Free text and lists of names wrap, so the table fits the screen.
    { id: "who", header: "Affected", className: "min-w-36 whitespace-normal", cell: (r) => r.affected.map((a) => affectedLabel(a).label).join("; ") },
    { id: "type", header: "Type", cell: (r) => TYPE_LABELS[r.type] },
    { id: "severity", header: "Severity", cell: (r) => SEVERITY_LABELS[r.severity] },
    { id: "where", header: "Where", className: "min-w-36 whitespace-normal", cell: (r) => r.location?.name ?? r.locationDetail ?? "—" },
    {
      id: "status",
      header: "Status",
      cell: (r) => (
        <span className="flex flex-wrap gap-1">
          <Badge variant={r.status === "OPEN" ? "secondary" : "outline"}>{STATUS_LABELS[r.status]}</Badge>
          {r.riddorReportable && <Badge variant="destructive">RIDDOR?</Badge>}
        </span>
      ),
    },
    { id: "notified", header: "Emails", cell: (r) => r._count.notifications || "—" },
  ];
}

/** The incident book: filters kept in the URL, newest first, server-side pages; CSV export for admins. */
export function IncidentBook({ schoolId, isAdmin }: { schoolId: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const readOnly = useReadOnly();
  const { params, setParams, page } = useListParams();
  const filters = {
    status: INCIDENT_STATUSES.includes(params.get("status") as IncidentStatus) ? (params.get("status") as IncidentStatus) : undefined,
    type: INCIDENT_TYPES.includes(params.get("type") as IncidentType) ? (params.get("type") as IncidentType) : undefined,
    personId: params.get("person") ?? undefined,
    locationId: params.get("location") ?? undefined,
    from: day(params.get("from")),
    to: day(params.get("to")),
  };
  const incidents = useQuery({ ...trpc.incidents.list.queryOptions({ schoolId, ...filters, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const locations = useQuery(trpc.incidents.locations.queryOptions({ schoolId, includeArchived: true }));
  const exportCsv = useMutation(
    trpc.incidents.exportCsv.mutationOptions({
      onSuccess: (r) => {
        download(r.filename, r.csv);
        toast.success(`Exported ${r.rows} incident${r.rows === 1 ? "" : "s"}`);
      },
      onError: (e) => toast.error("The export failed", { description: e.message }),
    }),
  );
  const filtered = FILTER_KEYS.some((k) => params.has(k));
  // "who" is the chosen person's name, shown with "person": one filter, not two.
  const activeFilters = FILTER_KEYS.filter((k) => k !== "who" && params.has(k)).length;
  const [showFilters, setShowFilters] = useState(false);

  const columns = incidentColumns((r) => (
    <Link href={`/incidents/${r.id}`} className="font-medium underline-offset-4 hover:underline">
      {r.reference}
    </Link>
  ));

  const select = (key: "status" | "type" | "location", label: string, options: { value: string; label: string }[], all: string) => (
    <FilterSelect id={`filter-${key}`} label={label} value={params.get(key)} options={options} allLabel={all} onChange={(value) => setParams({ [key]: value, page: null })} />
  );

  return (
    <div className="grid gap-3">
      <DataTableToolbar>
        {/* On a phone the filters fold away behind one button, so the book starts on the first screen. */}
        <Button variant="outline" className="h-11 md:hidden" aria-expanded={showFilters} aria-controls="incident-filters" onClick={() => setShowFilters((shown) => !shown)}>
          <SlidersHorizontal aria-hidden /> Filters{activeFilters ? ` (${activeFilters})` : ""}
        </Button>
        <div id="incident-filters" className={cn("order-last grid w-full grid-cols-2 items-end gap-3 md:order-none md:flex md:w-auto md:flex-wrap", !showFilters && "hidden")}>
          {select("status", "Status", STATUS_OPTIONS, "Any status")}
          {select("type", "Type", TYPE_OPTIONS, "Any type")}
          {select("location", "Location", (locations.data ?? []).map((l) => ({ value: l.id, label: l.name })), "Anywhere")}
          <DateField id="filter-from" label="From" value={filters.from} onChange={(from) => setParams({ from, page: null })} />
          <DateField id="filter-to" label="To" value={filters.to} onChange={(to) => setParams({ to, page: null })} />
          <div className="col-span-2 grid gap-1 md:w-72">
            <span className="text-xs text-muted-foreground">Person</span>
            <PersonCombobox
              schoolId={schoolId}
              label="Filter by person"
              value={filters.personId ? { id: filters.personId, label: params.get("who") ?? "Chosen person", secondary: "Showing their incidents", kind: "PUPIL", schoolId } : null}
              onChange={(p) => setParams({ person: p?.id ?? null, who: p?.label ?? null, page: null })}
            />
          </div>
        </div>
        {isAdmin && (
          <Button variant="outline" className="h-11 md:h-9" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate({ schoolId, ...filters })}>
            {exportCsv.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Download aria-hidden />} Export CSV
          </Button>
        )}
      </DataTableToolbar>
      <DataTable
        label="Incidents"
        columns={columns}
        rows={incidents.data?.rows}
        rowKey={(r) => r.id}
        rowHref={(r) => `/incidents/${r.id}`}
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
            <NoIncidentsMatch onClear={() => setParams({ ...Object.fromEntries(FILTER_KEYS.map((k) => [k, null])), page: null })}>Nothing in the book matches these filters.</NoIncidentsMatch>
          ) : (
            <EmptyState
              icon={ClipboardList}
              title="No incidents logged"
              action={
                readOnly ? undefined : (
                  <Button asChild>
                    <Link href="/incidents/new">Log incident</Link>
                  </Button>
                )
              }
            >
              {isAdmin ? "Incidents you and your colleagues log will be listed here, newest first." : "Incidents you log will be listed here, newest first."}
            </EmptyState>
          )
        }
      />
    </div>
  );
}
