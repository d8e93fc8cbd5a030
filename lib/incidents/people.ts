import { formatPersonName } from "@/lib/person-name";
import { yearGroupLabel } from "@/lib/year-group";
import { VISITOR_LABELS, type VisitorKind } from "./labels";

type AffectedPerson = { title?: string | null; forename: string; surname: string; initials: string | null; kind: "PUPIL" | "STAFF"; ncYear: string | null; jobTitle: string | null };

/** An affected person as lists show them: "Surname, Forename (initials)" over year group / job title, or a visitor's name. */
export function affectedLabel(a: { person: AffectedPerson | null; visitorName: string | null; visitorKind: string | null }): { label: string; secondary: string } {
  if (a.person) return { label: formatPersonName(a.person), secondary: a.person.kind === "PUPIL" ? yearGroupLabel(a.person.ncYear) : (a.person.jobTitle ?? "Staff") };
  return { label: a.visitorName ?? "Unnamed", secondary: VISITOR_LABELS[(a.visitorKind ?? "VISITOR") as VisitorKind] };
}
