import { IncidentsNav } from "@/components/incidents/incidents-nav";
import { PatternsView } from "@/components/incidents/patterns-view";
import { AdminOnly } from "@/components/layout/admin-only";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { currentSchool } from "@/lib/current-school";

export const metadata = { title: "Incident patterns" };

export default async function IncidentPatternsPage() {
  const { me, school } = await currentSchool();
  if (!school) return <NoSchool email={me.user.email} />;
  if (school.role === "STAFF")
    return (
      <>
        <PageHeader title="Accident and incident book" />
        <AdminOnly what="see patterns across the incident book" />
      </>
    );
  return (
    <>
      <PageHeader title="Accident and incident book" description="Patterns by person, place, type and time." />
      <IncidentsNav current="/incidents/patterns" isAdmin />
      <PatternsView schoolId={school.schoolId} />
    </>
  );
}
