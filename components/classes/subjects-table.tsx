"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { BookOpen } from "lucide-react";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { SearchableTable } from "@/components/data-table/searchable-table";
import { useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import type { CurriculumTableProps } from "./classes-table";
import { StaffNames } from "./staff-names";

type SubjectRow = RouterOutputs["classes"]["subjects"]["rows"][number];
const PAGE_SIZE = 25;

/** Subjects from the MIS with the staff who teach them and how many classes each has. */
export function SubjectsTable({ schoolId, isAdmin, misName, staffLinksProvided }: CurriculumTableProps) {
  const trpc = useTRPC();
  const { page, search } = useListParams();
  const subjects = useQuery({ ...trpc.classes.subjects.queryOptions({ schoolId, page, pageSize: PAGE_SIZE, search: search || undefined }), placeholderData: keepPreviousData });

  const columns: DataTableColumn<SubjectRow>[] = [
    {
      id: "name",
      header: "Subject",
      cell: (row) => (
        <>
          <span className="font-medium">{row.name}</span>
          {row.code && row.code !== row.name && <span className="text-muted-foreground"> ({row.code})</span>}
          {row.description && <span className="block text-xs text-muted-foreground">{row.description}</span>}
        </>
      ),
    },
    { id: "staff", header: "Staff", cell: (row) => <StaffNames staff={row.staff} linked={isAdmin} provided={staffLinksProvided} mis={misName} /> },
    { id: "classes", header: "Classes", className: "text-right tabular-nums", cell: (row) => row._count.classes },
  ];

  return (
    <SearchableTable
      label="Subjects"
      noun="subjects"
      searchLabel="Search subjects"
      searchPlaceholder="Search by subject name"
      emptyState={
        <EmptyState icon={BookOpen} title="No subjects yet">
          Subjects appear here after the first sync from your MIS. {isAdmin ? "Press Sync Data on the Staff page." : "Your school's administrator runs the sync."}
        </EmptyState>
      }
      columns={columns}
      rows={subjects.data?.rows}
      rowKey={(row) => row.id}
      total={subjects.data?.total ?? 0}
      pageSize={PAGE_SIZE}
      isLoading={subjects.isPending}
      isFetching={subjects.isPlaceholderData}
      error={subjects.error?.message}
    />
  );
}
