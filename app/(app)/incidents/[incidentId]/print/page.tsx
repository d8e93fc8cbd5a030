import type { Metadata } from "next";
import Link from "next/link";
import { loadIncident } from "@/components/incidents/load-incident";
import { PrintButton } from "@/components/incidents/print-button";
import { NoSchool } from "@/components/layout/no-school";
import { Button } from "@/components/ui/button";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { NOTIFICATION_STATUS_LABELS, OUTCOME_LABELS, SEVERITY_LABELS, STATUS_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { affectedLabel } from "@/lib/incidents/people";
import { formatPersonName } from "@/lib/person-name";

type Props = { params: Promise<{ incidentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { incident } = await loadIncident((await params).incidentId);
  return { title: incident ? `Incident record ${incident.reference}` : "Incident record" };
}

/** The incident as a plain, printable record (A4, black on white). */
export default async function PrintIncidentPage({ params }: Props) {
  const { me, school, incident: i } = await loadIncident((await params).incidentId);
  if (!school || !i) return <NoSchool email={me.user.email} />;
  const tz = i.timezone;
  const rows: [string, string | null][] = [
    ["Reference", i.reference],
    ["Status", STATUS_LABELS[i.status] + (i.closedAt ? ` (closed ${formatDateTime(i.closedAt, tz)})` : "")],
    ["When", formatDateTime(i.occurredAt, tz)],
    ["Where", [i.location?.name, i.locationDetail].filter(Boolean).join(" – ") || null],
    ["Type", TYPE_LABELS[i.type]],
    ["Severity", SEVERITY_LABELS[i.severity]],
    ["Affected", i.affected.map((a) => { const { label, secondary } = affectedLabel(a); return `${label} – ${secondary}${a.injury || a.bodyPart ? `; ${[a.injury, a.bodyPart].filter(Boolean).join(", ")}` : ""}`; }).join("\n")],
    ["What happened", i.description],
    ["First aid", i.firstAidGiven ? [i.firstAidDetails ?? "Given", i.firstAidBy ? `by ${i.firstAidBy}` : null].filter(Boolean).join(" ") : "None given"],
    ["Outcome", i.outcome ? OUTCOME_LABELS[i.outcome] : null],
    ["Witnesses", i.witnesses],
    ["RIDDOR", i.riddorReportable ? `May be reportable: ${i.riddorReason}` : "Not thought reportable"],
    ["Follow-up actions", i.actions.map((a) => [a.description, a.owner ? `owner ${formatPersonName(a.owner)}` : null, a.dueOn ? `due ${formatCalendarDate(a.dueOn)}` : null, a.completedAt ? "done" : null].filter(Boolean).join(", ")).join("\n") || null],
    ["Notifications", i.notifications.map((n) => `${n.recipientName}${n.relationship ? ` (${n.relationship})` : ""}, ${n.recipientEmail}: ${NOTIFICATION_STATUS_LABELS[n.status]}${n.sentAt ? `, sent ${formatDateTime(n.sentAt, tz)}` : ""}${n.acknowledgedAt ? `, read ${formatDateTime(n.acknowledgedAt, tz)}` : ""}`).join("\n") || null],
    ["Logged by", `${i.reporter.name ?? i.reporter.email}, ${formatDateTime(i.createdAt, tz)}`],
  ];
  return (
    <article className="mx-auto max-w-3xl bg-white text-black print:max-w-none">
      <div className="mb-6 flex items-center justify-between gap-2 print:hidden">
        <Button asChild variant="outline">
          <Link href={`/incidents/${i.id}`}>Back to the incident</Link>
        </Button>
        <PrintButton />
      </div>
      <header className="mb-4 border-b pb-3">
        <p className="text-sm">{i.schoolName}</p>
        <h1 className="text-2xl font-semibold">Accident and incident record {i.reference}</h1>
      </header>
      <table className="w-full border-collapse text-sm" aria-label="Incident record">
        <tbody>
          {rows.map(([name, value]) => (
            <tr key={name} className="border-b align-top">
              <th scope="row" className="w-44 py-2 pr-4 text-left font-medium">
                {name}
              </th>
              <td className="py-2 whitespace-pre-wrap">{value ?? "Not recorded"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-8 text-xs">Printed {formatDateTime(new Date(), tz)}. Confidential: contains personal data.</p>
    </article>
  );
}
