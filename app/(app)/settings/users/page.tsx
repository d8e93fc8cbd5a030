import { Suspense } from "react";
import { Users } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { UsersTable } from "@/components/users/users-table";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Users and roles" };

export default async function UsersAndRolesPage() {
  const { school } = await currentSchool();
  const isAdmin = school && school.role !== "STAFF";
  return (
    <>
      <PageHeader
        title="Users and roles"
        description="Who can sign in to Staffroom at this school, and what they can do. School admins can do everything for the school; staff can log incidents and see their own record."
      />
      {!isAdmin ? (
        <EmptyState icon={Users} title="Only administrators can manage users">
          Ask your school&apos;s Staffroom administrator if your role needs changing.
        </EmptyState>
      ) : (
        <Suspense>
          <UsersTable schoolId={school.schoolId} canGrantTrustAdmin={school.role === "TRUST_ADMIN"} />
        </Suspense>
      )}
    </>
  );
}
