// Settings a trust sets a default for and a school may override: the effective value is the
// school's own choice ?? its trust's default ?? Staffroom's. School.syncSchedule, importPhotos
// and liteMode hold the effective value (every reader uses them as they are); the *Override
// columns hold the school's own choice, null when it follows the trust.
import type { Prisma } from "../generated/prisma/client";
import type { SyncSchedule } from "./wonde-settings";

type Tx = Prisma.TransactionClient;

export type InheritedSettings = { syncSchedule: SyncSchedule; importPhotos: boolean; liteMode: boolean };
export type InheritedSetting = keyof InheritedSettings;
export const INHERITED_SETTINGS = ["syncSchedule", "importPhotos", "liteMode"] as const satisfies readonly InheritedSetting[];

/** Staffroom's own defaults: a school outside a trust, or a trust that changed nothing. */
export const STAFFROOM_DEFAULTS: InheritedSettings = { syncSchedule: "daily", importPhotos: false, liteMode: false };

/** Where a school's value comes from: its own choice, its trust's default, or Staffroom's. */
export type SettingSource = "school" | "trust" | "staffroom";

export const settingSource = (override: unknown, inTrust: boolean): SettingSource => (override !== null && override !== undefined ? "school" : inTrust ? "trust" : "staffroom");

/** A school's own choice per setting: a value, null to follow the trust, absent to leave as it is. */
export type SettingsPatch = { [K in InheritedSetting]?: InheritedSettings[K] | null };

const SCHOOL_SELECT = {
  trustId: true,
  syncSchedule: true,
  importPhotos: true,
  liteMode: true,
  syncScheduleOverride: true,
  importPhotosOverride: true,
  liteModeOverride: true,
  trust: { select: { defaultSyncSchedule: true, defaultImportPhotos: true, defaultLiteMode: true } },
} as const;

type SchoolSettingsRow = Prisma.SchoolGetPayload<{ select: typeof SCHOOL_SELECT }>;

/** The trust's defaults (Staffroom's outside a trust). */
const defaultsOf = (row: SchoolSettingsRow): InheritedSettings =>
  row.trust ? { syncSchedule: row.trust.defaultSyncSchedule as SyncSchedule, importPhotos: row.trust.defaultImportPhotos, liteMode: row.trust.defaultLiteMode } : STAFFROOM_DEFAULTS;

const overridesOf = (row: SchoolSettingsRow): SettingsPatch => ({ syncSchedule: row.syncScheduleOverride as SyncSchedule | null, importPhotos: row.importPhotosOverride, liteMode: row.liteModeOverride });

/** Each setting's effective value and where it comes from. */
export function describeSettings(row: SchoolSettingsRow) {
  const defaults = defaultsOf(row);
  const overrides = overridesOf(row);
  const one = <K extends InheritedSetting>(key: K) => ({ value: (overrides[key] ?? defaults[key]) as InheritedSettings[K], source: settingSource(overrides[key], row.trustId !== null), inherited: defaults[key] });
  return { syncSchedule: one("syncSchedule"), importPhotos: one("importPhotos"), liteMode: one("liteMode") };
}

export async function schoolSettings(tx: Pick<Tx, "school">, schoolId: string) {
  return describeSettings(await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: SCHOOL_SELECT }));
}

/**
 * Applies a school's choices (or, with an empty patch, its trust's current defaults) inside the
 * caller's transaction: overrides stored, effective values written. Returns the effective values
 * before and after, for the caller to log what changed.
 */
export async function applySchoolSettings(tx: Tx, schoolId: string, patch: SettingsPatch): Promise<{ before: InheritedSettings; after: InheritedSettings }> {
  const row = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: SCHOOL_SELECT });
  const defaults = defaultsOf(row);
  // An absent (undefined) key leaves the school's choice as it is.
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as SettingsPatch;
  const overrides = { ...overridesOf(row), ...given };
  const before: InheritedSettings = { syncSchedule: row.syncSchedule as SyncSchedule, importPhotos: row.importPhotos, liteMode: row.liteMode };
  const after: InheritedSettings = {
    syncSchedule: overrides.syncSchedule ?? defaults.syncSchedule,
    importPhotos: overrides.importPhotos ?? defaults.importPhotos,
    liteMode: overrides.liteMode ?? defaults.liteMode,
  };
  await tx.school.update({
    where: { id: schoolId },
    data: {
      ...after,
      syncScheduleOverride: overrides.syncSchedule ?? null,
      importPhotosOverride: overrides.importPhotos ?? null,
      liteModeOverride: overrides.liteMode ?? null,
      // Switched off, the next switch-on reads every photo again, not only changed staff.
      ...(before.importPhotos && !after.importPhotos ? { photosSyncedAt: null } : {}),
    },
  });
  return { before, after };
}

/** The settings whose effective value changed. */
export const changedSettings = (change: { before: InheritedSettings; after: InheritedSettings }) => INHERITED_SETTINGS.filter((key) => change.before[key] !== change.after[key]);
