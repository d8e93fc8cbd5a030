import { createHash } from "node:crypto";
import type { Employee, Student, Subject, WondeClass } from "@/server/wonde";
import { misCapabilities, type MisCapabilities } from "@/server/wonde/mis-capabilities";
import { normaliseScope } from "@/server/wonde/scopes";

/**
 * The MIS-owned fields of a Person, as the sync writes them. A field that is
 * `undefined` is one this school's MIS (or its approved scopes) does not
 * provide: the sync leaves whatever the admin set there alone.
 */
export type PersonFields = {
  title?: string | null;
  forename: string;
  surname: string;
  middleNames?: string | null;
  legalForename?: string | null;
  legalSurname?: string | null;
  initials?: string | null;
  dateOfBirth?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: Record<string, string> | null;
  jobTitle?: string | null;
  teaching?: boolean | null;
  staffCode?: string | null;
  teacherNumber?: string | null;
  photoUrl?: string | null;
  ncYear?: string | null;
  upn?: string | null;
  formerUpn?: string | null;
  admissionNumber?: string | null;
  admissionDate?: string | null;
  leavingDate?: string | null;
  partTime?: boolean | null;
};

/** What this school shares with us: the MIS's capabilities and the approved scopes. */
export type SchoolFeed = {
  capabilities: MisCapabilities;
  /** Normalised names of approved scopes (see normaliseScope). */
  scopes: ReadonlySet<string>;
  importPhotos: boolean;
};

/** What a school shares, from its MIS name and the scope names it approved. */
export function schoolFeed(mis: string | null, approvedScopes: readonly string[], importPhotos: boolean): SchoolFeed {
  return { capabilities: misCapabilities(mis), scopes: new Set(approvedScopes.map(normaliseScope)), importPhotos };
}

export const upnSharedBy = (feed: SchoolFeed) => feed.scopes.has(normaliseScope("Student UPN read"));

/** The includes each list needs, leaving out what this MIS can't fill. */
export const INCLUDES = {
  employees: (feed: SchoolFeed) => [
    "employment_details",
    "contact_details",
    ...(feed.capabilities.roles ? ["roles"] : []),
    ...(feed.capabilities.reportsTo ? ["hierarchy"] : []),
  ],
  students: ["education_details", "contact_details"],
  classes: (feed: SchoolFeed) => ["subject", "students", ...(feed.capabilities.classStaffLinks ? ["employees"] : [])],
};

export type MappedStaff = { externalId: string; misId: string | null; upi: string | null; current: boolean; fields: PersonFields; lineManagerExternalId: string | null | undefined };
export type MappedPupil = { externalId: string; misId: string | null; upi: string | null; fields: PersonFields };

const nameOf = (p: { forename: string | null; surname: string | null; legal_forename: string | null; legal_surname: string | null }) => ({
  forename: p.forename ?? p.legal_forename ?? "",
  surname: p.surname ?? p.legal_surname ?? "",
});

/** "Jane Mary Smith" → "JMS" when the MIS sends no initials. */
function initialsFrom(forename: string, middleNames: string | null, surname: string) {
  return [forename, ...(middleNames?.split(/\s+/) ?? []), surname]
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

const compactAddress = (a: Record<string, string | null> | null | undefined) => {
  if (!a) return null;
  const entries = Object.entries(a).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "");
  return entries.length ? Object.fromEntries(entries) : null;
};

export function mapStudent(s: Student, upnShared: boolean): MappedPupil {
  const ed = s.education_details ?? null;
  const { forename, surname } = nameOf(s);
  const emails = s.contact_details?.emails ?? null;
  return {
    externalId: s.id,
    misId: s.mis_id,
    upi: s.upi,
    fields: {
      forename,
      surname,
      middleNames: s.middle_names,
      legalForename: s.legal_forename,
      legalSurname: s.legal_surname,
      initials: s.initials ?? initialsFrom(forename, s.middle_names, surname),
      dateOfBirth: s.date_of_birth,
      email: emails?.primary ?? emails?.email ?? null,
      ncYear: ed?.current_nc_year ?? null,
      // Without the UPN scope Wonde sends null: keep what we knew rather than erase it.
      upn: upnShared ? (ed?.upn ?? null) : undefined,
      formerUpn: upnShared ? (ed?.former_upn ?? null) : undefined,
      admissionNumber: ed?.admission_number ?? null,
      admissionDate: ed?.admission_date ?? null,
      leavingDate: ed?.leaving_date ?? null,
      partTime: ed?.part_time ?? null,
    },
  };
}

export function mapEmployee(e: Employee, feed: SchoolFeed): MappedStaff {
  const caps = feed.capabilities;
  const details = e.employment_details ?? null;
  const contact = e.contact_details ?? null;
  const { forename, surname } = nameOf(e);
  const roles = (e.roles ?? []).filter((r) => !r.end_date).map((r) => r.role).filter((r): r is string => !!r);
  const jobTitle = roles.length ? [...new Set(roles)].join(", ") : (details?.role_text ?? null);
  return {
    externalId: e.id,
    misId: e.mis_id,
    upi: e.upi,
    // A record without employment details can't be shown to be current: not imported.
    current: details?.current === true,
    lineManagerExternalId: caps.reportsTo ? ((e.hierarchy?.[0]?.id as string | undefined) ?? null) : undefined,
    fields: {
      title: e.title,
      forename,
      surname,
      middleNames: e.middle_names,
      legalForename: e.legal_forename,
      legalSurname: e.legal_surname,
      initials: e.initials ?? initialsFrom(forename, e.middle_names, surname),
      dateOfBirth: e.date_of_birth,
      email: (contact?.emails?.work ?? contact?.emails?.email ?? contact?.emails?.primary ?? null)?.toLowerCase() ?? null,
      phone: contact?.phones?.work ?? contact?.phones?.mobile ?? contact?.phones?.primary ?? null,
      address: compactAddress(contact?.addresses?.home),
      jobTitle: caps.roles ? jobTitle : undefined,
      teaching: details?.teaching_staff ?? null,
      staffCode: details?.staff_code ?? null,
      teacherNumber: details?.teacher_number ?? null,
    },
  };
}

export type MappedSubject = { externalId: string; misId: string | null; fields: { name: string; code: string | null; description: string | null } };
export function mapSubject(s: Subject): MappedSubject {
  return { externalId: s.id, misId: s.mis_id, fields: { name: s.name ?? s.code ?? "Unnamed subject", code: s.code, description: null } };
}

export type MappedClass = {
  externalId: string;
  misId: string | null;
  fields: { name: string; code: string | null; description: string | null };
  subjectExternalId: string | null;
  /** undefined: the MIS does not link classes to staff. */
  staff: { externalId: string; isMainTeacher: boolean }[] | undefined;
  pupilExternalIds: string[];
};
export function mapClass(c: WondeClass, feed: SchoolFeed): MappedClass {
  return {
    externalId: c.id,
    misId: c.mis_id,
    fields: { name: c.name ?? c.code ?? "Unnamed class", code: c.code, description: c.description },
    subjectExternalId: c.subject_id,
    staff: feed.capabilities.classStaffLinks ? (c.employees ?? []).map((e) => ({ externalId: e.id, isMainTeacher: e.meta?.is_main_teacher === true })) : undefined,
    pupilExternalIds: (c.students ?? []).map((s) => s.id),
  };
}

/** A stable hash of what the MIS says, so an unchanged record is not rewritten. */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(stableStringify(value)).digest("base64url").slice(0, 32);
}

function stableStringify(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
}
