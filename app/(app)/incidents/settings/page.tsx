import { IncidentSettings } from "@/components/incidents/incident-settings";
import { IncidentsNav } from "@/components/incidents/incidents-nav";
import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Incident settings" };

export default async function IncidentSettingsPage() {
  const { me, school, api } = await currentSchool();
  if (!school) return <NoSchool email={me.user.email} />;
  if (school.role === "STAFF")
    return (
      <>
        <PageHeader title="Accident and incident book" />
        <AdminOnly what="change the incident book's settings" />
      </>
    );
  return (
    <>
      <PageHeader title="Accident and incident book" description="Locations, replies, the frequent flag and the notification email." />
      <IncidentsNav current="/incidents/settings" isAdmin />
      <IncidentSettings schoolId={school.schoolId} inTrust={(await api.schools.get({ schoolId: school.schoolId })).trustName !== null} readOnly={school.role === "TRUST_VIEWER"} />
    </>
  );
}
