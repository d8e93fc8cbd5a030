import { Suspense } from "react";
import { TableFallback } from "@/components/data-table/table-fallback";
import { PageHeader } from "@/components/layout/page-header";
import { TrustConnect } from "@/components/trust/trust-connect";
import { TrustDashboard } from "@/components/trust/trust-dashboard";
import { TrustNav } from "@/components/trust/trust-nav";
import { TrustOnly } from "@/components/trust/trust-only";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Trust" };

export default async function TrustPage() {
  const { api } = await currentSchool();
  const trust = await api.trust.get();
  if (!trust) return <TrustOnly />;
  const isAdmin = trust.role === "TRUST_ADMIN";
  return (
    <>
      <PageHeader
        title={trust.trustName}
        description={isAdmin ? "Every school of the trust at a glance. Each figure opens that school's page." : "Every school of the trust at a glance, read-only. Each figure opens that school's page."}
      />
      <TrustNav current="/trust" isAdmin={isAdmin} />
      {isAdmin && <TrustConnect />}
      <Suspense fallback={<TableFallback label="Schools of the trust" headers={["School", "MIS", "Last sync", "Next sync", "Staff", "Pupils", "Open incidents"]} />}>
        <TrustDashboard />
      </Suspense>
    </>
  );
}
