import { AppsSettings } from "@/components/apps/apps-settings";
import { TrustSignInApps } from "@/components/apps/trust-sign-in-apps";
import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Apps" };

export default async function AppsSettingsPage() {
  const { me, school } = await currentSchool();
  if (!school) return <NoSchool email={me.user.email} />;
  const header = <PageHeader title="Apps" description="The tiles on everyone's My apps page, and how often they are used." />;
  if (school.role === "STAFF")
    return (
      <>
        {header}
        <AdminOnly what="change the school's apps" />
      </>
    );
  return (
    <>
      {header}
      <SettingsNav />
      <div className="grid gap-6">
        {school.role === "TRUST_ADMIN" && <TrustSignInApps />}
        <AppsSettings schoolId={school.schoolId} />
      </div>
    </>
  );
}
