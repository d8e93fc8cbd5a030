import Link from "next/link";
import { SearchX } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";

export default function IncidentNotFound() {
  return (
    <>
      <PageHeader title="Incident not found" />
      <EmptyState
        icon={SearchX}
        title="No incident at this link"
        action={
          <Button asChild>
            <Link href="/incidents">Back to the incident book</Link>
          </Button>
        }
      >
        It may belong to another school, or the link may be mistyped. Staff can open the incidents they logged; administrators can open all of the school&apos;s.
      </EmptyState>
    </>
  );
}
