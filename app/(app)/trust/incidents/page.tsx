import { Suspense } from "react";
import { TableFallback } from "@/components/data-table/table-fallback";
import { PageHeader } from "@/components/layout/page-header";
import { TrustIncidentList } from "@/components/trust/trust-incident-list";
import { TrustNav } from "@/components/trust/trust-nav";
import { TrustOnly } from "@/components/trust/trust-only";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Trust incidents" };

export default async function TrustIncidentsPage() {
  const { api } = await currentSchool();
  const trust = await api.trust.get();
  if (!trust) return <TrustOnly title="Trust incidents" />;
  return (
    <>
      <PageHeader title={`${trust.trustName}: incidents`} description="Accidents and incidents in every school of the trust, newest first. Each reference opens the incident at its school." />
      <TrustNav current="/trust/incidents" isAdmin={trust.role === "TRUST_ADMIN"} />
      <Suspense fallback={<TableFallback label="Incidents across the trust" headers={["School", "Reference", "When", "Affected", "Type", "Severity", "Where", "Status", "Emails"]} />}>
        <TrustIncidentList />
      </Suspense>
    </>
  );
}
