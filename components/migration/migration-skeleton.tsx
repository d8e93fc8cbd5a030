import { Skeleton } from "@/components/ui/skeleton";

/** The Migration page while it loads: a banner, two count cards and a list. */
export function MigrationSkeleton() {
  return (
    <div className="grid gap-6" aria-busy="true">
      <Skeleton className="h-20 w-full" />
      <div className="grid gap-4 md:grid-cols-2">
        <Skeleton className="h-48 w-full" />
        <Skeleton className="h-48 w-full" />
      </div>
      <Skeleton className="h-64 w-full" />
      <span className="sr-only">Loading the migration…</span>
    </div>
  );
}
