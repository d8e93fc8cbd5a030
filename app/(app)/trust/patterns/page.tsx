import { Suspense } from "react";
import { PageHeader } from "@/components/layout/page-header";
import { TrustNav } from "@/components/trust/trust-nav";
import { TrustOnly } from "@/components/trust/trust-only";
import { TrustPatternsView } from "@/components/trust/trust-patterns-view";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Trust incident patterns" };

export default async function TrustPatternsPage() {
  const { api } = await currentSchool();
  const trust = await api.trust.get();
  if (!trust) return <TrustOnly title="Trust incident patterns" />;
  return (
    <>
      <PageHeader title={`${trust.trustName}: incident patterns`} description="Incidents per 100 pupils in each school, and by place, type and time across the trust." />
      <TrustNav current="/trust/patterns" isAdmin={trust.role === "TRUST_ADMIN"} />
      <Suspense>
        <TrustPatternsView />
      </Suspense>
    </>
  );
}
