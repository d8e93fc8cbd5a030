import { Suspense } from "react";
import { ActivityLog, ACTIVITY_HEADERS } from "@/components/activity/activity-log";
import { TableFallback } from "@/components/data-table/table-fallback";
import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Activity" };

const TITLE = "Activity";
const DESCRIPTION = "Everything that happens in Staffroom — syncs, matching, sign-ins and incidents — newest first.";

export default async function ActivityPage() {
  const { me, school: access, api } = await currentSchool();
  if (!access) return <NoSchool email={me.user.email} />;
  if (access.role === "STAFF")
    return (
      <>
        <PageHeader title={TITLE} description={DESCRIPTION} />
        <AdminOnly what="see the activity log" />
      </>
    );
  const school = await api.schools.get({ schoolId: access.schoolId });
  return (
    <>
      <PageHeader title={TITLE} description={DESCRIPTION} />
      <Suspense fallback={<TableFallback label="Activity log" headers={ACTIVITY_HEADERS} />}>
        <ActivityLog schoolId={school.id} timezone={school.timezone} />
      </Suspense>
    </>
  );
}
