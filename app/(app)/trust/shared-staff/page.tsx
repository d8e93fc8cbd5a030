import { UsersRound } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { SharedStaff } from "@/components/trust/shared-staff";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Shared staff" };

export default async function SharedStaffPage() {
  const { api } = await currentSchool();
  const trust = await api.trust.get();
  if (trust?.role !== "TRUST_ADMIN")
    return (
      <>
        <PageHeader title="Shared staff" />
        <EmptyState icon={UsersRound} title="Only a trust's admins can see this">
          Linking staff who work in several schools is for the trust&apos;s administrators. Your school&apos;s pages are in the menu.
        </EmptyState>
      </>
    );
  return (
    <>
      <PageHeader
        title="Shared staff"
        description={`Staff who work in several schools of ${trust.trustName}: one account, and each school's own record from its MIS. Confirm a pair when the two records are the same person.`}
      />
      <SharedStaff />
    </>
  );
}
