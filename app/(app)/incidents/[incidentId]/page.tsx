import type { Metadata } from "next";
import { IncidentDetail } from "@/components/incidents/incident-detail";
import { loadIncident } from "@/components/incidents/load-incident";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";
import { TYPE_LABELS } from "@/lib/incidents/labels";

type Props = { params: Promise<{ incidentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { incident } = await loadIncident((await params).incidentId);
  return { title: incident ? `Incident ${incident.reference}` : "Incident" };
}

export default async function IncidentPage({ params }: Props) {
  const { me, school, incident } = await loadIncident((await params).incidentId);
  if (!school || !incident) return <NoSchool email={me.user.email} />;
  return (
    <>
      <PageHeader title={`Incident ${incident.reference}`} description={TYPE_LABELS[incident.type]} />
      <IncidentDetail schoolId={school.schoolId} incidentId={incident.id} />
    </>
  );
}
