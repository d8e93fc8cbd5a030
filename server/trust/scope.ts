// What a trust-wide view reads: the schools of the caller's own trust (never a trust named in the
// input), or one of them when the view is filtered to a school.
import type { Db } from "../db";
import { UserFacingError } from "../user-facing-error";
import type { TrustAccess } from "./access";

export type TrustSchool = { id: string; name: string; timezone: string };

export type TrustScope = {
  /** The schools read, by name. */
  schools: TrustSchool[];
  schoolIds: string[];
  /**
   * The timezone calendar dates are read in: the schools'. English schools share Europe/London;
   * a trust whose schools differ reads the first school's.
   */
  timeZone: string;
};

const DEFAULT_TIMEZONE = "Europe/London";

/** Every school of the trust, by name. */
export function trustSchools(db: Db, trustId: string): Promise<TrustSchool[]> {
  return db.school.findMany({ where: { trustId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, timezone: true } });
}

/** The trust's schools, or the one asked for; a school outside the trust is NOT_FOUND (no hint that it exists). */
export async function trustScope(db: Db, trust: Pick<TrustAccess, "trustId">, schoolId?: string | null): Promise<TrustScope> {
  const all = await trustSchools(db, trust.trustId);
  const schools = schoolId ? all.filter((s) => s.id === schoolId) : all;
  if (schoolId && schools.length === 0) throw new UserFacingError("NOT_FOUND", "No such school in your trust.");
  return { schools, schoolIds: schools.map((s) => s.id), timeZone: schools[0]?.timezone ?? DEFAULT_TIMEZONE };
}

/** School id → name, for a School column. */
export const schoolNames = (scope: TrustScope): ReadonlyMap<string, string> => new Map(scope.schools.map((s) => [s.id, s.name]));
