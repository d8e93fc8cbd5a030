import Link from "next/link";
import { Users } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

export const metadata = { title: "Staff" };

export default function StaffPage() {
  return (
    <>
      <PageHeader title="Staff management" description="Current staff from your MIS, with their classes and subjects." />
      <EmptyState icon={Users} title="No staff yet" action={<Button asChild variant="outline"><Link href="/settings">Open Settings</Link></Button>}>
        Connect Wonde in Settings, then press Sync Data to bring in your current staff.
      </EmptyState>
    </>
  );
}
