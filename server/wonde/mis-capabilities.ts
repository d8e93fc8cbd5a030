/**
 * What each MIS gives us for staff-side imports, from the support matrix in
 * /work/shared/notes/wonde-api.md (iP Suite's published mapping). Lets the UI say
 * "Bromcom does not share line managers" instead of showing blanks as bugs, and lets
 * the sync skip includes the MIS cannot fill.
 */

export const STAFF_DATA = ["roles", "photo", "reportsTo", "classStaffLinks", "subjectStaffLinks"] as const;
export type StaffData = (typeof STAFF_DATA)[number];

export type MisCapabilities = Record<StaffData, boolean> & {
  /** Canonical MIS name, or null when not recognised. */
  mis: string | null;
  /** False for an unknown MIS, where everything is assumed to be provided. */
  known: boolean;
};

interface MisEntry {
  name: string;
  /** Matched as substrings of the normalised name (lowercase, letters and digits only). */
  contains: readonly string[];
  /** Matched only as the whole normalised name (too short to match inside others). */
  exact?: readonly string[];
  missing: readonly StaffData[];
}

// "not available from" columns of the matrix, one row per MIS.
const MATRIX: readonly MisEntry[] = [
  { name: "SIMS", contains: ["sims"], missing: [] },
  { name: "Arbor", contains: ["arbor"], missing: [] },
  {
    name: "RM Integris", contains: ["integris"],
    missing: ["roles", "photo", "reportsTo", "classStaffLinks", "subjectStaffLinks"],
  },
  { name: "Facility CMIS", contains: ["cmis"], exact: ["facility"], missing: [] },
  { name: "PupilAsset", contains: ["pupilasset"], missing: [] },
  { name: "iSAMS", contains: ["isams"], missing: ["roles", "reportsTo", "classStaffLinks", "subjectStaffLinks"] },
  { name: "ScholarPack", contains: ["scholarpack"], missing: ["roles", "photo", "classStaffLinks", "subjectStaffLinks"] },
  { name: "Bromcom", contains: ["bromcom"], missing: ["reportsTo", "classStaffLinks", "subjectStaffLinks"] },
  { name: "WCBS", contains: ["wcbs"], exact: ["pass"], missing: ["roles", "reportsTo"] },
  { name: "engage", contains: ["engage"], missing: ["roles", "reportsTo"] },
  { name: "Progresso", contains: ["progresso"], missing: [] },
];

export const SUPPORTED_MIS: readonly string[] = MATRIX.map((m) => m.name);

/** Every MIS Wonde supports, with the staff data it can't share (for Settings). */
export const MIS_SUPPORT: readonly { name: string; missing: readonly StaffData[] }[] = MATRIX.map((m) => ({ name: m.name, missing: m.missing }));

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Finds the matrix row for a MIS name as Wonde spells it ("Capita SIMS", "RM Integris", "iSAMS", …). */
function findMis(name: string | null | undefined): MisEntry | undefined {
  if (!name) return undefined;
  const n = normalise(name);
  if (!n) return undefined;
  return MATRIX.find((m) => m.exact?.includes(n) || m.contains.some((needle) => n.includes(needle)));
}

export function misCapabilities(name: string | null | undefined): MisCapabilities {
  const entry = findMis(name);
  const has = (d: StaffData) => !entry?.missing.includes(d);
  return {
    mis: entry?.name ?? null,
    known: entry !== undefined,
    roles: has("roles"),
    photo: has("photo"),
    reportsTo: has("reportsTo"),
    classStaffLinks: has("classStaffLinks"),
    subjectStaffLinks: has("subjectStaffLinks"),
  };
}

const LABELS: Record<StaffData, string> = {
  roles: "staff roles (job titles)",
  photo: "staff photos",
  reportsTo: "line managers",
  classStaffLinks: "which staff teach which classes",
  subjectStaffLinks: "which staff teach which subjects",
};

/** Plain-English list of what the school's MIS does not share, for the settings page. */
export function describeMisGaps(caps: MisCapabilities): string[] {
  if (!caps.mis) return [];
  return STAFF_DATA.filter((d) => !caps[d]).map((d) => `${caps.mis} does not share ${LABELS[d]} through Wonde.`);
}
