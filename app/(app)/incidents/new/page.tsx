import { IncidentForm } from "@/components/incidents/incident-form";
import { blankIncident } from "@/components/incidents/incident-form-values";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { currentSchool } from "@/lib/current-school";
import { dateToWallTime } from "@/lib/incidents/time";

export const metadata = { title: "Log incident" };

export default async function NewIncidentPage() {
  const { me, school } = await currentSchool();
  if (!school) return <NoSchool email={me.user.email} />;
  return (
    <>
      <PageHeader title="Log incident" description="Record what happened while it is fresh. You can add to it later, until it is closed." />
      <IncidentForm schoolId={school.schoolId} initial={blankIncident(dateToWallTime(new Date()))} />
    </>
  );
}
