import Link from "next/link";
import { UserRoundX } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

export default function StaffMemberNotFound() {
  return (
    <>
      <PageHeader title="Staff member not found" />
      <EmptyState
        icon={UserRoundX}
        title="Nobody at this link"
        action={
          <Button asChild variant="outline">
            <Link href="/staff">Back to Staff</Link>
          </Button>
        }
      >
        There&apos;s nobody with this link on your school&apos;s staff list. They may belong to another school, or the link may be mistyped.
      </EmptyState>
    </>
  );
}
