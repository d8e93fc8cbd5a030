import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { SettingsNav } from "@/components/settings/settings-nav";
import { WondeConnection } from "@/components/settings/wonde-connection";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { me, school, api } = await currentSchool();
  if (!school) return <NoSchool email={me.user.email} />;
  if (school.role === "STAFF")
    return (
      <>
        <PageHeader title="Settings" description="Your school's Wonde connection, sync schedule and incident options." />
        <AdminOnly what="change your school's settings" />
      </>
    );
  return (
    <>
      <PageHeader title="Settings" description="Your school's Wonde connection, sync schedule and incident options." />
      <SettingsNav />
      <WondeConnection schoolId={school.schoolId} inTrust={(await api.schools.get({ schoolId: school.schoolId })).trustName !== null} readOnly={school.role === "TRUST_VIEWER"} />
    </>
  );
}
