import { PageHeader } from "@/components/layout/page-header";
import { MigrationSkeleton } from "@/components/migration/migration-skeleton";

export default function MigrationLoading() {
  return (
    <>
      <PageHeader title="MIS migration" />
      <MigrationSkeleton />
    </>
  );
}
