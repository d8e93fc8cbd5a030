/**
 * zod schemas for the Wonde objects Staffroom uses, in the shapes Wonde really sends
 * (see /work/shared/notes/wonde-api.md). Liberal in what they read, strict in what they use:
 *
 * - Only fields Staffroom maps are validated. Unknown fields are stripped; fields we keep
 *   for display but never map (gender, urn, created_at, …) are read when they make sense
 *   and are null otherwise (`unused`): an unused field of any type, or none, never fails.
 * - A mapped field gets one of the coercions below. A value none of them can read fails
 *   the *record* with a plain reason; the client quarantines that record and reads the
 *   rest of the page (validate.ts, readRecords).
 * - Includes (`"x": {"data": …}`) are unwrapped: `student.education_details` is the inner
 *   object, `undefined` when absent (Wonde leaves out empty includes), `null` when null.
 *
 * Coercions of mapped fields (each tested in tests/wonde/coercion.test.ts):
 *
 * | kind      | reads                                                   | as          |
 * |-----------|---------------------------------------------------------|-------------|
 * | text      | a string as sent, or a number (MIS ids)                 | string      |
 * | yes/no    | true/false, 1/0, "1"/"0", "true"/"false", "yes"/"no", "y"/"n", "t"/"f" | boolean |
 * | number    | a number, or a numeric string ("2", " 3.5 ")            | number      |
 * | date      | a Wonde date object `{date, timezone}` or a date string | "YYYY-MM-DD" (no zone shift) |
 * | instant   | a Wonde date object or a date string (UTC)              | Date        |
 * | role list | an array of strings or of `{role|name|code}`, or "a, b" | string[]    |
 *
 * For every kind, null, a missing field and "" mean null ("no value").
 */
import { z } from "zod";
import { parseWondeDateOnly, parseWondeInstant } from "./dates";

// ---------------------------------------------------------------------------
// Scalars

/** Marks a value no coercion could read. */
const UNREADABLE = Symbol("unreadable");
type Reader<T> = (value: unknown) => T | typeof UNREADABLE;

/**
 * A mapped scalar: null, missing and "" are null; anything else goes through `read`,
 * and a value it can't read is an issue saying what was expected.
 */
function coerced<T>(expected: string, read: Reader<T>) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T | null => {
      if (value === null || value === undefined || value === "") return null;
      const out = read(value);
      if (out !== UNREADABLE) return out;
      ctx.addIssue({ code: "custom", message: `can't be read as ${expected}`, input: value });
      return z.NEVER;
    });
}

/** Fields kept for display only: read when readable, otherwise null; never an issue. */
function unused<T extends z.ZodType>(schema: T) {
  return schema.catch(null as z.output<T>);
}

const isDateObject = (v: unknown): v is { date: string; timezone?: unknown } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { date?: unknown }).date === "string";

/** Wonde date object / string → Date. */
const readInstant: Reader<Date> = (v) => {
  try {
    if (typeof v === "string") return parseWondeInstant(v);
    if (isDateObject(v)) return parseWondeInstant({ date: v.date, timezone: typeof v.timezone === "string" ? v.timezone : undefined });
  } catch {
    // falls through: unreadable
  }
  return UNREADABLE;
};

/** Wonde date object / string → "YYYY-MM-DD" as written (no zone conversion: a birthday is not an instant). */
const readDateOnly: Reader<string> = (v) => {
  try {
    if (typeof v === "string") return parseWondeDateOnly(v);
    if (isDateObject(v)) return parseWondeDateOnly(v.date);
  } catch {
    // falls through: unreadable
  }
  return UNREADABLE;
};

export const instant = coerced("a date and time", readInstant);
export const dateOnly = coerced("a date", readDateOnly);

/** When a record changed: drives the incremental cursor only, so an unreadable one is ignored, not fatal. */
const changedAt = unused(instant);

/** Text; numbers are accepted because MIS ids are sometimes numeric. */
const str = coerced("text", (v) => (typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : UNREADABLE));

const TRUE = new Set(["1", "true", "yes", "y", "t"]);
const FALSE = new Set(["0", "false", "no", "n", "f"]);
const bool = coerced("yes or no", (v) => {
  if (typeof v === "boolean") return v;
  if (typeof v !== "number" && typeof v !== "string") return UNREADABLE;
  const s = String(v).trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : UNREADABLE;
});

const num = coerced("a number", (v) => {
  if (typeof v !== "number" && typeof v !== "string") return UNREADABLE;
  const n = typeof v === "number" ? v : v.trim() === "" ? Number.NaN : Number(v.trim());
  return Number.isFinite(n) ? n : UNREADABLE;
});

/**
 * A list of role names: an array (of strings, or objects naming a role) or a
 * comma-joined string → string[].
 */
const stringList = coerced("a list of roles", (v): string[] | typeof UNREADABLE => {
  if (typeof v === "string") return v.split(",").map((s) => s.trim()).filter(Boolean);
  if (!Array.isArray(v)) return UNREADABLE;
  const names: string[] = [];
  for (const item of v) {
    if (typeof item === "string") names.push(item);
    else if (typeof item === "object" && item !== null) {
      const named = ["role", "name", "code"].map((k) => (item as Record<string, unknown>)[k]).find((x) => typeof x === "string" && x !== "");
      if (typeof named === "string") names.push(named);
    } else return UNREADABLE;
  }
  return names.filter(Boolean);
}).transform((v) => v ?? []);

/** A record's Wonde id: a non-empty string or a number. Without one a record can't be kept. */
const id = z.unknown().optional().transform((v, ctx): string => {
  if ((typeof v === "string" && v.trim() !== "") || (typeof v === "number" && Number.isFinite(v))) return String(v);
  ctx.addIssue({ code: "custom", message: "has no usable Wonde id", input: v });
  return z.NEVER;
});
const looseRecord = z.record(z.string(), z.unknown());

// ---------------------------------------------------------------------------
// Include wrappers

const INCLUDE = { error: "is not an included record ({data: …})" };
/** "" where an include should be: Wonde's "empty" in some MIS feeds. */
const blankToNull = (v: unknown) => (v === "" ? null : v);

/** `"x": {"data": {…}}` → the object; null stays null; absent stays undefined. */
function one<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    blankToNull,
    z
      .object({ data: z.preprocess(blankToNull, schema.nullable()) }, INCLUDE)
      .nullish()
      .transform((v): z.output<T> | null | undefined =>
        v === undefined ? undefined : v === null ? null : (v as { data: z.output<T> | null }).data),
  );
}
/** `"x": {"data": […]}` → the array (undefined when not included, [] when null). */
function many<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    blankToNull,
    z
      .object({ data: z.preprocess(blankToNull, z.array(schema).nullable()) }, INCLUDE)
      .nullish()
      .transform((v): z.output<T>[] | undefined =>
        v === undefined ? undefined : ((v as { data: z.output<T>[] | null } | null)?.data ?? [])),
  );
}
/** `{data: x}` or one or many bare x → a list (undefined when not included). */
function oneOrMany<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    blankToNull,
    z
      .object({ data: z.preprocess(blankToNull, z.union([z.array(schema), schema]).nullable()) }, INCLUDE)
      .nullish()
      .transform((v): z.output<T>[] | undefined => {
        if (v === undefined) return undefined;
        const data = (v as { data: z.output<T>[] | z.output<T> | null } | null)?.data;
        return data == null ? [] : Array.isArray(data) ? data : [data];
      }),
  );
}
/** Accepts `{data: {…}}` or the bare object (used where the nesting is uncertain). */
function oneOrBare<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === "object" && v !== null && "data" in v ? (v as { data: unknown }).data : v), schema);
}

const timestamps = {
  restored_at: unused(instant),
  created_at: unused(instant),
  updated_at: changedAt,
};

// ---------------------------------------------------------------------------
// Shared pieces

const address = z.object({
  house_number: str, house_name: str, apartment: str, street: str, district: str,
  town: str, county: str, country: str, postcode: str,
});

/** A nested object that may be null, missing or "": → the object or null. */
function nested<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToNull, schema.nullish()).transform((v): z.output<T> | null => (v ?? null) as z.output<T> | null);
}

export const contactDetailsSchema = z.object({
  emails: nested(z.object({ email: str, primary: str, home: str, work: str })),
  phones: nested(z.object({ phone: str, primary: str, home: str, work: str, mobile: str })),
  addresses: nested(
    z.object({
      home: nested(oneOrBare(address)),
      work: unused(nested(oneOrBare(address))),
      postal: unused(nested(oneOrBare(address))),
    }),
  ),
  salutation: unused(str),
});

export const photoSchema = z.object({
  id: unused(str), content: str, url: str, hash: unused(str), ...timestamps,
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
  gender: unused(str),
  date_of_birth: dateOnly,
  ...timestamps,
};

// ---------------------------------------------------------------------------
// Subject and class

export const subjectSchema = z.object({
  id, mis_id: str, code: str, name: str, active: unused(bool), ...timestamps,
});

/** Row meta on a class nested under an employee (or an employee under a class). */
export const classMembershipMetaSchema = z.object({
  is_main_teacher: bool,
  is_class_teacher: unused(bool),
  role: unused(str),
  all_roles: stringList.catch([]),
});

/** `subject` is an id, or `{data: subject}` when `include=subject`; the sync uses only its id. */
const classSubject = z.preprocess(
  blankToNull,
  z.union(
    [
      z.string(),
      z.number(),
      z.object({ data: z.preprocess(blankToNull, z.looseObject({ id }).nullable()) }),
    ],
    { error: "is neither a subject id nor an included subject" },
  ).nullish(),
);
const includedSubject = subjectSchema.nullable().catch(null);

/** A member of a class as the sync reads it: who, and (staff) whether main teacher. */
const classMember = z.object({ id, meta: nested(classMembershipMetaSchema) });

const classFields = {
  id,
  mis_id: str,
  name: str,
  code: str,
  description: str,
  subject: classSubject,
  alternative: unused(bool),
  priority: unused(str),
  meta: unused(classMembershipMetaSchema.nullish().transform((v) => v ?? null)),
  ...timestamps,
};

/** Splits Wonde's polymorphic `subject` into `subject_id` (always) and `subject` (when included, for display). */
function normaliseClass<T extends { subject?: unknown }>(c: T) {
  const raw = c.subject as string | number | { data: { id: string } | null } | null | undefined;
  const included = raw !== null && typeof raw === "object" ? includedSubject.parse(raw.data) : undefined;
  const subjectId = raw === null || raw === undefined ? null : typeof raw === "object" ? (raw.data?.id ?? null) : String(raw);
  return { ...c, subject_id: subjectId, subject: included };
}

const classBase = z.object(classFields).transform(normaliseClass);

// ---------------------------------------------------------------------------
// Students

export const educationDetailsSchema = z.object({
  admission_number: str,
  upn: str,
  local_upn: unused(str),
  former_upn: str,
  learner_number: unused(str),
  /** "R", "N1", "7", "12" … kept as text. */
  current_nc_year: str,
  part_time: bool,
  part_time_rate: unused(num),
  admission_date: dateOnly,
  leaving_date: dateOnly,
});

/**
 * The pupil–contact relationship. Its nesting is uncertain [?], so contactSchema reads it
 * from a nested `relationship` object (bare or `{data}`), from row `meta`, or flat on
 * the contact, and normalises to this one object.
 */
export const contactRelationshipSchema = z.object({
  relationship: str,
  parental_responsibility: bool,
  priority: num,
  lives_with_pupil: unused(bool),
  correspondence: unused(bool),
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
  lives_with_pupil: unused(bool),
  correspondence: unused(bool),
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

const studentLite = z.object(person);

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
  classes: unused(many(classBase)),
  photo: unused(one(photoSchema)),
  year: unused(one(looseRecord)),
  registration: unused(one(looseRecord)),
  house: unused(one(looseRecord)),
});

// ---------------------------------------------------------------------------
// Employees

export const employmentDetailsSchema = z.object({
  teaching_staff: bool,
  current: bool,
  teacher_number: str,
  staff_code: str,
  employment_start_date: unused(dateOnly),
  employment_end_date: unused(dateOnly),
  role_text: str,
});

export const roleSchema = z.object({
  id: unused(str),
  mis_id: unused(str),
  role: str,
  role_code: unused(str),
  /** Shape varies by MIS (text or object); kept raw. */
  contract: z.unknown().optional(),
  start_date: unused(dateOnly),
  end_date: dateOnly,
});

/**
 * Hierarchy and next of kin are not documented in detail [?]: a hierarchy entry may be a
 * whole employee with row `meta` such as {role: "Line Manager"}, or a bare reference. Only
 * what Staffroom reads is typed; other fields are passed through as they came.
 */
export const hierarchyEntrySchema = z.looseObject({
  /** The sync takes the first entry's id as the line manager. */
  id: str,
  // Read by lineManagerIds (hierarchy.ts), which the sync does not use yet: lenient.
  reports_to: unused(str),
  line_manager_id: unused(str),
  meta: unused(
    z
      .object({ role: str, start_date: dateOnly, end_date: dateOnly })
      .nullish()
      .transform((v) => v ?? null),
  ),
});
export const nextOfKinSchema = z.looseObject({
  id: str, title: str, forename: str, surname: str, name: str, relationship: str, priority: num,
  email_primary: str, email_home: str, email_work: str,
  contact_details: one(contactDetailsSchema),
});

export const employeeSchema = z.object({
  ...person,
  employment_details: one(employmentDetailsSchema),
  contact_details: one(contactDetailsSchema),
  roles: many(roleSchema),
  photo: one(photoSchema),
  classes: unused(many(classBase)),
  // Hierarchy and next of kin may be one object or a list; normalised to a list.
  hierarchy: oneOrMany(hierarchyEntrySchema),
  next_of_kin: oneOrMany(nextOfKinSchema),
});

/** A class with its includes (`subject`, `employees`, `students`): members by id. */
export const classSchema = z
  .object({
    ...classFields,
    employees: many(classMember),
    students: many(classMember),
  })
  .transform(normaliseClass);

// ---------------------------------------------------------------------------
// School, deletions, meta

export const schoolSchema = z.object({
  id,
  name: z.string({ error: "has no name" }),
  /** The DfE URN: some feeds send it as a number, some as text. */
  urn: unused(str),
  establishment_number: unused(str),
  la_code: unused(str),
  phase_of_education: unused(str),
  timezone: str,
  /** e.g. "SIMS", "Arbor"; see mis-capabilities.ts. */
  mis: str,
  region: nested(z.object({ code: unused(str), domain: str })),
  address: unused(looseRecord.nullish().transform((v) => v ?? null)),
  extended: unused(looseRecord.nullish().transform((v) => v ?? null)),
});

export const deletionSchema = z.object({
  type: str.transform((v, ctx) => {
    if (v) return v;
    ctx.addIssue({ code: "custom", message: "names no record type" });
    return z.NEVER;
  }),
  id,
  mis_id: unused(str),
  deleted_at: instant,
  restored_at: unused(instant),
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
