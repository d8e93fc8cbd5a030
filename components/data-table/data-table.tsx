"use client";
import type { MouseEvent, ReactNode } from "react";
import { useRouter } from "next/navigation";
import { AlertCircle, ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
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
  /**
   * On a phone, lists with `cards` show each row as a card: the "title" column heads it,
   * "hidden" columns are left out (say, what the title already shows), the rest are labelled lines.
   */
  card?: "title" | "hidden";
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
  /** Below `md`, stacked cards instead of the table: for the lists people use on phones. */
  cards?: boolean;
};

/** The one table every list uses: sortable headers, server-side pagination, loading and empty states. */
export function DataTable<Row>({ label, columns, rows, rowKey, total, page, pageSize, onPageChange, sort, isLoading, isFetching, error, empty, rowHref, cards }: DataTableProps<Row>) {
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

  const openRow = (href: string | undefined) => (event: MouseEvent<HTMLElement>) => {
    if (!href || (event.target as HTMLElement).closest("a, button, input, [role=button]")) return;
    if (event.metaKey || event.ctrlKey) window.open(href, "_blank");
    else router.push(href);
  };

  return (
    // grid-cols-1 (minmax(0, 1fr)): a wide table scrolls inside its border instead of widening the page.
    <div className="grid grid-cols-1 gap-3">
      {cards && (
        <div className="grid gap-3 md:hidden">
          {sort && <CardSort columns={columns} sort={sort} />}
          <DataTableCards label={label} columns={columns} rows={rows} rowKey={rowKey} rowHref={rowHref} onOpen={openRow} isFetching={isFetching} />
        </div>
      )}
      <div className={cn("rounded-lg border transition-opacity", isFetching && "opacity-60", cards && "hidden md:block")} aria-busy={isFetching || undefined}>
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

/** A phone's version of the table: one card per row, each column a labelled line. */
function DataTableCards<Row>({
  label,
  columns,
  rows,
  rowKey,
  rowHref,
  onOpen,
  isFetching,
}: {
  label: string;
  columns: DataTableColumn<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  rowHref?: (row: Row) => string | undefined;
  onOpen: (href: string | undefined) => (event: MouseEvent<HTMLElement>) => void;
  isFetching?: boolean;
}) {
  const title = columns.find((column) => column.card === "title") ?? columns[0]!;
  const lines = columns.filter((column) => column !== title && column.card !== "hidden");
  return (
    <ul aria-label={label} aria-busy={isFetching || undefined} className={cn("grid gap-2 transition-opacity", isFetching && "opacity-60")}>
      {rows.map((row) => {
        const href = rowHref?.(row);
        return (
          <li key={rowKey(row)} onClick={onOpen(href)} className={cn("grid gap-2 rounded-lg border p-3 text-sm", href && "cursor-pointer active:bg-muted/50")}>
            <div className="min-w-0 text-base font-medium break-words">{title.cell(row)}</div>
            {lines.length > 0 && (
              <dl className="grid gap-1.5">
                {lines.map((column) => (
                  <div key={column.id} className="grid grid-cols-[7.5rem_minmax(0,1fr)] items-start gap-2">
                    <dt className="text-muted-foreground">{column.header}</dt>
                    <dd className="min-w-0 break-words">{column.cell(row)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The column headers' sort buttons, for the cards: one "Sort by" choice. */
function CardSort<Row>({ columns, sort }: { columns: DataTableColumn<Row>[]; sort: DataTableSort }) {
  const options = columns.flatMap((column) =>
    column.sortKey
      ? (["asc", "desc"] as const).map((direction) => ({ value: `${column.sortKey}:${direction}`, label: `${column.header}, ${direction === "asc" ? "ascending" : "descending"}` }))
      : [],
  );
  if (options.length === 0) return null;
  return (
    <div className="flex items-center gap-2 text-sm">
      <ArrowUpDown className="size-4 text-muted-foreground" aria-hidden />
      <Select
        value={`${sort.key}:${sort.direction}`}
        onValueChange={(value) => {
          const [key, direction] = value.split(":") as [string, SortDirection];
          sort.onChange(key, direction);
        }}
      >
        <SelectTrigger aria-label="Sort by" className="h-10 w-full">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {options.map((option) => (
            <SelectItem key={option.value} value={option.value}>
              {option.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
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
        <Button variant="outline" size="sm" className="h-10 md:h-8" onClick={() => onPageChange(page - 1)} disabled={page <= 1} aria-label="Previous page">
          <ChevronLeft aria-hidden /> Previous
        </Button>
        <Button variant="outline" size="sm" className="h-10 md:h-8" onClick={() => onPageChange(page + 1)} disabled={page >= pages} aria-label="Next page">
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
