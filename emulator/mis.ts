/**
 * The MIS support matrix (shared/notes/wonde-api.md, from iP Suite's published mapping): which
 * staff-side data each MIS gives Wonde. The emulator serves a school's data through the
 * capabilities of its *current* MIS, so a migration can take data away as well as change ids.
 */

export const MIS_NAMES = [
  "SIMS",
  "Arbor",
  "RM Integris",
  "CMIS",
  "PupilAsset",
  "iSAMS",
  "ScholarPack",
  "Bromcom",
  "WCBS",
  "engage",
  "Progresso",
] as const;

export type MisName = (typeof MIS_NAMES)[number];

export interface MisCapabilities {
  /** `employees?include=roles` has rows (and `employment_details.role_text` is set). */
  roles: boolean;
  /** `employees?include=photo` has a photo. */
  photo: boolean;
  /** `employees?include=hierarchy` names a line manager. */
  lineManager: boolean;
  /** classes know their staff (`classes?include=employees`, `employees?include=classes`). */
  classStaff: boolean;
  /** a class reached from a member of staff carries its subject (`classes.subject`). */
  subjectStaff: boolean;
}

const ALL: MisCapabilities = {
  roles: true,
  photo: true,
  lineManager: true,
  classStaff: true,
  subjectStaff: true,
};

/** "not available from" column of the matrix, turned around per MIS. */
export const MIS_CAPABILITIES: Readonly<Record<MisName, Readonly<MisCapabilities>>> = {
  SIMS: ALL,
  Arbor: ALL,
  "RM Integris": {
    roles: false,
    photo: false,
    lineManager: false,
    classStaff: false,
    subjectStaff: false,
  },
  CMIS: ALL,
  PupilAsset: ALL,
  iSAMS: { ...ALL, roles: false, lineManager: false, classStaff: false, subjectStaff: false },
  ScholarPack: { ...ALL, roles: false, photo: false, classStaff: false, subjectStaff: false },
  Bromcom: { ...ALL, lineManager: false, classStaff: false, subjectStaff: false },
  WCBS: { ...ALL, roles: false, lineManager: false },
  engage: { ...ALL, roles: false, lineManager: false },
  Progresso: ALL,
};

/** How each MIS spells its own record ids, so `mis_id`s look like the real thing. */
export type MisIdStyle = "integer" | "guid" | "prefixed";

export const MIS_ID_STYLE: Readonly<Record<MisName, MisIdStyle>> = {
  SIMS: "integer",
  Arbor: "integer",
  "RM Integris": "integer",
  CMIS: "prefixed",
  PupilAsset: "integer",
  iSAMS: "prefixed",
  ScholarPack: "guid",
  Bromcom: "integer",
  WCBS: "prefixed",
  engage: "guid",
  Progresso: "guid",
};

export function isMisName(value: string): value is MisName {
  return (MIS_NAMES as readonly string[]).includes(value);
}
