import { Link2 } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";

export const metadata = { title: "User matching" };

export default function MatchingPage() {
  return (
    <>
      <PageHeader title="User matching" description="Which MIS person each Staffroom account and Google or Microsoft sign-in belongs to." />
      <EmptyState icon={Link2} title="Nobody to match yet">
        Once staff are synced from your MIS, their accounts and sign-ins can be matched here.
      </EmptyState>
    </>
  );
}
