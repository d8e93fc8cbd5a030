// The log form's values (shared by the form and the pages that fill it): plain module, so
// server pages can build the starting values.
import type { VisitorKind } from "@/lib/incidents/labels";
import type { PersonOption } from "./person-combobox";

export type AffectedRow = { key: string; id?: string; mode: "person" | "visitor"; person: PersonOption | null; visitorKind: VisitorKind; visitorName: string; injury: string; bodyPart: string };
export type ActionRow = { key: string; description: string; owner: PersonOption | null; dueOn: string; done: boolean };

export type IncidentFormValues = {
  occurredAt: string;
  locationId: string | null;
  locationDetail: string;
  type: string;
  severity: string;
  description: string;
  affected: AffectedRow[];
  firstAidGiven: boolean;
  firstAidDetails: string;
  firstAidBy: string;
  outcome: string;
  witnesses: string;
  riddorReportable: boolean;
  riddorReason: string;
  actions: ActionRow[];
};

// Rows are keyed for React; keys made on the server and in the browser must not collide.
let keys = 0;
const newKey = () => `row-${Math.random().toString(36).slice(2)}-${++keys}`;

export const emptyAffected = (): AffectedRow => ({ key: newKey(), mode: "person", person: null, visitorKind: "VISITOR", visitorName: "", injury: "", bodyPart: "" });
export const emptyAction = (): ActionRow => ({ key: newKey(), description: "", owner: null, dueOn: "", done: false });

export function blankIncident(now: string): IncidentFormValues {
  return {
    occurredAt: now, locationId: null, locationDetail: "", type: "", severity: "", description: "", affected: [emptyAffected()],
    firstAidGiven: false, firstAidDetails: "", firstAidBy: "", outcome: "", witnesses: "", riddorReportable: false, riddorReason: "", actions: [],
  };
}

export function withKeys(values: Omit<IncidentFormValues, "affected" | "actions"> & { affected: Omit<AffectedRow, "key">[]; actions: Omit<ActionRow, "key">[] }): IncidentFormValues {
  return { ...values, affected: values.affected.map((a) => ({ ...a, key: newKey() })), actions: values.actions.map((a) => ({ ...a, key: newKey() })) };
}

