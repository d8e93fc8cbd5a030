"use client";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { GraduationCap } from "lucide-react";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { SearchableTable } from "@/components/data-table/searchable-table";
import { useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import { NotRecorded } from "@/components/people/not-provided";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatCalendarDate } from "@/lib/format";
import { formatPersonName } from "@/lib/person-name";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import { yearGroupLabel } from "@/lib/year-group";

type PupilRow = RouterOutputs["pupils"]["list"]["rows"][number];

const PAGE_SIZE = 25;
const ALL_YEARS = "all";
const STATUSES = [
  { value: "current", label: "On roll" },
  { value: "archived", label: "Left" },
  { value: "all", label: "On roll and left" },
] as const;
type Status = (typeof STATUSES)[number]["value"];
const isStatus = (value: string | null): value is Status => STATUSES.some((s) => s.value === value);

/** "Left on 18 Jul 2025" for a leaver (the MIS's leaving date), "On roll" otherwise. */
export function pupilStatusLabel(row: { archivedAt: Date | null; leavingDate: Date | null }): string {
  if (!row.archivedAt) return "On roll";
  return row.leavingDate ? `Left on ${formatCalendarDate(row.leavingDate)}` : "Left";
}

/** Pupils on roll, read-only; UPNs arrive already masked for non-admins. */
export function PupilsTable({ schoolId, isAdmin }: { schoolId: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const { params, setParams, page, search } = useListParams();
  const year = params.get("year") ?? undefined;
  const statusParam = params.get("status");
  const status: Status = isStatus(statusParam) ? statusParam : "current";

  const pupils = useQuery({
    ...trpc.pupils.list.queryOptions({ schoolId, page, pageSize: PAGE_SIZE, search: search || undefined, year, status }),
    placeholderData: keepPreviousData,
  });
  const years = pupils.data?.years ?? [];

  const columns: DataTableColumn<PupilRow>[] = [
    { id: "name", header: "Name", cell: (row) => <span className="font-medium">{formatPersonName(row)}</span> },
    { id: "year", header: "Year group", cell: (row) => yearGroupLabel(row.ncYear) },
    {
      id: "upn",
      header: "UPN",
      cell: (row) => (row.upn ? <span className="font-mono text-xs">{row.upn}</span> : <NotRecorded />),
    },
    { id: "admissionNumber", header: "Admission number", cell: (row) => row.admissionNumber ?? <NotRecorded /> },
    {
      id: "dateOfBirth",
      header: "Date of birth",
      cell: (row) => (row.dateOfBirth ? <time dateTime={row.dateOfBirth.toISOString().slice(0, 10)}>{formatCalendarDate(row.dateOfBirth)}</time> : <NotRecorded />),
    },
    ...(status === "current"
      ? []
      : [
          {
            id: "status",
            header: "Status",
            cell: (row: PupilRow) => <Badge variant={row.archivedAt ? "outline" : "secondary"}>{pupilStatusLabel(row)}</Badge>,
          },
        ]),
  ];

  const empty = (
    <EmptyState
      icon={GraduationCap}
      title="No pupils yet"
      action={
        isAdmin ? (
          <Button asChild variant="outline">
            <Link href="/staff">Go to Staff to press Sync Data</Link>
          </Button>
        ) : undefined
      }
    >
      Pupils appear here after the first sync from your MIS.{" "}
      {isAdmin ? "Connect Wonde in Settings, then press Sync Data on the Staff page." : "Your school's administrator runs the sync."}
    </EmptyState>
  );

  return (
    <SearchableTable
      label="Pupils"
      noun="pupils"
      searchLabel="Search pupils"
      searchPlaceholder="Search by name or initials"
      filterKeys={["year", "status"]}
      filters={
        <>
          <Select value={status} onValueChange={(value) => setParams({ status: value === "current" ? null : value, page: null })}>
            <SelectTrigger aria-label="Status" className="w-44">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {STATUSES.map((s) => (
                <SelectItem key={s.value} value={s.value}>
                  {s.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Select value={year ?? ALL_YEARS} onValueChange={(value) => setParams({ year: value === ALL_YEARS ? null : value, page: null })}>
            <SelectTrigger aria-label="Year group" className="w-44">
              <SelectValue placeholder="All year groups" />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL_YEARS}>All year groups</SelectItem>
              {years.map((code) => (
                <SelectItem key={code} value={code}>
                  {yearGroupLabel(code)}
                </SelectItem>
              ))}
              {year && !years.includes(year) && <SelectItem value={year}>{yearGroupLabel(year)}</SelectItem>}
            </SelectContent>
          </Select>
        </>
      }
      emptyState={empty}
      columns={columns}
      rows={pupils.data?.rows}
      rowKey={(row) => row.id}
      cards
      total={pupils.data?.total ?? 0}
      pageSize={PAGE_SIZE}
      isLoading={pupils.isPending}
      isFetching={pupils.isPlaceholderData}
      error={pupils.error?.message}
    />
  );
}
