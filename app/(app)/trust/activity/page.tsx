import { Suspense } from "react";
import { TRUST_ACTIVITY_HEADERS } from "@/components/activity/activity-log";
import { TableFallback } from "@/components/data-table/table-fallback";
import { PageHeader } from "@/components/layout/page-header";
import { TrustActivityLog } from "@/components/trust/trust-activity-log";
import { TrustNav } from "@/components/trust/trust-nav";
import { TrustOnly } from "@/components/trust/trust-only";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Trust activity" };

export default async function TrustActivityPage() {
  const { api } = await currentSchool();
  const trust = await api.trust.get();
  if (!trust) return <TrustOnly title="Trust activity" />;
  const schools = await api.trust.schools();
  return (
    <>
      <PageHeader title={`${trust.trustName}: activity`} description="Everything that happens in the trust's schools — syncs, matching, sign-ins and incidents — newest first." />
      <TrustNav current="/trust/activity" isAdmin={trust.role === "TRUST_ADMIN"} />
      <Suspense fallback={<TableFallback label="Activity log" headers={TRUST_ACTIVITY_HEADERS} />}>
        <TrustActivityLog timezone={schools[0]?.timezone ?? "Europe/London"} />
      </Suspense>
    </>
  );
}
