import { Building2 } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";

/** What a trust page shows anyone who isn't a trust admin or viewer. */
export function TrustOnly({ title = "Trust" }: { title?: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState icon={Building2} title="Only a trust's central team can see this">
        The trust views are for trust admins and trust viewers. Your school&apos;s pages are in the menu.
      </EmptyState>
    </>
  );
}
