"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { School } from "lucide-react";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { SearchableTable } from "@/components/data-table/searchable-table";
import { useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import { NotRecorded } from "@/components/people/not-provided";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import { StaffNames } from "./staff-names";

type ClassRow = RouterOutputs["classes"]["list"]["rows"][number];
const PAGE_SIZE = 25;

export type CurriculumTableProps = {
  schoolId: string;
  isAdmin: boolean;
  misName: string;
  /** Whether the MIS shares which staff teach what (false for Bromcom, iSAMS, …). */
  staffLinksProvided: boolean;
};

/** Classes from the MIS with their teachers and how many pupils are in each. */
export function ClassesTable({ schoolId, isAdmin, misName, staffLinksProvided }: CurriculumTableProps) {
  const trpc = useTRPC();
  const { page, search } = useListParams();
  const classes = useQuery({ ...trpc.classes.list.queryOptions({ schoolId, page, pageSize: PAGE_SIZE, search: search || undefined }), placeholderData: keepPreviousData });

  const columns: DataTableColumn<ClassRow>[] = [
    {
      id: "name",
      header: "Class",
      cell: (row) => (
        <>
          <span className="font-medium">{row.name}</span>
          {row.code && row.code !== row.name && <span className="text-muted-foreground"> ({row.code})</span>}
          {row.description && <span className="block text-xs text-muted-foreground">{row.description}</span>}
        </>
      ),
    },
    { id: "subject", header: "Subject", cell: (row) => row.subject?.name ?? <NotRecorded>None</NotRecorded> },
    { id: "staff", header: "Staff", cell: (row) => <StaffNames staff={row.staff} linked={isAdmin} provided={staffLinksProvided} mis={misName} /> },
    { id: "pupils", header: "Pupils", className: "text-right tabular-nums", cell: (row) => row._count.pupils },
  ];

  return (
    <SearchableTable
      label="Classes"
      noun="classes"
      searchLabel="Search classes"
      searchPlaceholder="Search by class name"
      emptyState={
        <EmptyState icon={School} title="No classes yet">
          Classes appear here after the first sync from your MIS. {isAdmin ? "Press Sync Data on the Staff page." : "Your school's administrator runs the sync."}
        </EmptyState>
      }
      columns={columns}
      rows={classes.data?.rows}
      rowKey={(row) => row.id}
      total={classes.data?.total ?? 0}
      pageSize={PAGE_SIZE}
      isLoading={classes.isPending}
      isFetching={classes.isPlaceholderData}
      error={classes.error?.message}
    />
  );
}
