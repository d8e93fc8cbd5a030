/**
 * Every field Staffroom maps from the Wonde records the sync reads, by endpoint, with the
 * coercion each gets (server/wonde/schemas.ts). The coercion test proves each is coerced or
 * quarantines its record; the contract fuzz changes every *other* field and expects nothing
 * to change. `[]` steps into each element of a list.
 */
export type Kind = "id" | "text" | "yes/no" | "date" | "instant" | "subject";
export type Field = { path: string; kind: Kind };
export type MappedEndpoint = { endpoint: string; include: string[]; fields: Field[] };

const text = (...paths: string[]): Field[] => paths.map((path) => ({ path, kind: "text" }));

const PERSON: Field[] = [
  { path: "id", kind: "id" },
  ...text("upi", "mis_id", "initials", "surname", "forename", "middle_names", "legal_surname", "legal_forename"),
  { path: "date_of_birth", kind: "date" },
];
const CONTACT_DETAILS: Field[] = text(
  ...["email", "primary", "home", "work"].map((f) => `contact_details.data.emails.${f}`),
  ...["phone", "primary", "home", "work", "mobile"].map((f) => `contact_details.data.phones.${f}`),
  ...["house_number", "house_name", "apartment", "street", "district", "town", "county", "country", "postcode"].map((f) => `contact_details.data.addresses.home.${f}`),
);
const STUDENT: Field[] = [
  ...PERSON,
  ...text(...["admission_number", "upn", "former_upn", "current_nc_year"].map((f) => `education_details.data.${f}`)),
  { path: "education_details.data.part_time", kind: "yes/no" },
  { path: "education_details.data.admission_date", kind: "date" },
  { path: "education_details.data.leaving_date", kind: "date" },
  ...CONTACT_DETAILS,
];

export const MAPPED_FIELDS: MappedEndpoint[] = [
  { endpoint: "students", include: ["education_details", "contact_details"], fields: STUDENT },
  { endpoint: "students-leaver", include: ["education_details"], fields: STUDENT },
  {
    endpoint: "employees",
    include: ["employment_details", "contact_details", "roles", "hierarchy", "photo"],
    fields: [
      ...PERSON,
      ...text("title"),
      { path: "employment_details.data.teaching_staff", kind: "yes/no" },
      { path: "employment_details.data.current", kind: "yes/no" },
      ...text(...["teacher_number", "staff_code", "role_text"].map((f) => `employment_details.data.${f}`)),
      ...text("roles.data[].role"),
      { path: "roles.data[].end_date", kind: "date" },
      ...text("hierarchy.data[].id", "photo.data.url", "photo.data.content"),
      ...CONTACT_DETAILS,
    ],
  },
  {
    endpoint: "classes",
    include: ["subject", "students", "employees"],
    fields: [
      { path: "id", kind: "id" },
      ...text("mis_id", "name", "code", "description"),
      { path: "subject", kind: "subject" },
      { path: "students.data[].id", kind: "id" },
      { path: "employees.data[].id", kind: "id" },
      { path: "employees.data[].meta.is_main_teacher", kind: "yes/no" },
    ],
  },
  { endpoint: "subjects", include: [], fields: [{ path: "id", kind: "id" }, ...text("mis_id", "code", "name")] },
  {
    endpoint: "deletions",
    include: [],
    fields: [
      { path: "type", kind: "id" },
      { path: "id", kind: "id" },
      { path: "deleted_at", kind: "instant" },
    ],
  },
];

/** Read, but only to move the incremental cursor: an unreadable value is ignored (not fuzzed either). */
export const LENIENT_FIELDS = ["updated_at"];
