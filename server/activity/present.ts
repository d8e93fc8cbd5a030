// How an event reads in the log and in the CSV export: its person kind and a one-line
// summary of its details (changed fields, the matching rule, the reason…).
import { syncTriggerLabel } from "@/lib/sync-trigger";
import type { Prisma } from "../generated/prisma/client";
import { PERSON_KINDS, type PersonKindFilter } from "./filters";
import type { ActivityEventRow } from "./queries";

export type ActivityEntry = {
  id: string;
  schoolId: string | null;
  at: Date;
  action: string;
  actorLabel: string;
  subjectType: string | null;
  subjectLabel: string | null;
  personKind: PersonKindFilter | null;
  summary: string;
};

type JsonObject = { [key: string]: Prisma.JsonValue };

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** "dateOfBirth" → "date of birth", "ncYear" → "NC year". */
export function humaniseKey(key: string): string {
  const special: Record<string, string> = { upn: "UPN", formerUpn: "former UPN", ncYear: "NC year" };
  return special[key] ?? key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Sync counts per entity ({ students: { created, updated, … } }) as totals: "3 created, 1 updated". */
function countsSummary(counts: JsonObject): string {
  const totals = new Map<string, number>();
  for (const entity of Object.values(counts)) {
    if (!isObject(entity)) continue;
    for (const [what, n] of Object.entries(entity)) if (typeof n === "number") totals.set(what, (totals.get(what) ?? 0) + n);
  }
  const parts = [...totals].filter(([, n]) => n > 0).map(([what, n]) => `${n.toLocaleString("en-GB")} ${what}`);
  return parts.length ? parts.join(", ") : "no changes";
}

// Keys that are shown some other way, or are ids of no use to a reader.
const HIDDEN = new Set(["kind", "personId", "emailId", "identityEmail", "from", "to", "counts", "changed", "mode", "trigger", "resumed"]);

/**
 * A one-line, plain-words summary of an event's details; "" when there is nothing to say.
 * `actorLabel` (who did it) names whoever started a sync by hand.
 */
export function summariseDetails(details: Prisma.JsonValue | null, actorLabel?: string): string {
  if (!isObject(details)) return "";
  const parts: string[] = [];
  if (Array.isArray(details.changed)) {
    const fields = details.changed.filter((f): f is string => typeof f === "string");
    parts.push(fields.length ? `Changed: ${fields.map(humaniseKey).join(", ")}` : "No field changes");
  }
  if (typeof details.from === "string" && typeof details.to === "string") parts.push(`${details.from} → ${details.to}`);
  if (isObject(details.counts)) parts.push(sentence(countsSummary(details.counts)));
  if (typeof details.trigger === "string") parts.push(sentence(details.trigger === "MANUAL" ? `started ${syncTriggerLabel(details.trigger, actorLabel)}` : syncTriggerLabel(details.trigger)));
  if (details.resumed === true) parts.push("Resumed where the last run stopped");
  for (const [key, value] of Object.entries(details)) {
    if (HIDDEN.has(key) || key.endsWith("Id")) continue;
    let text: string | null = null;
    if (typeof value === "string" || typeof value === "number") text = String(value);
    else if (typeof value === "boolean") text = value ? "yes" : "no";
    else if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) text = value.length ? value.join(", ") : "none";
    if (text === null || text === "") continue;
    if (key === "provider" && typeof details.identityEmail === "string") text += ` (${details.identityEmail})`;
    parts.push(`${sentence(humaniseKey(key))}: ${text}`);
  }
  return parts.join(" · ");
}

export function personKindOf(details: Prisma.JsonValue | null): PersonKindFilter | null {
  const kind = isObject(details) ? details.kind : null;
  return PERSON_KINDS.find((k) => k === kind) ?? null;
}

export function toActivityEntry(row: ActivityEventRow): ActivityEntry {
  return {
    id: row.id,
    schoolId: row.schoolId,
    at: row.at,
    action: row.action,
    actorLabel: row.actorLabel,
    subjectType: row.subjectType,
    subjectLabel: row.subjectLabel,
    personKind: personKindOf(row.details),
    summary: summariseDetails(row.details, row.actorLabel),
  };
}
