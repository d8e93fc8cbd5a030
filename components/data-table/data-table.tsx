"use client";
import type { MouseEvent, ReactNode } from "react";
import { useRouter } from "next/navigation";
import { AlertCircle, ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export type SortDirection = "asc" | "desc";

export type DataTableColumn<Row> = {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** The server's sort key; columns without one are not sortable. */
  sortKey?: string;
  className?: string;
};

export type DataTableSort = { key: string; direction: SortDirection; onChange: (key: string, direction: SortDirection) => void };

type DataTableProps<Row> = {
  /** The table's accessible name, e.g. "Staff". */
  label: string;
  columns: DataTableColumn<Row>[];
  rows: Row[] | undefined;
  rowKey: (row: Row) => string;
  total: number;
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  sort?: DataTableSort;
  isLoading: boolean;
  /** True while a new page, sort or search is being fetched over the rows shown. */
  isFetching?: boolean;
  error?: string | null;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Clicking anywhere on a row opens this; the row's own link keeps it keyboard reachable. */
  rowHref?: (row: Row) => string | undefined;
};

/** The one table every list uses: sortable headers, server-side pagination, loading and empty states. */
export function DataTable<Row>({ label, columns, rows, rowKey, total, page, pageSize, onPageChange, sort, isLoading, isFetching, error, empty, rowHref }: DataTableProps<Row>) {
  const router = useRouter();
  if (error)
    return (
      <Alert variant="destructive">
        <AlertCircle aria-hidden />
        <AlertTitle>{label} couldn&apos;t be loaded</AlertTitle>
        <AlertDescription>{error}</AlertDescription>
      </Alert>
    );
  if (isLoading || !rows) return <DataTableSkeleton label={label} headers={columns.map((c) => c.header)} />;
  if (rows.length === 0) return <>{empty}</>;

  const openRow = (href: string | undefined) => (event: MouseEvent<HTMLTableRowElement>) => {
    if (!href || (event.target as HTMLElement).closest("a, button, input, [role=button]")) return;
    if (event.metaKey || event.ctrlKey) window.open(href, "_blank");
    else router.push(href);
  };

  return (
    <div className="grid gap-3">
      <div className={cn("rounded-lg border transition-opacity", isFetching && "opacity-60")} aria-busy={isFetching || undefined}>
        <Table aria-label={label}>
          <TableHeader>
            <TableRow>
              {columns.map((column) => (
                <SortableHead key={column.id} column={column} sort={sort} />
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => {
              const href = rowHref?.(row);
              return (
                <TableRow key={rowKey(row)} onClick={openRow(href)} className={cn(href && "cursor-pointer")}>
                  {columns.map((column) => (
                    <TableCell key={column.id} className={column.className}>
                      {column.cell(row)}
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
      <DataTablePagination label={label} total={total} page={page} pageSize={pageSize} onPageChange={onPageChange} />
    </div>
  );
}

function SortableHead<Row>({ column, sort }: { column: DataTableColumn<Row>; sort?: DataTableSort }) {
  if (!column.sortKey || !sort) return <TableHead className={column.className}>{column.header}</TableHead>;
  const active = sort.key === column.sortKey;
  const Icon = !active ? ArrowUpDown : sort.direction === "asc" ? ArrowUp : ArrowDown;
  const next: SortDirection = active && sort.direction === "asc" ? "desc" : "asc";
  return (
    <TableHead className={column.className} aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : "none"}>
      <Button variant="ghost" size="sm" className="-ml-3 h-8" onClick={() => sort.onChange(column.sortKey!, next)}>
        {column.header}
        <Icon className={cn("size-3.5", !active && "text-muted-foreground")} aria-hidden />
      </Button>
    </TableHead>
  );
}

function DataTablePagination({ label, total, page, pageSize, onPageChange }: { label: string; total: number; page: number; pageSize: number; onPageChange: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = Math.min((page - 1) * pageSize + 1, total);
  const last = Math.min(page * pageSize, total);
  return (
    <nav aria-label={`${label} pages`} className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
      <p aria-live="polite">
        Showing {first.toLocaleString("en-GB")}–{last.toLocaleString("en-GB")} of {total.toLocaleString("en-GB")}
      </p>
      <div className="flex items-center gap-2">
        <span>
          Page {Math.min(page, pages)} of {pages}
        </span>
        <Button variant="outline" size="sm" onClick={() => onPageChange(page - 1)} disabled={page <= 1} aria-label="Previous page">
          <ChevronLeft aria-hidden /> Previous
        </Button>
        <Button variant="outline" size="sm" onClick={() => onPageChange(page + 1)} disabled={page >= pages} aria-label="Next page">
          Next <ChevronRight aria-hidden />
        </Button>
      </div>
    </nav>
  );
}

/** The loading skeleton of a table: its headers and a few grey rows. */
export function DataTableSkeleton({ label, headers, rows = 6 }: { label: string; headers: string[]; rows?: number }) {
  return (
    <div className="rounded-lg border" aria-busy="true">
      <Table aria-label={`${label} (loading)`}>
        <TableHeader>
          <TableRow>
            {headers.map((header) => (
              <TableHead key={header}>{header}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {Array.from({ length: rows }, (_, i) => (
            <TableRow key={i}>
              {headers.map((header) => (
                <TableCell key={header}>
                  <Skeleton className="h-4 w-full max-w-40" />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <span className="sr-only">Loading {label.toLowerCase()}…</span>
    </div>
  );
}

/** The toolbar above a table: search on the left, filters on the right. */
export function DataTableToolbar({ children }: { children: ReactNode }) {
  return <div className="mb-3 flex flex-wrap items-center gap-2">{children}</div>;
}
