import { ShieldCheck } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { PageHeader } from "@/components/layout/page-header";
import { TrustNav } from "@/components/trust/trust-nav";
import { TrustOnly } from "@/components/trust/trust-only";
import { TrustSettings } from "@/components/trust/trust-settings";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Trust settings" };

const DESCRIPTION = "Defaults for the trust's schools — sync schedule, staff photos, Staffroom Lite, the incident email — and its sign-in domains.";

export default async function TrustSettingsPage() {
  const { api } = await currentSchool();
  const trust = await api.trust.get();
  if (!trust) return <TrustOnly title="Trust settings" />;
  const isAdmin = trust.role === "TRUST_ADMIN";
  return (
    <>
      <PageHeader title={`${trust.trustName}: settings`} description={DESCRIPTION} />
      <TrustNav current="/trust/settings" isAdmin={isAdmin} />
      {isAdmin ? (
        <TrustSettings />
      ) : (
        <EmptyState icon={ShieldCheck} title="Only the trust's admins can see this">
          Trust viewers can see the trust&apos;s schools, incidents, patterns and activity, but not change its settings.
        </EmptyState>
      )}
    </>
  );
}
