// The book as CSV (what the filters show), for spreadsheets and inspections.
import type { Db } from "../db";
import { incidentReference, OUTCOME_LABELS, SEVERITY_LABELS, STATUS_LABELS, TYPE_LABELS, VISITOR_LABELS, type VisitorKind } from "@/lib/incidents/labels";
import { formatDateTime } from "@/lib/format";
import { formatPersonName } from "@/lib/person-name";
import { incidentWhere, type IncidentListFilters, type IncidentReader } from "./service";

const HEADERS = [
  "Reference", "Occurred", "Type", "Severity", "Status", "Location", "Location detail", "Affected", "Injuries", "What happened",
  "First aid given", "First aid", "First aid by", "Outcome", "Witnesses", "May be RIDDOR-reportable", "RIDDOR reason",
  "Follow-up actions", "Reported by", "Logged", "Notifications sent",
];

/** One CSV field: quoted when needed, and never starting like a spreadsheet formula. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "boolean" ? (value ? "Yes" : "No") : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The book as filtered, newest first. Read across a trust's schools, each row starts with its
 * school (incident numbers are per school); times are in each incident's school's timezone.
 */
export async function incidentsCsv(db: Db, caller: IncidentReader, filters: Omit<IncidentListFilters, "page" | "pageSize">): Promise<{ filename: string; csv: string; rows: number }> {
  const where = await incidentWhere(db, caller, filters);
  const acrossSchools = "schoolIds" in caller;
  const incidents = await db.incident.findMany({
    where,
    orderBy: [{ occurredAt: "desc" }, { number: "desc" }],
    include: {
      school: { select: { name: true, timezone: true } },
      location: { select: { name: true } },
      reporter: { select: { name: true, email: true } },
      affected: { orderBy: { position: "asc" }, include: { person: { select: { forename: true, surname: true, initials: true } } } },
      actions: { orderBy: { position: "asc" }, include: { owner: { select: { forename: true, surname: true, initials: true } } } },
      _count: { select: { notifications: { where: { status: { not: "FAILED" } } } } },
    },
  });
  const lines = incidents.map((i) => {
    const tz = i.school.timezone;
    return [
      ...(acrossSchools ? [i.school.name] : []),
      incidentReference(i.number),
      formatDateTime(i.occurredAt, tz),
      TYPE_LABELS[i.type],
      SEVERITY_LABELS[i.severity],
      STATUS_LABELS[i.status],
      i.location?.name,
      i.locationDetail,
      i.affected.map((a) => (a.person ? formatPersonName(a.person) : `${a.visitorName} (${VISITOR_LABELS[(a.visitorKind ?? "VISITOR") as VisitorKind]})`)).join("; "),
      i.affected.map((a) => [a.injury, a.bodyPart].filter(Boolean).join(", ")).filter(Boolean).join("; "),
      i.description,
      i.firstAidGiven,
      i.firstAidDetails,
      i.firstAidBy,
      i.outcome ? OUTCOME_LABELS[i.outcome] : null,
      i.witnesses,
      i.riddorReportable,
      i.riddorReason,
      i.actions.map((a) => [a.description, a.owner ? `owner ${formatPersonName(a.owner)}` : null, a.dueOn ? `due ${a.dueOn.toISOString().slice(0, 10)}` : null, a.completedAt ? "done" : null].filter(Boolean).join(", ")).join("; "),
      i.reporter.name ?? i.reporter.email,
      formatDateTime(i.createdAt, tz),
      i._count.notifications,
    ]
      .map(csvField)
      .join(",");
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const headers = acrossSchools ? ["School", ...HEADERS] : HEADERS;
  return { filename: `incident-book-${acrossSchools ? "trust-" : ""}${stamp}.csv`, csv: `\uFEFF${[headers.join(","), ...lines].join("\r\n")}\r\n`, rows: incidents.length };
}
