import { DataTableSkeleton } from "./data-table";

/** A Suspense fallback for a list page: a toolbar's worth of space, then the table skeleton. */
export function TableFallback({ label, headers }: { label: string; headers: string[] }) {
  return (
    <div className="grid grid-cols-1 gap-3">
      <div className="h-9" />
      <DataTableSkeleton label={label} headers={headers} />
    </div>
  );
}
