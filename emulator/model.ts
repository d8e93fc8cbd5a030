/**
 * The emulator's internal records. Relations are object references (a class holds its
 * students, a student holds links to contacts), so a migration can change every Wonde id
 * without re-wiring anything; reverse relations are derived on demand (see index.ts).
 * Instants are seconds since the epoch (see clock.ts).
 */
import type { IdFactory } from "./ids";
import type { MisName } from "./mis";
import type { ScopeName } from "./scopes";

export type Gender = "MALE" | "FEMALE";
export type Phase = "PRIMARY" | "SECONDARY";

/** What Wonde identifies a record by; all three change when the school changes MIS. */
export interface Identity {
  id: string;
  misId: string;
  upi: string;
}

export interface Stamps {
  createdAt: number;
  updatedAt: number;
  restoredAt: number | null;
}

export interface Address {
  houseNumber: string | null;
  houseName: string | null;
  street: string;
  town: string;
  county: string;
  postcode: string;
}

export interface ContactInfo {
  emailHome: string | null;
  emailWork: string | null;
  phoneHome: string | null;
  phoneWork: string | null;
  phoneMobile: string | null;
  address: Address | null;
}

export interface PersonFields extends Identity, Stamps {
  forename: string;
  surname: string;
  middleNames: string | null;
  legalForename: string;
  legalSurname: string;
  gender: Gender;
  dateOfBirth: number | null;
  contact: ContactInfo;
}

export interface YearGroup extends Identity, Stamps {
  /** 0 = Reception. */
  nc: number;
  code: string;
  name: string;
}

export interface StudentRec extends PersonFields {
  kind: "student";
  upn: string | null;
  formerUpn: string | null;
  admissionNumber: string;
  year: YearGroup;
  admissionDate: number;
  leavingDate: number | null;
  partTime: boolean;
  contacts: ContactLink[];
}

/** One contact ↔ pupil relationship (a contact shared by siblings has one link per pupil). */
export interface ContactLink {
  contact: ContactRec;
  relationship: string;
  parentalResponsibility: boolean;
  priority: number;
  livesWithPupil: boolean;
  correspondence: boolean;
}

export interface ContactRec extends PersonFields {
  kind: "contact";
  title: string;
}

export interface RoleRec extends Identity, Stamps {
  role: string;
  roleCode: string;
  contract: string;
  startDate: number;
  endDate: number | null;
}

export interface NextOfKinRec extends Identity, Stamps {
  name: string;
  relationship: string;
  phoneHome: string | null;
  phoneWork: string | null;
  phoneMobile: string | null;
  emailHome: string | null;
}

export interface EmployeeRec extends PersonFields {
  kind: "employee";
  title: string;
  teaching: boolean;
  current: boolean;
  teacherNumber: string | null;
  staffCode: string;
  startDate: number;
  endDate: number | null;
  roles: RoleRec[];
  lineManager: EmployeeRec | null;
  lineManagerSince: number;
  nextOfKin: NextOfKinRec[];
  /** Department key for secondary teachers (subject code), used to staff classes. */
  department: string | null;
}

export interface SubjectRec extends Identity, Stamps {
  code: string;
  name: string;
  active: boolean;
}

export interface ClassStaff {
  employee: EmployeeRec;
  isMainTeacher: boolean;
  isClassTeacher: boolean;
  role: string;
}

export interface ClassRec extends Identity, Stamps {
  name: string;
  code: string;
  description: string;
  subject: SubjectRec | null;
  year: YearGroup | null;
  students: StudentRec[];
  staff: ClassStaff[];
}

export type DeletionType = "student" | "employee" | "contact" | "class" | "subject";

export interface DeletionRec {
  type: DeletionType;
  id: string;
  misId: string;
  deletedAt: number;
  restoredAt: number | null;
}

/** A school as configured; everything but id, name, mis, phase and pupils has a default. */
export interface SchoolSpec {
  id: string;
  name: string;
  mis: MisName;
  phase: Phase;
  /** Approximate number of current pupils on roll. */
  pupils: number;
  laCode?: string;
  establishmentNumber?: string;
  urn?: number;
  town?: string;
  county?: string;
  postcode?: string;
  /** Domain for staff work emails, e.g. "oakfield.sch.uk". */
  emailDomain?: string;
  /** Scope overrides; every scope not named here is approved. */
  scopes?: Partial<Record<ScopeName, boolean>>;
  /** Serve realistic variants of Wonde's JSON (booleans and numbers as strings, …; see variance.ts). */
  variance?: boolean;
}

export type ResolvedSpec = Required<Omit<SchoolSpec, "scopes" | "variance">> & Pick<SchoolSpec, "scopes" | "variance">;

export interface SchoolData {
  spec: ResolvedSpec;
  mis: MisName;
  /** Issues ids in the current MIS's style; replaced on migration. */
  ids: IdFactory;
  years: YearGroup[];
  subjects: SubjectRec[];
  students: StudentRec[];
  leavers: StudentRec[];
  employees: EmployeeRec[];
  contacts: ContactRec[];
  classes: ClassRec[];
  deletions: DeletionRec[];
  /** Bumped by every mutation; derived indexes are cached against it. */
  version: number;
  /** How many change batches / migrations have been applied (seeds their random streams). */
  changeBatches: number;
  migrations: number;
}
