/**
 * Records → Wonde JSON. Key order follows Wonde's responses so output is byte-stable.
 *
 * - An included relation is `"x":{"data":{…}}` or `"x":{"data":[…]}`; a relation that is not
 *   included is absent, except `class.subject`, which is then the subject's id (or null).
 * - A property behind an unapproved scope is `null`; an include behind one is
 *   `{"data":null}` / `{"data":[]}`; so is data the school's MIS does not provide (mis.ts).
 * - The contact ↔ pupil relationship (relationship, parental_responsibility, priority,
 *   lives_with_pupil, correspondence) is a `relationship` object on the contact when nested
 *   under a pupil, and on the pupil when nested under a contact. Wonde's exact nesting is not
 *   documented [?]; server/wonde reads this form (and others).
 * - A class nested under a member of staff (and a member of staff under a class) carries the
 *   row `meta` {is_main_teacher, is_class_teacher, role, all_roles} [C].
 */
import { wondeDate } from "./clock";
import { indexOf, type SchoolIndex } from "./index";
import { MIS_CAPABILITIES, type MisCapabilities, type MisName } from "./mis";
import type {
  ClassRec,
  ClassStaff,
  ContactInfo,
  ContactLink,
  ContactRec,
  DeletionRec,
  EmployeeRec,
  PersonFields,
  ResolvedSpec,
  SchoolData,
  StudentRec,
  SubjectRec,
  YearGroup,
} from "./model";
import { STREETS } from "./names";
import { initialsOf } from "./people";
import { photoPng } from "./photo";
import { hex128 } from "./prng";
import type { ScopeName, ScopeSet } from "./scopes";

export type IncludeTree = ReadonlyMap<string, IncludeTree>;
type Json = Record<string, unknown>;

const NONE: IncludeTree = new Map();

export class View {
  readonly caps: MisCapabilities;
  readonly index: SchoolIndex;

  constructor(
    readonly school: SchoolData,
    readonly scopes: ScopeSet,
  ) {
    this.caps = MIS_CAPABILITIES[school.mis];
    this.index = indexOf(school);
  }

  private can(scope: ScopeName): boolean {
    return this.scopes[scope];
  }

  private scoped<T>(scope: ScopeName, value: T): T | null {
    return this.can(scope) ? value : null;
  }

  private person(p: PersonFields, kind: "Student" | "Employee" | "Contact", title?: string): Json {
    const dobScope = kind === "Contact" ? null : (`${kind} date of birth read` as const);
    const genderScope = kind === "Contact" ? null : (`${kind} gender read` as const);
    return {
      id: p.id,
      upi: p.upi,
      mis_id: p.misId,
      ...(title === undefined ? {} : { title }),
      initials: initialsOf(p.forename, p.middleNames),
      surname: p.surname,
      forename: p.forename,
      middle_names: p.middleNames,
      legal_surname: p.legalSurname,
      legal_forename: p.legalForename,
      gender: genderScope ? this.scoped(genderScope, p.gender) : p.gender,
      ...(dobScope ? { date_of_birth: this.can(dobScope) ? wondeDate(p.dateOfBirth) : null } : {}),
      restored_at: wondeDate(p.restoredAt),
      created_at: wondeDate(p.createdAt),
      updated_at: wondeDate(p.updatedAt),
    };
  }

  private contactDetails(info: ContactInfo, salutation: string | null, emailScope: ScopeName | null): Json {
    const emails = emailScope === null || this.can(emailScope);
    const primaryEmail = info.emailWork ?? info.emailHome;
    const primaryPhone = info.phoneMobile ?? info.phoneHome ?? info.phoneWork;
    const address = info.address && {
      house_number: info.address.houseNumber,
      house_name: info.address.houseName,
      street: info.address.street,
      town: info.address.town,
      county: info.address.county,
      postcode: info.address.postcode,
    };
    return {
      data: {
        emails: {
          email: emails ? primaryEmail : null,
          primary: emails ? primaryEmail : null,
          home: emails ? info.emailHome : null,
          work: emails ? info.emailWork : null,
        },
        phones: {
          phone: primaryPhone,
          primary: primaryPhone,
          home: info.phoneHome,
          work: info.phoneWork,
          mobile: info.phoneMobile,
        },
        addresses: { home: address, work: null, postal: null },
        salutation,
      },
    };
  }

  // ---- students ----------------------------------------------------------------------

  student(s: StudentRec, inc: IncludeTree = NONE, relationship?: ContactLink): Json {
    const out = this.person(s, "Student");
    if (relationship) out.relationship = this.relationship(relationship);
    for (const [name, sub] of inc) {
      switch (name) {
        case "education_details":
          out.education_details = this.can("Student education details read")
            ? { data: this.educationDetails(s) }
            : { data: null };
          break;
        case "contact_details":
          out.contact_details = this.can("Student contact details read")
            ? this.contactDetails(s.contact, null, null)
            : { data: null };
          break;
        case "contacts":
          out.contacts = {
            data: this.can("Contact read") ? s.contacts.map((link) => this.contact(link.contact, sub, link)) : [],
          };
          break;
        case "classes":
          out.classes = {
            data: this.can("Class read")
              ? (this.index.classesOfStudent.get(s) ?? []).map((cls) => this.class(cls, sub))
              : [],
          };
          break;
        case "year":
          out.year = { data: this.can("Group read") ? this.year(s.year) : null };
          break;
      }
    }
    return out;
  }

  private educationDetails(s: StudentRec): Json {
    const upn = this.can("Student UPN read");
    return {
      admission_number: s.admissionNumber,
      upn: upn ? s.upn : null,
      local_upn: null,
      former_upn: upn && this.can("Student former UPN read") ? s.formerUpn : null,
      learner_number: null,
      current_nc_year: s.year.code,
      part_time: s.partTime,
      part_time_rate: s.partTime ? "0.5" : null,
      admission_date: wondeDate(s.admissionDate),
      leaving_date: wondeDate(s.leavingDate),
    };
  }

  private year(y: YearGroup): Json {
    return {
      id: y.id,
      mis_id: y.misId,
      code: y.code,
      name: y.name,
      description: y.name,
      type: "YEAR",
      restored_at: wondeDate(y.restoredAt),
      created_at: wondeDate(y.createdAt),
      updated_at: wondeDate(y.updatedAt),
    };
  }

  // ---- contacts ----------------------------------------------------------------------

  contact(c: ContactRec, inc: IncludeTree = NONE, relationship?: ContactLink): Json {
    const out = this.person(c, "Contact", c.title);
    if (relationship) out.relationship = this.relationship(relationship);
    for (const [name, sub] of inc) {
      if (name === "contact_details") {
        out.contact_details = this.can("Contact contact details read")
          ? this.contactDetails(c.contact, `${c.title} ${c.surname}`, "Contact email read")
          : { data: null };
      } else if (name === "students") {
        const pupils = this.can("Student read") ? (this.index.pupilsOfContact.get(c) ?? []) : [];
        out.students = { data: pupils.map(({ student, link }) => this.student(student, sub, link)) };
      }
    }
    return out;
  }

  private relationship(link: ContactLink): Json {
    return {
      relationship: this.scoped("Contact relationship read", link.relationship),
      parental_responsibility: this.scoped("Contact parental responsibility read", link.parentalResponsibility),
      priority: this.scoped("Contact priority read", link.priority),
      lives_with_pupil: link.livesWithPupil,
      correspondence: link.correspondence,
    };
  }

  // ---- employees ---------------------------------------------------------------------

  employee(e: EmployeeRec, inc: IncludeTree = NONE, row?: ClassStaff): Json {
    const out = this.person(e, "Employee", e.title);
    if (row) out.meta = this.rowMeta(row);
    for (const [name, sub] of inc) {
      switch (name) {
        case "contact_details":
          out.contact_details = this.can("Employee contact details read")
            ? this.contactDetails(e.contact, `${e.title} ${e.surname}`, "Employee email read")
            : { data: null };
          break;
        case "employment_details":
          out.employment_details = {
            data: this.can("Employee employment details read") ? this.employmentDetails(e) : null,
          };
          break;
        case "roles":
          out.roles = { data: this.hasRoles() ? e.roles.map((r) => this.role(r)) : [] };
          break;
        case "photo":
          out.photo = { data: this.caps.photo && this.can("Employee photo read") ? this.photo(e) : null };
          break;
        case "classes": {
          const rows = this.caps.classStaff && this.can("Class read") ? (this.index.classesOfEmployee.get(e) ?? []) : [];
          out.classes = { data: rows.map(({ cls, row: r }) => this.class(cls, sub, r)) };
          break;
        }
        case "hierarchy":
          out.hierarchy = {
            data:
              this.caps.lineManager && this.can("Employee hierarchy read") && e.lineManager
                ? [this.manager(e.lineManager, e.lineManagerSince)]
                : [],
          };
          break;
        case "next_of_kin":
          out.next_of_kin = {
            data: this.can("Employee next of kin read") ? e.nextOfKin.map((k) => this.nextOfKin(k)) : [],
          };
          break;
      }
    }
    return out;
  }

  private hasRoles(): boolean {
    return this.caps.roles && this.can("Employee role read");
  }

  private employmentDetails(e: EmployeeRec): Json {
    // Former staff keep the roles they ended with; current staff show only live ones.
    const active = e.roles.filter((r) => r.endDate === null || !e.current);
    return {
      teaching_staff: this.scoped("Employee teaching staff read", e.teaching),
      current: this.scoped("Employee current read", e.current),
      teacher_number: e.teacherNumber,
      staff_code: this.scoped("Employee staff code read", e.staffCode),
      employment_start_date: wondeDate(e.startDate),
      employment_end_date: wondeDate(e.endDate),
      role_text: this.hasRoles() ? active.map((r) => r.role).join(", ") || null : null,
    };
  }

  private role(r: EmployeeRec["roles"][number]): Json {
    return {
      id: r.id,
      mis_id: r.misId,
      role: r.role,
      role_code: r.roleCode,
      contract: r.contract,
      start_date: wondeDate(r.startDate),
      end_date: wondeDate(r.endDate),
      created_at: wondeDate(r.createdAt),
      updated_at: wondeDate(r.updatedAt),
    };
  }

  private photo(e: EmployeeRec): Json {
    const content = photoPng(`${e.forename} ${e.surname} ${e.dateOfBirth}`).toString("base64");
    return {
      id: e.id,
      content,
      hash: hex128(content),
      created_at: wondeDate(e.createdAt),
      // The photo is drawn from the name, so it changes when the record does.
      updated_at: wondeDate(e.updatedAt),
    };
  }

  /** A line manager as a hierarchy row: the manager, with the relationship in `meta`. */
  private manager(m: EmployeeRec, since: number): Json {
    return { ...this.person(m, "Employee", m.title), meta: { role: "Line Manager", start_date: wondeDate(since), end_date: null } };
  }

  private nextOfKin(k: EmployeeRec["nextOfKin"][number]): Json {
    const primaryPhone = k.phoneMobile ?? k.phoneHome ?? k.phoneWork;
    return {
      id: k.id,
      mis_id: k.misId,
      name: k.name,
      relationship: k.relationship,
      telephone_home: k.phoneHome,
      telephone_work: k.phoneWork,
      telephone_mobile: k.phoneMobile,
      telephone_primary: primaryPhone,
      email_primary: k.emailHome,
      email_work: null,
      email_home: k.emailHome,
      created_at: wondeDate(k.createdAt),
      updated_at: wondeDate(k.updatedAt),
    };
  }

  private rowMeta(row: ClassStaff): Json {
    return {
      is_main_teacher: row.isMainTeacher,
      is_class_teacher: row.isClassTeacher,
      role: row.role,
      all_roles: [row.role],
    };
  }

  // ---- classes and subjects ----------------------------------------------------------

  class(c: ClassRec, inc: IncludeTree = NONE, row?: ClassStaff): Json {
    // Reached from a member of staff, the subject is part of the staff link the MIS may lack.
    const subject = row && !this.caps.subjectStaff ? null : c.subject;
    const out: Json = {
      id: c.id,
      mis_id: c.misId,
      name: this.scoped("Class name read", c.name),
      code: c.code,
      description: c.description,
      subject: subject ? subject.id : null,
      alternative: null,
      priority: null,
      restored_at: wondeDate(c.restoredAt),
      created_at: wondeDate(c.createdAt),
      updated_at: wondeDate(c.updatedAt),
    };
    if (row) out.meta = this.rowMeta(row);
    for (const [name, sub] of inc) {
      if (name === "subject") {
        out.subject = { data: subject && this.can("Subject read") ? this.subject(subject) : null };
      } else if (name === "students") {
        out.students = { data: this.can("Student read") ? c.students.map((s) => this.student(s, sub)) : [] };
      } else if (name === "employees") {
        const staff = this.caps.classStaff && this.can("Employee read") ? c.staff : [];
        out.employees = { data: staff.map((r) => this.employee(r.employee, sub, r)) };
      }
    }
    return out;
  }

  subject(s: SubjectRec): Json {
    return {
      id: s.id,
      mis_id: s.misId,
      code: s.code,
      name: s.name,
      active: s.active,
      restored_at: wondeDate(s.restoredAt),
      created_at: wondeDate(s.createdAt),
      updated_at: wondeDate(s.updatedAt),
    };
  }

  deletion(d: DeletionRec): Json {
    return {
      type: d.type,
      id: d.id,
      mis_id: d.misId,
      deleted_at: wondeDate(d.deletedAt),
      restored_at: wondeDate(d.restoredAt),
    };
  }
}

/** The school object (`schools`, `schools/{id}`); `host` is where this emulator answers. */
export function schoolJson(spec: ResolvedSpec, mis: MisName, host: string): Json {
  return {
    id: spec.id,
    name: spec.name,
    establishment_number: spec.establishmentNumber,
    urn: spec.urn,
    phase_of_education: spec.phase,
    la_code: spec.laCode,
    timezone: "Europe/London",
    mis,
    address: {
      address_line_1: `${1 + (spec.urn % 120)} ${STREETS[spec.urn % STREETS.length]}`,
      address_line_2: null,
      address_town: spec.town,
      address_postcode: spec.postcode,
      address_country: { code: "GBR", name: "United Kingdom" },
    },
    extended: { allows_writeback: false, has_timetables: false, has_lesson_attendance: false },
    // The emulator's own host, not api.wonde.com: a client that builds its base URL from
    // the region must still reach the emulator (over plain http; see README).
    region: {
      code: "GBR",
      domain: host,
      school_url: `http://${host}/v1.0/schools/${spec.id}`,
      identifiers: { la_code: spec.laCode, establishment_number: spec.establishmentNumber, urn: spec.urn },
    },
  };
}
