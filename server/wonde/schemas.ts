/**
 * zod schemas for the Wonde objects Staffroom uses, in the shapes Wonde really sends
 * (see /work/shared/notes/wonde-api.md), normalised on the way in:
 *
 * - Unknown fields are stripped, never an error (Wonde adds fields over time).
 * - Scalars whose scope the school has not approved arrive as null; a missing field is
 *   read as null too, so consumers test one thing.
 * - Timestamps become Dates (instants); date-only fields become "YYYY-MM-DD".
 * - Includes (`"x": {"data": …}`) are unwrapped: `student.education_details` is the
 *   inner object, `undefined` when not requested, `null` when Wonde sent null.
 * - Booleans/numbers sent as strings ("1", "true", "2") are coerced; anything else is an
 *   issue whose path names the field, so a bad page fails loudly.
 */
import { z } from "zod";
import { parseWondeDateOnly, parseWondeInstant } from "./dates";

// ---------------------------------------------------------------------------
// Scalars

const dateObject = z.object({
  date: z.string(),
  timezone_type: z.number().optional(),
  timezone: z.string().optional(),
});
const rawDate = z.union([dateObject, z.string()]);

/** Wonde date object / string / null → Date | null. */
export const instant = rawDate.nullish().transform((v, ctx): Date | null => {
  if (v === null || v === undefined) return null;
  try {
    return parseWondeInstant(v);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
    return z.NEVER;
  }
});

/** Wonde date object / string / null → "YYYY-MM-DD" | null (no zone conversion). */
export const dateOnly = rawDate.nullish().transform((v, ctx): string | null => {
  if (v === null || v === undefined || v === "") return null;
  try {
    return parseWondeDateOnly(v);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
    return z.NEVER;
  }
});

/** String (numbers accepted: MIS ids are sometimes numeric) → string | null. */
const str = z.union([z.string(), z.number()]).nullish().transform((v) => (v === null || v === undefined ? null : String(v)));

const TRUE = new Set(["1", "true", "yes", "y", "t"]);
const FALSE = new Set(["0", "false", "no", "n", "f", ""]);
/** Boolean, 0/1 or a yes/no-ish string → boolean | null. */
const bool = z.union([z.boolean(), z.number(), z.string()]).nullish().transform((v, ctx): boolean | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v;
  const s = String(v).trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  ctx.addIssue({ code: "custom", message: `expected a boolean, got ${JSON.stringify(v)}` });
  return z.NEVER;
});

/** Number or numeric string → number | null. */
const num = z.union([z.number(), z.string()]).nullish().transform((v, ctx): number | null => {
  if (v === null || v === undefined || v === "") return null;
  const n = typeof v === "number" ? v : Number(v.trim());
  if (Number.isFinite(n)) return n;
  ctx.addIssue({ code: "custom", message: `expected a number, got ${JSON.stringify(v)}` });
  return z.NEVER;
});

/**
 * A list of role names: an array (of strings, or objects naming a role) or a
 * comma-joined string → string[].
 */
const stringList = z
  .union([z.array(z.union([z.string(), z.looseObject({ role: str, name: str, code: str })])), z.string()])
  .nullish()
  .transform((v): string[] => {
    if (v === null || v === undefined) return [];
    if (typeof v === "string") return v.split(",").map((s) => s.trim()).filter(Boolean);
    return v
      .map((item) => (typeof item === "string" ? item : (item.role ?? item.name ?? item.code ?? "")))
      .filter(Boolean);
  });

const id = z.union([z.string().min(1), z.number()]).transform(String);
const looseRecord = z.record(z.string(), z.unknown());

// ---------------------------------------------------------------------------
// Include wrappers

/** `"x": {"data": {…}}` → the object; null stays null; absent stays undefined. */
function one<T extends z.ZodType>(schema: T) {
  return z
    .object({ data: schema.nullable() })
    .nullish()
    .transform((v): z.output<T> | null | undefined =>
      v === undefined ? undefined : v === null ? null : (v as { data: z.output<T> | null }).data);
}
/** `"x": {"data": […]}` → the array (undefined when not included, [] when null). */
function many<T extends z.ZodType>(schema: T) {
  return z
    .object({ data: z.array(schema).nullable() })
    .nullish()
    .transform((v): z.output<T>[] | undefined =>
      v === undefined ? undefined : ((v as { data: z.output<T>[] | null } | null)?.data ?? []));
}
/** Accepts `{data: {…}}` or the bare object (used where the nesting is uncertain). */
function oneOrBare<T extends z.ZodType>(schema: T) {
  return z.union([z.object({ data: schema }).transform((v) => (v as { data: z.output<T> }).data), schema]);
}

const timestamps = {
  restored_at: instant,
  created_at: instant,
  updated_at: instant,
};

// ---------------------------------------------------------------------------
// Shared pieces

const address = z.object({
  house_number: str, house_name: str, apartment: str, street: str, district: str,
  town: str, county: str, country: str, postcode: str,
});

export const contactDetailsSchema = z.object({
  emails: z.object({ email: str, primary: str, home: str, work: str }).nullish().transform((v) => v ?? null),
  phones: z.object({ phone: str, primary: str, home: str, work: str, mobile: str }).nullish().transform((v) => v ?? null),
  addresses: z
    .object({
      home: oneOrBare(address).nullish().transform((v) => v ?? null),
      work: oneOrBare(address).nullish().transform((v) => v ?? null),
      postal: oneOrBare(address).nullish().transform((v) => v ?? null),
    })
    .nullish()
    .transform((v) => v ?? null),
  salutation: str,
});

export const photoSchema = z.object({
  id: str, content: str, url: str, hash: str, ...timestamps,
});

const person = {
  id,
  upi: str,
  mis_id: str,
  initials: str,
  title: str,
  surname: str,
  forename: str,
  middle_names: str,
  legal_surname: str,
  legal_forename: str,
  gender: str,
  date_of_birth: dateOnly,
  ...timestamps,
};

// ---------------------------------------------------------------------------
// Subject and class

export const subjectSchema = z.object({
  id, mis_id: str, code: str, name: str, active: bool, ...timestamps,
});

/** Row meta on a class nested under an employee (or an employee under a class). */
export const classMembershipMetaSchema = z.object({
  is_main_teacher: bool,
  is_class_teacher: bool,
  role: str,
  all_roles: stringList,
});

const classFields = {
  id,
  mis_id: str,
  name: str,
  code: str,
  description: str,
  /** Raw `subject`: an id string, or `{data: subject}` when `include=subject`. */
  subject: z.union([z.string(), z.number(), z.object({ data: subjectSchema.nullable() })]).nullish(),
  alternative: bool,
  priority: str,
  meta: classMembershipMetaSchema.nullish().transform((v) => v ?? null),
  ...timestamps,
};

/** Splits Wonde's polymorphic `subject` into `subject_id` (always) and `subject` (when included). */
function normaliseClass<T extends { subject?: unknown }>(c: T) {
  const raw = c.subject as string | number | { data: z.output<typeof subjectSchema> | null } | null | undefined;
  const included = raw !== null && typeof raw === "object" ? raw.data : undefined;
  const subjectId = raw === null || raw === undefined ? null : typeof raw === "object" ? (raw.data?.id ?? null) : String(raw);
  return { ...c, subject_id: subjectId, subject: included };
}

const classBase = z.object(classFields).transform(normaliseClass);

// ---------------------------------------------------------------------------
// Students

export const educationDetailsSchema = z.object({
  admission_number: str,
  upn: str,
  local_upn: str,
  former_upn: str,
  learner_number: str,
  /** "R", "N1", "7", "12" … kept as text. */
  current_nc_year: str,
  part_time: bool,
  part_time_rate: num,
  admission_date: dateOnly,
  leaving_date: dateOnly,
});

const studentBase = z.object(person);

/**
 * The pupil–contact relationship. Its nesting is uncertain [?], so contactSchema reads it
 * from a nested `relationship` object (bare or `{data}`), from row `meta`, or flat on
 * the contact, and normalises to this one object.
 */
export const contactRelationshipSchema = z.object({
  relationship: str,
  parental_responsibility: bool,
  priority: num,
  lives_with_pupil: bool,
  correspondence: bool,
});
type ContactRelationshipOut = z.output<typeof contactRelationshipSchema>;
const RELATIONSHIP_KEYS = ["relationship", "parental_responsibility", "priority", "lives_with_pupil", "correspondence"] as const;

const contactFields = {
  ...person,
  contact_details: one(contactDetailsSchema),
  // Relationship, any of the three nestings:
  relationship: z.union([z.string(), oneOrBare(contactRelationshipSchema.partial())]).nullish(),
  parental_responsibility: bool,
  priority: num,
  lives_with_pupil: bool,
  correspondence: bool,
  meta: contactRelationshipSchema.partial().nullish(),
};

function normaliseContact<T extends {
  relationship?: string | Partial<ContactRelationshipOut> | null | undefined;
  parental_responsibility: boolean | null;
  priority: number | null;
  lives_with_pupil: boolean | null;
  correspondence: boolean | null;
  meta?: Partial<ContactRelationshipOut> | null | undefined;
}>(c: T) {
  const { relationship, parental_responsibility, priority, lives_with_pupil, correspondence, meta, ...rest } = c;
  const flat: Partial<ContactRelationshipOut> = {
    relationship: typeof relationship === "string" ? relationship : null,
    parental_responsibility, priority, lives_with_pupil, correspondence,
  };
  const nested = relationship !== null && typeof relationship === "object" ? relationship : {};
  const merged = {} as Record<(typeof RELATIONSHIP_KEYS)[number], unknown>;
  let any = false;
  for (const key of RELATIONSHIP_KEYS) {
    // Most specific source wins: nested object, then row meta, then flat fields.
    const value = nested[key] ?? meta?.[key] ?? flat[key] ?? null;
    merged[key] = value;
    if (value !== null) any = true;
  }
  return { ...rest, relationship: any ? (merged as ContactRelationshipOut) : null };
}

const studentLite = studentBase;

export const contactSchema = z
  .object({
    ...contactFields,
    /** `contacts?include=students`: the pupils this contact is linked to. */
    students: many(studentLite),
  })
  .transform(normaliseContact);

export const studentSchema = z.object({
  ...person,
  education_details: one(educationDetailsSchema),
  contact_details: one(contactDetailsSchema),
  contacts: many(z.object(contactFields).transform(normaliseContact)),
  classes: many(classBase),
  photo: one(photoSchema),
  year: one(looseRecord),
  registration: one(looseRecord),
  house: one(looseRecord),
});

// ---------------------------------------------------------------------------
// Employees

export const employmentDetailsSchema = z.object({
  teaching_staff: bool,
  current: bool,
  teacher_number: str,
  staff_code: str,
  employment_start_date: dateOnly,
  employment_end_date: dateOnly,
  role_text: str,
});

export const roleSchema = z.object({
  id: str,
  mis_id: str,
  role: str,
  role_code: str,
  /** Shape varies by MIS (text or object); kept raw. */
  contract: z.unknown().optional(),
  start_date: dateOnly,
  end_date: dateOnly,
});

/**
 * Hierarchy and next of kin are not documented in detail [?]: the fields we expect are
 * typed (an entry may be a whole employee with row `meta` such as {role: "Line Manager"},
 * or a bare reference), and unknown fields are kept rather than stripped. See
 * hierarchy.ts for reading line managers out of it.
 */
export const hierarchyEntrySchema = z.looseObject({
  ...person,
  id: str,
  reports_to: str,
  line_manager_id: str,
  meta: z
    .looseObject({ role: str, start_date: dateOnly, end_date: dateOnly })
    .nullish()
    .transform((v) => v ?? null),
});
export const nextOfKinSchema = z.looseObject({
  id: str, mis_id: str, title: str, forename: str, surname: str, name: str, relationship: str, priority: num,
  telephone_primary: str, telephone_home: str, telephone_work: str, telephone_mobile: str,
  email_primary: str, email_home: str, email_work: str,
  contact_details: one(contactDetailsSchema),
  created_at: instant,
  updated_at: instant,
});

const employeeBase = z.object(person);

export const employeeSchema = z.object({
  ...person,
  employment_details: one(employmentDetailsSchema),
  contact_details: one(contactDetailsSchema),
  roles: many(roleSchema),
  photo: one(photoSchema),
  classes: many(classBase),
  // Hierarchy may be one object or a list; normalised to a list.
  hierarchy: z
    .object({ data: z.union([z.array(hierarchyEntrySchema), hierarchyEntrySchema]).nullable() })
    .nullish()
    .transform((v) => (v === undefined ? undefined : v?.data == null ? [] : Array.isArray(v.data) ? v.data : [v.data])),
  next_of_kin: z
    .object({ data: z.union([z.array(nextOfKinSchema), nextOfKinSchema]).nullable() })
    .nullish()
    .transform((v) => (v === undefined ? undefined : v?.data == null ? [] : Array.isArray(v.data) ? v.data : [v.data])),
});

/** A class with its includes (`subject`, `employees`, `students`). */
export const classSchema = z
  .object({
    ...classFields,
    employees: many(employeeBase.extend({ meta: classMembershipMetaSchema.nullish().transform((v) => v ?? null) })),
    students: many(studentBase),
  })
  .transform(normaliseClass);

// ---------------------------------------------------------------------------
// School, deletions, meta

export const schoolSchema = z.object({
  id,
  name: z.string(),
  urn: num,
  establishment_number: str,
  la_code: str,
  phase_of_education: str,
  timezone: str,
  /** e.g. "SIMS", "Arbor"; see mis-capabilities.ts. */
  mis: str,
  region: z
    .looseObject({ code: str, domain: str })
    .nullish()
    .transform((v) => v ?? null),
  address: looseRecord.nullish().transform((v) => v ?? null),
  extended: looseRecord.nullish().transform((v) => v ?? null),
});

export const deletionSchema = z.object({
  type: z.string(),
  id,
  mis_id: str,
  deleted_at: instant,
  restored_at: instant,
});

/** `meta/schools/{id}`: online/approved/audited plus whatever else Wonde adds. */
export const schoolMetaSchema = z.looseObject({
  online: bool,
  approved: bool,
  audited: bool,
});

/**
 * `meta/schools/{id}/permissions`: documented only as "a list of scopes with approved" [?].
 * Accepted as a list of objects naming the scope under `scope`, `identifier`, `name` or
 * `permission`, or as a map scope → boolean / {approved}.
 */
const permissionEntry = z
  .looseObject({
    scope: z.string().optional(),
    identifier: z.string().optional(),
    name: z.string().optional(),
    permission: z.string().optional(),
    approved: bool,
  })
  .transform((v, ctx) => {
    const scope = v.scope ?? v.identifier ?? v.name ?? v.permission;
    if (scope === undefined) {
      ctx.addIssue({ code: "custom", message: "permission entry names no scope" });
      return z.NEVER;
    }
    // An entry without `approved` is listed because it is granted.
    return { scope, approved: v.approved ?? true };
  });

export const permissionsSchema = z.union([
  z.array(z.union([z.string().transform((scope) => ({ scope, approved: true })), permissionEntry])),
  z
    .record(z.string(), z.union([bool, z.looseObject({ approved: bool })]))
    .transform((map) =>
      Object.entries(map).map(([scope, v]) => ({
        scope,
        approved: (typeof v === "object" && v !== null ? v.approved : v) ?? false,
      })),
    ),
]);

/** `counts`: `{students: {data: {count: N}}}`, `{students: {count: N}}` or `{students: N}` → record. */
const count = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const n = Number(v);
  if (Number.isInteger(n) && n >= 0 && String(v).trim() !== "") return n;
  ctx.addIssue({ code: "custom", message: `expected a count, got ${JSON.stringify(v)}` });
  return z.NEVER;
});
export const countsSchema = z.record(
  z.string(),
  z.union([
    count,
    z.object({ data: z.object({ count }) }).transform((v) => v.data.count),
    z.object({ count }).transform((v) => v.count),
  ]),
);

// ---------------------------------------------------------------------------
// Envelopes

export const paginationSchema = z.object({
  next: z.string().nullish().transform((v) => v || null),
  previous: z.string().nullish().transform((v) => v || null),
  more: bool,
  /** Wonde echoes per_page as a string when it was passed. */
  per_page: num,
  current_page: num,
});

/** A list page: `data` parsed by `dataSchema` (usually `z.array(item)`), plus pagination. */
export function pageSchema<T extends z.ZodType>(dataSchema: T) {
  return z.object({
    data: dataSchema,
    meta: z
      .object({ pagination: paginationSchema.nullish().transform((v) => v ?? null) })
      .nullish()
      .transform((v) => v ?? { pagination: null }),
  });
}

/** A single-record response: `{"data": {…}}`. */
export function singleSchema<T extends z.ZodType>(dataSchema: T) {
  return z.object({ data: dataSchema });
}

// ---------------------------------------------------------------------------
// Types

export type School = z.output<typeof schoolSchema>;
export type SchoolMeta = z.output<typeof schoolMetaSchema>;
export type Student = z.output<typeof studentSchema>;
export type EducationDetails = z.output<typeof educationDetailsSchema>;
export type ContactDetails = z.output<typeof contactDetailsSchema>;
export type Contact = z.output<typeof contactSchema>;
export type StudentContact = NonNullable<Student["contacts"]>[number];
export type ContactRelationship = z.output<typeof contactRelationshipSchema>;
export type Employee = z.output<typeof employeeSchema>;
export type EmploymentDetails = z.output<typeof employmentDetailsSchema>;
export type Role = z.output<typeof roleSchema>;
export type Photo = z.output<typeof photoSchema>;
export type HierarchyEntry = z.output<typeof hierarchyEntrySchema>;
export type NextOfKin = z.output<typeof nextOfKinSchema>;
export type WondeClass = z.output<typeof classSchema>;
export type ClassMembershipMeta = z.output<typeof classMembershipMetaSchema>;
export type Subject = z.output<typeof subjectSchema>;
export type Deletion = z.output<typeof deletionSchema>;
export type Pagination = z.output<typeof paginationSchema>;
export type Permission = z.output<typeof permissionsSchema>[number];
export type Counts = z.output<typeof countsSchema>;
