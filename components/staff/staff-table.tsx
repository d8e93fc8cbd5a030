"use client";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { TriangleAlert, Users } from "lucide-react";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { SearchableTable } from "@/components/data-table/searchable-table";
import { pickParam, useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import { NotProvided, NotRecorded } from "@/components/people/not-provided";
import { StaffLink } from "@/components/people/person-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import { PersonAvatar } from "@/components/people/person-avatar";

type StaffRow = RouterOutputs["staff"]["list"]["rows"][number];

const SORTS = ["name", "jobTitle", "email", "lastSyncedAt"] as const;
const STATUSES = ["current", "archived", "all"] as const;
const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = { current: "Current staff", archived: "Staff who have left", all: "All staff" };
const PAGE_SIZE = 25;

export type StaffTableProps = {
  schoolId: string;
  timezone: string;
  /** The MIS as people know it ("SIMS"), for "Not provided by SIMS". */
  misName: string;
  /** What the school's MIS shares through Wonde. */
  capabilities: { roles: boolean; reportsTo: boolean };
  connected: boolean;
};

/** Users & Groups → Staff Management: the school's staff from its MIS. */
export function StaffTable({ schoolId, timezone, misName, capabilities, connected }: StaffTableProps) {
  const trpc = useTRPC();
  const { params, setParams, page, search } = useListParams();
  const sort = pickParam(params.get("sort"), SORTS, "name");
  const direction = pickParam(params.get("dir"), ["asc", "desc"] as const, "asc");
  const status = pickParam(params.get("status"), STATUSES, "current");

  const staff = useQuery({
    ...trpc.staff.list.queryOptions({ schoolId, page, pageSize: PAGE_SIZE, search: search || undefined, sort, direction, status }),
    placeholderData: keepPreviousData,
  });

  const columns: DataTableColumn<StaffRow>[] = [
    {
      id: "name",
      header: "Name",
      sortKey: "name",
      className: "min-w-44 whitespace-normal",
      cell: (row) => (
        <span className="flex items-center gap-2">
          <PersonAvatar personId={row.id} name={`${row.forename} ${row.surname}`} initials={row.initials} photoHash={row.photo?.hash ?? null} className="size-7" />
          <StaffLink person={row} title />
        </span>
      ),
    },
    {
      id: "jobTitle",
      header: "Job title",
      sortKey: "jobTitle",
      // Wraps, with teaching or not beneath: the whole table fits a 1280 px screen.
      className: "min-w-40 whitespace-normal",
      cell: (row) => (
        <span className="grid">
          <span>{row.jobTitle ?? (capabilities.roles ? <NotRecorded /> : <NotProvided mis={misName} />)}</span>
          <span className="text-xs text-muted-foreground">{row.teaching === null ? "Teaching role unknown" : row.teaching ? "Teaching" : "Non-teaching"}</span>
        </span>
      ),
    },
    {
      id: "email",
      header: "Email",
      sortKey: "email",
      cell: (row) =>
        row.email ?? (
          <Badge variant="outline" className="border-amber-500/50 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            <TriangleAlert aria-hidden /> No work email — can&apos;t sign in
          </Badge>
        ),
    },
    {
      id: "lineManager",
      header: "Line manager",
      className: "min-w-40 whitespace-normal",
      cell: (row) => (row.lineManager ? <StaffLink person={row.lineManager} /> : capabilities.reportsTo ? <NotRecorded>None</NotRecorded> : <NotProvided mis={misName} />),
    },
    {
      id: "lastSyncedAt",
      header: "Last synced",
      sortKey: "lastSyncedAt",
      card: "hidden",
      cell: (row) =>
        row.lastSyncedAt ? <time dateTime={row.lastSyncedAt.toISOString()}>{formatDateTime(row.lastSyncedAt, timezone)}</time> : <NotRecorded>Never</NotRecorded>,
    },
    {
      id: "status",
      header: "Status",
      cell: (row) => (row.archivedAt ? <Badge variant="outline">Left</Badge> : <Badge variant="secondary">Current</Badge>),
    },
  ];

  const empty = (
    <EmptyState
      icon={Users}
      title="No staff yet"
      action={
        connected ? undefined : (
          <Button asChild variant="outline">
            <Link href="/settings">Open Settings</Link>
          </Button>
        )
      }
    >
      {connected ? <>Press Sync Data (top right) to bring in your current staff from {misName}.</> : <>Connect Wonde in Settings, then press Sync Data to bring in your current staff.</>}
    </EmptyState>
  );

  return (
    <SearchableTable
      label="Staff"
      noun="staff"
      searchLabel="Search staff"
      searchPlaceholder="Search by name, initials or email"
      filterKeys={["status"]}
      filters={
        <Select value={status} onValueChange={(value) => setParams({ status: value === "current" ? null : value, page: null })}>
          <SelectTrigger aria-label="Staff status" className="w-48">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {STATUSES.map((value) => (
              <SelectItem key={value} value={value}>
                {STATUS_LABELS[value]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      }
      emptyState={empty}
      columns={columns}
      rows={staff.data?.rows}
      rowKey={(row) => row.id}
      rowHref={(row) => `/staff/${row.id}`}
      cards
      total={staff.data?.total ?? 0}
      pageSize={PAGE_SIZE}
      sort={{ key: sort, direction, onChange: (key, dir) => setParams({ sort: key === "name" ? null : key, dir: dir === "asc" ? null : dir, page: null }) }}
      isLoading={staff.isPending}
      isFetching={staff.isPlaceholderData}
      error={staff.error?.message}
    />
  );
}
