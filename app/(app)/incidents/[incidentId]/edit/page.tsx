import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { affectedLabel } from "@/lib/incidents/people";
import { IncidentForm } from "@/components/incidents/incident-form";
import { withKeys } from "@/components/incidents/incident-form-values";
import { loadIncident } from "@/components/incidents/load-incident";
import { NoSchool } from "@/components/layout/no-school";
import { PageHeader } from "@/components/layout/page-header";

type Props = { params: Promise<{ incidentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { incident } = await loadIncident((await params).incidentId);
  return { title: incident ? `Edit ${incident.reference}` : "Edit incident" };
}

export default async function EditIncidentPage({ params }: Props) {
  const { me, school, incident: i } = await loadIncident((await params).incidentId);
  if (!school || !i) return <NoSchool email={me.user.email} />;
  if (!i.canEdit) redirect(`/incidents/${i.id}`);
  const option = (p: NonNullable<(typeof i.affected)[number]["person"]>) => ({ id: p.id, schoolId: p.schoolId, kind: p.kind, ...affectedLabel({ person: p, visitorKind: null, visitorName: null }) });
  const initial = withKeys({
    occurredAt: i.occurredAtWall,
    locationId: i.locationId,
    locationDetail: i.locationDetail ?? "",
    type: i.type,
    severity: i.severity,
    description: i.description,
    affected: i.affected.map((a) => ({
      id: a.id,
      mode: a.person ? ("person" as const) : ("visitor" as const),
      person: a.person ? option(a.person) : null,
      visitorKind: (a.visitorKind ?? "VISITOR") as "VISITOR" | "CONTRACTOR",
      visitorName: a.visitorName ?? "",
      injury: a.injury ?? "",
      bodyPart: a.bodyPart ?? "",
    })),
    firstAidGiven: i.firstAidGiven,
    firstAidDetails: i.firstAidDetails ?? "",
    firstAidBy: i.firstAidBy ?? "",
    outcome: i.outcome ?? "",
    witnesses: i.witnesses ?? "",
    riddorReportable: i.riddorReportable,
    riddorReason: i.riddorReason ?? "",
    actions: i.actions.map((a) => ({ description: a.description, owner: a.owner ? option(a.owner) : null, dueOn: a.dueOn ? a.dueOn.toISOString().slice(0, 10) : "", done: a.completedAt !== null })),
  });
  return (
    <>
      <PageHeader title={`Edit incident ${i.reference}`} description="Every change is recorded in the activity log." />
      <IncidentForm schoolId={school.schoolId} incidentId={i.id} initial={initial} />
    </>
  );
}
