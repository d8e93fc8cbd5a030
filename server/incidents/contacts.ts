// Who to tell: a pupil's contacts with parental responsibility (in priority order), or a staff
// member's next of kin. Read live from Wonde each time and never stored: only a notification,
// once sent, keeps the recipient's name, email and relationship (data minimisation).
import type { Db } from "../db";
import { wondeClientForSchool } from "../sync/wonde-for-school";
import { UserFacingError } from "../user-facing-error";
import type { ContactDetails, NextOfKin, StudentContact, WondeClient } from "../wonde";

export type IncidentContact = {
  /** Wonde's id for the contact (or a stand-in when Wonde gives none); picks a recipient. */
  key: string;
  name: string;
  relationship: string | null;
  email: string | null;
  priority: number | null;
  kind: "contact" | "next_of_kin";
};

export type ContactsLookup = { personId: string; personKind: "PUPIL" | "STAFF"; contacts: IncidentContact[] };

/** For tests and the benchmark: a client other than the school's own. */
export type WondeClientFor = (school: { regionDomain: string | null; wondeTokenEnc: string | null }) => WondeClient;

const clean = (value: string | null | undefined) => value?.trim() || null;

function emailFrom(details: ContactDetails | null | undefined): string | null {
  const emails = details?.emails;
  return clean(emails?.email) ?? clean(emails?.primary) ?? clean(emails?.home) ?? clean(emails?.work);
}

function fromStudentContact(contact: StudentContact, index: number): IncidentContact {
  const name = [clean(contact.title), clean(contact.forename), clean(contact.surname)].filter(Boolean).join(" ");
  return {
    key: contact.id ?? `contact-${index}`,
    name: name || "Unnamed contact",
    relationship: clean(contact.relationship?.relationship),
    email: emailFrom(contact.contact_details),
    priority: contact.relationship?.priority ?? null,
    kind: "contact",
  };
}

function fromNextOfKin(kin: NextOfKin, index: number): IncidentContact {
  const name = clean(kin.name) ?? [clean(kin.title), clean(kin.forename), clean(kin.surname)].filter(Boolean).join(" ");
  return {
    key: kin.id ?? `next-of-kin-${index}`,
    name: name || "Unnamed next of kin",
    relationship: clean(kin.relationship),
    email: clean(kin.email_primary) ?? clean(kin.email_home) ?? clean(kin.email_work) ?? emailFrom(kin.contact_details),
    priority: kin.priority ?? null,
    kind: "next_of_kin",
  };
}

const byPriority = (a: IncidentContact, b: IncidentContact) => (a.priority ?? Number.MAX_SAFE_INTEGER) - (b.priority ?? Number.MAX_SAFE_INTEGER);

/** The person's contacts as Wonde has them right now (through the person's current Wonde id). */
export async function lookupContacts(db: Db, personId: string, clientFor: WondeClientFor = wondeClientForSchool): Promise<ContactsLookup> {
  const person = await db.person.findUnique({
    where: { id: personId },
    select: {
      kind: true,
      school: { select: { wondeId: true, regionDomain: true, wondeTokenEnc: true } },
      externalIds: { where: { source: "wonde", supersededAt: null, entity: { in: ["student", "employee"] } }, orderBy: { lastSeenAt: "desc" }, take: 1, select: { externalId: true } },
    },
  });
  if (!person) throw new UserFacingError("NOT_FOUND", "No such person.");
  const externalId = person.externalIds[0]?.externalId;
  if (!externalId || !person.school.wondeId || !person.school.wondeTokenEnc) throw new UserFacingError("BAD_REQUEST", "This person isn't linked to the school's MIS, so Staffroom can't look up their contacts.");
  const client = clientFor(person.school);
  try {
    if (person.kind === "PUPIL") {
      const student = await client.student(person.school.wondeId, externalId, { include: ["contacts", "contacts.contact_details"] });
      const contacts = (student.contacts ?? []).filter((c) => c.relationship?.parental_responsibility === true).map(fromStudentContact).sort(byPriority);
      return { personId, personKind: "PUPIL", contacts };
    }
    const employee = await client.employee(person.school.wondeId, externalId, { include: ["next_of_kin"] });
    return { personId, personKind: "STAFF", contacts: (employee.next_of_kin ?? []).map(fromNextOfKin).sort(byPriority) };
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError("BAD_REQUEST", `Staffroom couldn't read this person's contacts from the MIS just now (${error instanceof Error ? error.message : "unknown error"}). Try again in a moment.`);
  }
}
