import { Suspense } from "react";
import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { TableFallback } from "@/components/data-table/table-fallback";
import { StaffTable } from "@/components/staff/staff-table";
import { SyncDataButton } from "@/components/sync/sync-data-button";
import { SkippedRecords, SyncProgress } from "@/components/sync/sync-progress";
import { SyncProvider } from "@/components/sync/sync-context";
import { currentSchool } from "@/lib/current-school";
import { schoolMis } from "@/lib/school-mis";

export const metadata = { title: "Staff" };

const TITLE = "Staff management";
const DESCRIPTION = "Current staff from your MIS, with their classes and subjects.";

export default async function StaffPage() {
  const { me, school: access, api } = await currentSchool();
  if (!access) return <NoSchool email={me.user.email} />;
  if (access.role === "STAFF")
    return (
      <>
        <PageHeader title={TITLE} description={DESCRIPTION} />
        <AdminOnly what="manage staff records" />
      </>
    );
  const school = await api.schools.get({ schoolId: access.schoolId });
  const mis = schoolMis(school.mis);
  return (
    <SyncProvider schoolId={school.id} timezone={school.timezone}>
      <PageHeader title={TITLE} description={DESCRIPTION} actions={school.wondeConnected && access.role !== "TRUST_VIEWER" ? <SyncDataButton /> : undefined} />
      <SyncProgress />
      <SkippedRecords />
      <Suspense fallback={<TableFallback label="Staff" headers={["Name", "Job title", "Email", "Teaching", "Line manager", "Last synced", "Status"]} />}>
        <StaffTable
          schoolId={school.id}
          timezone={school.timezone}
          misName={mis.name}
          capabilities={{ roles: mis.capabilities.roles, reportsTo: mis.capabilities.reportsTo }}
          connected={school.wondeConnected}
        />
      </Suspense>
    </SyncProvider>
  );
}
