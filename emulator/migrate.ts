/**
 * MIS migration as Wonde does it: the school's records are re-imported from the new MIS, so
 * every record gets a new `mis_id` (and so a new `upi`) and a new Wonde `id`, and the old ids
 * appear in `deletions`. With `preserveStudentIdsByUpn`, Wonde keeps a pupil's id when it can
 * match them by UPN, which needs "Student UPN read"; staff ids always change.
 */
import { z } from "zod";
import { IdFactory, type IdKind } from "./ids";
import { MIS_NAMES, type MisName } from "./mis";
import type { DeletionType, Identity, SchoolData, Stamps, StudentRec } from "./model";
import { Rng } from "./prng";
import type { ScopeSet } from "./scopes";

export const migrateOptionsSchema = z.object({
  to: z.enum(MIS_NAMES),
  preserveStudentIdsByUpn: z.boolean().optional(),
  /**
   * A data-entry slip in the new MIS: this many pupils are given the UPN of the pupil before
   * them on the roll, and their own UPN exists nowhere any more.
   */
  duplicateUpns: z.number().int().nonnegative().optional(),
});
export type MigrateOptions = z.infer<typeof migrateOptionsSchema>;

export interface MigrationReport {
  schoolId: string;
  from: MisName;
  to: MisName;
  /** Pupils who kept their Wonde id (matched by UPN). */
  preservedStudentIds: number;
  /** Whether UPN matching was asked for but impossible (UPN scope not approved). */
  preserveRefused: boolean;
  /** Old Wonde id → new Wonde id, for every top-level record (same id when preserved). */
  idMap: Record<string, string>;
  /** Pupils given another pupil's UPN (duplicateUpns): the holder's and the copier's new ids. */
  duplicatedUpns: { upn: string; holderId: string; copierId: string }[];
}

export function migrateSchool(
  school: SchoolData,
  options: MigrateOptions,
  context: { seed: string; now: number; scopes: ScopeSet },
): MigrationReport {
  const { seed, now, scopes } = context;
  const from = school.mis;
  school.migrations += 1;
  const ids = new IdFactory(
    new Rng(`${seed}|${school.spec.id}|ids|migration|${school.migrations}`),
    school.spec.id,
    options.to,
    school.ids.slot,
    school.ids.used,
  );
  const preserve = options.preserveStudentIdsByUpn === true && scopes["Student UPN read"];
  const report: MigrationReport = {
    schoolId: school.spec.id,
    from,
    to: options.to,
    preservedStudentIds: 0,
    preserveRefused: options.preserveStudentIdsByUpn === true && !preserve,
    idMap: {},
    duplicatedUpns: [],
  };

  /** New identity for a record; top-level ones leave a deletion behind unless kept. */
  const reissue = (record: Identity & Stamps, kind: IdKind, type: DeletionType | null, keepId = false) => {
    const old = { id: record.id, misId: record.misId };
    Object.assign(record, ids.identity(kind, keepId ? record.id : undefined));
    record.updatedAt = now;
    if (!keepId) record.createdAt = now;
    if (type === null) return;
    report.idMap[old.id] = record.id;
    if (!keepId) school.deletions.push({ type, id: old.id, misId: old.misId, deletedAt: now, restoredAt: null });
  };

  const pupil = (s: StudentRec) => {
    const keep = preserve && s.upn !== null;
    if (keep) report.preservedStudentIds += 1;
    reissue(s, "student", "student", keep);
  };
  school.students.forEach(pupil);
  school.leavers.forEach(pupil);
  for (const e of school.employees) {
    reissue(e, "employee", "employee");
    for (const role of e.roles) reissue(role, "role", null);
    for (const kin of e.nextOfKin) reissue(kin, "nok", null);
  }
  for (const c of school.contacts) reissue(c, "contact", "contact");
  for (const c of school.classes) reissue(c, "class", "class");
  for (const s of school.subjects) reissue(s, "subject", "subject");
  for (const y of school.years) reissue(y, "year", null);

  const withUpn = school.students.filter((s) => s.upn !== null);
  for (let i = 0; i < (options.duplicateUpns ?? 0) && 2 * i + 1 < withUpn.length; i++) {
    const [holder, copier] = [withUpn[2 * i]!, withUpn[2 * i + 1]!];
    copier.upn = holder.upn;
    report.duplicatedUpns.push({ upn: holder.upn!, holderId: holder.id, copierId: copier.id });
  }

  school.mis = options.to;
  school.ids = ids;
  school.version += 1;
  return report;
}
