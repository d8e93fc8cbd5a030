import type { PersonKind } from "@/server/generated/prisma/client";
import type { PersonFields } from "@/server/sync/map";

/**
 * Who is who across an MIS migration. Pure functions over one school's
 * people: every record of the new MIS gets an outcome with the rule and a
 * reason a school admin can read. Strong identifiers match automatically;
 * names and dates of birth only ever propose a match for review; ambiguity
 * (two candidates, duplicate identifiers) is never resolved automatically.
 */

export type ExistingPerson = {
  id: string;
  label: string;
  upn: string | null;
  formerUpn: string | null;
  email: string | null;
  staffCode: string | null;
  teacherNumber: string | null;
  forename: string;
  surname: string;
  legalForename: string | null;
  legalSurname: string | null;
  /** YYYY-MM-DD */
  dateOfBirth: string | null;
  /** Wonde ids this person holds now. */
  externalIds: string[];
};

export type IncomingRecord = { externalId: string; misId: string | null; upi: string | null; label: string; fields: PersonFields };

/** A person a review item could be, and the rule that makes them plausible. */
export type ReviewOption = { personId: string; label: string; rule: string };

export type Proposal =
  | { outcome: "MATCHED"; personId: string; rule: string; reason: string }
  | { outcome: "REVIEW"; rule: string; reason: string; options: ReviewOption[] }
  | { outcome: "NEW"; reason: string };

type KeyRule = {
  rule: string;
  /** Keys of an incoming record for this rule (e.g. its UPN). */
  incoming: (r: IncomingRecord) => (string | null | undefined)[];
  /** Keys of an existing person for this rule. */
  existing: (p: ExistingPerson) => (string | null | undefined)[];
  reason: (r: IncomingRecord, p: ExistingPerson) => string;
  /** Weak rules (names) only ever propose: the admin decides. */
  reviewOnly?: boolean;
};

const lower = (v: string | null | undefined) => v?.trim().toLowerCase() || null;
const nameAndBirth = (forename: string | null | undefined, surname: string | null | undefined, dob: string | null | undefined) =>
  forename && surname && dob ? `${forename.trim().toLowerCase()}|${surname.trim().toLowerCase()}|${dob}` : null;

/** Shows enough of a UPN to recognise it, not the whole identifier. */
export const maskedUpn = (upn: string | null | undefined) => (upn ? `…${upn.slice(-4)}` : "none");

const SAME_ID: KeyRule = {
  rule: "same Wonde id",
  incoming: (r) => [r.externalId],
  existing: (p) => p.externalIds,
  reason: () => "Wonde kept this record's id through the migration",
};

export const PUPIL_RULES: KeyRule[] = [
  SAME_ID,
  { rule: "UPN", incoming: (r) => [r.fields.upn], existing: (p) => [p.upn], reason: (r) => `Same UPN (${maskedUpn(r.fields.upn)})` },
  {
    rule: "former UPN",
    incoming: (r) => [r.fields.formerUpn],
    existing: (p) => [p.upn],
    reason: (r) => `Their UPN changed: the new MIS gives ${maskedUpn(r.fields.formerUpn)} as the former UPN of ${maskedUpn(r.fields.upn)}`,
  },
  {
    rule: "former UPN",
    incoming: (r) => [r.fields.upn],
    existing: (p) => [p.formerUpn],
    reason: (r) => `Their UPN changed: ${maskedUpn(r.fields.upn)} was recorded as this pupil's former UPN`,
  },
  {
    rule: "legal name + date of birth",
    incoming: (r) => [nameAndBirth(r.fields.legalForename ?? r.fields.forename, r.fields.legalSurname ?? r.fields.surname, r.fields.dateOfBirth)],
    existing: (p) => [nameAndBirth(p.legalForename ?? p.forename, p.legalSurname ?? p.surname, p.dateOfBirth)],
    reason: () => "Same legal name and date of birth, but no UPN match: please check",
    reviewOnly: true,
  },
  {
    rule: "name + date of birth",
    incoming: (r) => [nameAndBirth(r.fields.forename, r.fields.surname, r.fields.dateOfBirth)],
    existing: (p) => [nameAndBirth(p.forename, p.surname, p.dateOfBirth)],
    reason: () => "Same name and date of birth, but no UPN match: please check",
    reviewOnly: true,
  },
];

export const STAFF_RULES: KeyRule[] = [
  SAME_ID,
  { rule: "work email", incoming: (r) => [lower(r.fields.email)], existing: (p) => [lower(p.email)], reason: (r) => `Same work email (${lower(r.fields.email)})` },
  { rule: "staff code", incoming: (r) => [lower(r.fields.staffCode)], existing: (p) => [lower(p.staffCode)], reason: (r) => `Same staff code (${r.fields.staffCode})` },
  { rule: "teacher number", incoming: (r) => [lower(r.fields.teacherNumber)], existing: (p) => [lower(p.teacherNumber)], reason: () => "Same teacher reference number" },
  {
    rule: "name + date of birth",
    incoming: (r) => [nameAndBirth(r.fields.forename, r.fields.surname, r.fields.dateOfBirth)],
    existing: (p) => [nameAndBirth(p.forename, p.surname, p.dateOfBirth)],
    reason: () => "Same name and date of birth, but no email or staff code match: please check",
    reviewOnly: true,
  },
];

function indexBy<T>(items: T[], keys: (item: T) => (string | null | undefined)[]) {
  const index = new Map<string, T[]>();
  for (const item of items) for (const key of new Set(keys(item))) if (key) index.set(key, [...(index.get(key) ?? []), item]);
  return index;
}

/**
 * Proposes an outcome for every incoming record. Rules run strongest first
 * across the whole school, so a weaker rule never takes a person a stronger
 * rule matched to someone else. A review item then offers every person any
 * rule finds plausible (not only the one that sent it to review), so the
 * admin can always pick the right record. Returns the proposals and the
 * existing people nobody matched (they would be archived).
 */
export function proposeMatches(kind: PersonKind, incoming: IncomingRecord[], existing: ExistingPerson[]) {
  const rules = kind === "PUPIL" ? PUPIL_RULES : STAFF_RULES;
  const existingIndex = new Map(rules.map((rule) => [rule, indexBy(existing, rule.existing)]));
  const proposals = new Map<string, Proposal>();
  const claimed = new Set<string>();
  for (const rule of rules) {
    const pending = incoming.filter((r) => !proposals.has(r.externalId));
    const incomingByKey = indexBy(pending, rule.incoming);
    const existingByKey = existingIndex.get(rule)!;
    for (const record of pending) {
      const keys = rule.incoming(record).filter((k): k is string => !!k);
      for (const key of keys) {
        const people = (existingByKey.get(key) ?? []).filter((p) => !claimed.has(p.id));
        if (people.length === 0) continue;
        const review = (reason: string) => proposals.set(record.externalId, { outcome: "REVIEW", rule: rule.rule, reason, options: [] });
        const sharedByIncoming = (incomingByKey.get(key)?.length ?? 0) > 1;
        if (rule.reviewOnly) review(rule.reason(record, people[0]!));
        else if (people.length > 1) review(`${people.length} existing people share this ${rule.rule}: choose the right one`);
        else if (sharedByIncoming) review(`${incomingByKey.get(key)!.length} records in the new MIS share this ${rule.rule}: choose who is who`);
        else {
          proposals.set(record.externalId, { outcome: "MATCHED", personId: people[0]!.id, rule: rule.rule, reason: rule.reason(record, people[0]!) });
          claimed.add(people[0]!.id);
        }
        break;
      }
    }
  }
  for (const record of incoming) {
    const proposal = proposals.get(record.externalId);
    if (!proposal) proposals.set(record.externalId, { outcome: "NEW", reason: "No existing person matches: a new record will be created" });
    else if (proposal.outcome === "REVIEW") proposal.options = plausiblePeople(record, rules, existingIndex, claimed);
  }
  const unmatched = existing.filter((p) => !claimed.has(p.id));
  return { proposals, unmatched };
}

/** Everyone not matched automatically whom any rule relates to this record, strongest rule first. */
function plausiblePeople(record: IncomingRecord, rules: KeyRule[], existingIndex: Map<KeyRule, Map<string, ExistingPerson[]>>, claimed: Set<string>): ReviewOption[] {
  const options = new Map<string, ReviewOption>();
  for (const rule of rules) {
    for (const key of rule.incoming(record)) {
      if (!key) continue;
      for (const person of existingIndex.get(rule)!.get(key) ?? []) {
        if (!claimed.has(person.id) && !options.has(person.id)) options.set(person.id, { personId: person.id, label: person.label, rule: rule.rule });
      }
    }
  }
  return [...options.values()];
}

/** Pupils of the new MIS who share a UPN: a data error only the MIS can fix. */
export function sharedUpns(incoming: IncomingRecord[]): { upn: string; labels: string[] }[] {
  const byUpn = indexBy(incoming, (r) => [r.fields.upn]);
  return [...byUpn].filter(([, records]) => records.length > 1).map(([upn, records]) => ({ upn, labels: records.map((r) => r.label) }));
}
