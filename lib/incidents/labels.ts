// What the incident book's enums are called on screen, in emails and in the CSV export.
// Client-safe: no server imports.

export const INCIDENT_TYPES = ["ACCIDENT_INJURY", "NEAR_MISS", "ILLNESS", "VIOLENCE_AGGRESSION", "PROPERTY_DAMAGE", "OTHER"] as const;
export const INCIDENT_SEVERITIES = ["MINOR", "MODERATE", "SERIOUS", "MAJOR"] as const;
export const INCIDENT_OUTCOMES = ["RETURNED_TO_CLASS", "SENT_HOME", "GP", "HOSPITAL"] as const;
export const INCIDENT_STATUSES = ["OPEN", "CLOSED"] as const;
export const VISITOR_KINDS = ["VISITOR", "CONTRACTOR"] as const;
export const NOTIFICATION_STATUSES = ["SENDING", "NOT_SENT", "SENT", "DELIVERED", "DELIVERY_DELAYED", "BOUNCED", "COMPLAINED", "FAILED"] as const;

export type IncidentType = (typeof INCIDENT_TYPES)[number];
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export type IncidentOutcome = (typeof INCIDENT_OUTCOMES)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type VisitorKind = (typeof VISITOR_KINDS)[number];
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const TYPE_LABELS: Record<IncidentType, string> = {
  ACCIDENT_INJURY: "Accident / injury",
  NEAR_MISS: "Near miss",
  ILLNESS: "Illness",
  VIOLENCE_AGGRESSION: "Violence / aggression",
  PROPERTY_DAMAGE: "Property damage",
  OTHER: "Other",
};

export const SEVERITY_LABELS: Record<IncidentSeverity, string> = { MINOR: "Minor", MODERATE: "Moderate", SERIOUS: "Serious", MAJOR: "Major" };

export const OUTCOME_LABELS: Record<IncidentOutcome, string> = {
  RETURNED_TO_CLASS: "Returned to class / work",
  SENT_HOME: "Sent home",
  GP: "Advised to see a GP",
  HOSPITAL: "Went to hospital",
};

export const STATUS_LABELS: Record<IncidentStatus, string> = { OPEN: "Open", CLOSED: "Closed" };

export const VISITOR_LABELS: Record<VisitorKind, string> = { VISITOR: "Visitor", CONTRACTOR: "Contractor" };

export const NOTIFICATION_STATUS_LABELS: Record<NotificationStatus, string> = {
  SENDING: "Sending",
  NOT_SENT: "Not sent (email disabled)",
  SENT: "Sent",
  DELIVERED: "Delivered",
  DELIVERY_DELAYED: "Delivery delayed",
  BOUNCED: "Bounced",
  COMPLAINED: "Marked as spam",
  FAILED: "Failed",
};

/** "INC-0042": the per-school running number as people quote it. */
export function incidentReference(number: number): string {
  return `INC-${String(number).padStart(4, "0")}`;
}
