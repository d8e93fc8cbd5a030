import { Suspense } from "react";
import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { MigrationSkeleton } from "@/components/migration/migration-skeleton";
import { MigrationView } from "@/components/migration/migration-view";
import { SyncProvider } from "@/components/sync/sync-context";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Migration" };

const TITLE = "MIS migration";
const DESCRIPTION = "When your school changes MIS: who is who, what needs your review, and the outcome.";

export default async function MigrationPage() {
  const { me, school: access, api } = await currentSchool();
  if (!access) return <NoSchool email={me.user.email} />;
  if (access.role === "STAFF")
    return (
      <>
        <PageHeader title={TITLE} description={DESCRIPTION} />
        <AdminOnly what="review and apply MIS migrations" />
      </>
    );
  const [school, overview] = await Promise.all([api.schools.get({ schoolId: access.schoolId }), api.migration.get({ schoolId: access.schoolId })]);
  return (
    <SyncProvider schoolId={school.id} timezone={school.timezone}>
      <PageHeader title={TITLE} description={DESCRIPTION} />
      {/* The list keeps its tab, search and page in the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense fallback={<MigrationSkeleton />}>
        <MigrationView schoolId={school.id} timezone={school.timezone} initial={overview} />
      </Suspense>
    </SyncProvider>
  );
}
