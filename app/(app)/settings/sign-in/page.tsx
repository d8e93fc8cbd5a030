import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { StaffSignInSettings } from "@/components/settings/staff-sign-in-settings";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Staff sign-in" };

export default async function StaffSignInSettingsPage() {
  const { me, school, api } = await currentSchool();
  if (!school) return <NoSchool email={me.user.email} />;
  const header = <PageHeader title="Staff sign-in" description="How staff sign in to Staffroom: Google or Microsoft, or Staffroom Lite with Staffroom's own passwords." />;
  if (school.role === "STAFF")
    return (
      <>
        {header}
        <AdminOnly what="change how staff sign in" />
      </>
    );
  const { liteMode, liteModeSource, trustName } = await api.schools.get({ schoolId: school.schoolId });
  return (
    <>
      {header}
      <SettingsNav />
      <StaffSignInSettings schoolId={school.schoolId} liteMode={liteMode} source={liteModeSource} inTrust={trustName !== null} readOnly={school.role === "TRUST_VIEWER"} />
    </>
  );
}
