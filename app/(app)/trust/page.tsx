import { Suspense } from "react";
import { Building2 } from "lucide-react";
import { TableFallback } from "@/components/data-table/table-fallback";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { TrustConnect } from "@/components/trust/trust-connect";
import { TrustDashboard } from "@/components/trust/trust-dashboard";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Trust" };

export default async function TrustPage() {
  const { api } = await currentSchool();
  const trust = await api.trust.get();
  if (!trust)
    return (
      <>
        <PageHeader title="Trust" />
        <EmptyState icon={Building2} title="Only a trust's central team can see this">
          The trust views are for trust admins and trust viewers. Your school&apos;s pages are in the menu.
        </EmptyState>
      </>
    );
  return (
    <>
      <PageHeader
        title={trust.trustName}
        description={trust.role === "TRUST_ADMIN" ? "Every school of the trust at a glance. Each figure opens that school's page." : "Every school of the trust at a glance, read-only. Each figure opens that school's page."}
      />
      {trust.role === "TRUST_ADMIN" && <TrustConnect />}
      <Suspense fallback={<TableFallback label="Schools of the trust" headers={["School", "MIS", "Last sync", "Next sync", "Staff", "Pupils", "Open incidents"]} />}>
        <TrustDashboard />
      </Suspense>
    </>
  );
}
