/**
 * The default schools and tokens. Ids look like Wonde's; they are fixed so the app's demo,
 * docs and tests can name them. See README.md for the table.
 */
import type { SchoolSpec } from "./model";

export const OAKFIELD_ID = "A1930499544";
export const RIVERSIDE_ID = "A1329183376";
export const HILLCREST_ID = "A1057384629";
export const PARKSIDE_ID = "A1954736102";
export const TRUST_SCHOOL_IDS = ["A1612093845", "A1428750396", "A2146938501"] as const;

export const DEFAULT_SCHOOLS: readonly SchoolSpec[] = [
  // The app's demo school.
  {
    id: OAKFIELD_ID, name: "Oakfield Primary School", mis: "SIMS", phase: "PRIMARY", pupils: 210,
    laCode: "383", establishmentNumber: "2345", urn: 107812, town: "Leeds", county: "West Yorkshire",
    postcode: "LS6 2AB", emailDomain: "oakfield.sch.uk",
  },
  // The large secondary, for volume.
  {
    id: RIVERSIDE_ID, name: "Riverside Academy", mis: "SIMS", phase: "SECONDARY", pupils: 2000,
    laCode: "330", establishmentNumber: "4620", urn: 138754, town: "Birmingham", county: "West Midlands",
    postcode: "B13 9PL", emailDomain: "riverside-academy.sch.uk",
  },
  // One school per MIS in the support matrix, small enough to keep tests quick.
  { id: "A2102984463", name: "St Mary's Church of England Primary School", mis: "SIMS", phase: "PRIMARY", pupils: 120 },
  { id: "A1161584171", name: "Harbour View Primary School", mis: "Arbor", phase: "PRIMARY", pupils: 110 },
  { id: "A1840362118", name: "Meadowbank Primary School", mis: "RM Integris", phase: "PRIMARY", pupils: 90 },
  { id: "A2075312549", name: "Kingsway High School", mis: "CMIS", phase: "SECONDARY", pupils: 150 },
  { id: "A1507281963", name: "Little Hadham Primary School", mis: "PupilAsset", phase: "PRIMARY", pupils: 80 },
  { id: "A1698235017", name: "Ashcombe College", mis: "iSAMS", phase: "SECONDARY", pupils: 140 },
  { id: "A2013847265", name: "Brookfield Primary School", mis: "ScholarPack", phase: "PRIMARY", pupils: 100 },
  { id: "A1249960731", name: "Northgate Academy", mis: "Bromcom", phase: "SECONDARY", pupils: 150 },
  // Also the default school with scopes withheld (UPN, dates of birth).
  {
    id: "A1776403258", name: "Greyfriars School", mis: "WCBS", phase: "SECONDARY", pupils: 120,
    scopes: {
      "Student UPN read": false,
      "Student date of birth read": false,
      "Employee date of birth read": false,
    },
  },
  { id: "A1385027794", name: "Elmhurst International School", mis: "engage", phase: "SECONDARY", pupils: 100 },
  // Serves Wonde's JSON with realistic variance (see variance.ts).
  { id: "A1954736102", name: "Parkside Primary School", mis: "Progresso", phase: "PRIMARY", pupils: 90, variance: true },
  // Northern Lights Academy Trust.
  { id: "A1612093845", name: "Northfield Primary Academy", mis: "Arbor", phase: "PRIMARY", pupils: 240 },
  { id: "A1428750396", name: "Millbrook Primary Academy", mis: "Arbor", phase: "PRIMARY", pupils: 180 },
  { id: "A2146938501", name: "Highgate Park Academy", mis: "Bromcom", phase: "SECONDARY", pupils: 700 },
  // Awaiting approval: only under schools/pending, 403 for its data, meta says approved: false.
  { id: HILLCREST_ID, name: "Hillcrest Primary School", mis: "SIMS", phase: "PRIMARY", pupils: 60 },
];

export type AccessStatus = "approved" | "pending" | "revoked";

/** token → school id → status. */
export type AccessTable = Record<string, Record<string, AccessStatus>>;

export function defaultAccess(): AccessTable {
  const approved = (ids: readonly string[]) =>
    Object.fromEntries(ids.map((id) => [id, "approved" as AccessStatus]));
  const everyone = DEFAULT_SCHOOLS.map((s) => s.id).filter((id) => id !== HILLCREST_ID);
  return {
    demo: { ...approved(everyone), [HILLCREST_ID]: "pending" },
    // The trust's account token: its three academies, and Hillcrest, which is joining the trust
    // and has not approved yet (listed under schools/pending).
    "trust-token": { ...approved(TRUST_SCHOOL_IDS), [HILLCREST_ID]: "pending" },
    "oakfield-token": approved([OAKFIELD_ID]),
  };
}
