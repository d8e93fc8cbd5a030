/**
 * Change over time: edits, new starters and leavers applied to a school at the emulator's
 * current instant, so a client's incremental sync (updated_after, deletions) has something
 * to find. Leavers leave the current lists and appear in `deletions` (pupils also move to
 * `students-leaver`); contract ends keep a member of staff listed with `current: false`.
 */
import { z } from "zod";
import { DAY } from "./clock";
import type { GenContext } from "./context";
import type { ClassRec, ContactRec, DeletionType, EmployeeRec, SchoolData, StudentRec } from "./model";
import { landlineNumber, mobileNumber, SURNAMES } from "./names";
import { makeFamily, makePupil, middleNamesFor, personalEmail, randomAddress } from "./people";
import { endEmployment, hire, roleRecord } from "./staff";

const count = z.number().int().nonnegative().optional();

export const changeSpecSchema = z.object({
  students: z.object({ edits: count, starters: count, leavers: count }).optional(),
  employees: z.object({ edits: count, starters: count, leavers: count, contractEnds: count }).optional(),
  contacts: z.object({ edits: count }).optional(),
});
export type ChangeSpec = z.infer<typeof changeSpecSchema>;

export interface SchoolChangeReport {
  schoolId: string;
  students: { edited: string[]; started: string[]; left: string[] };
  employees: { edited: string[]; started: string[]; left: string[]; contractsEnded: string[] };
  contacts: { edited: string[]; added: string[]; deleted: string[] };
}

/** `n` distinct items, in random order. */
function sample<T>(ctx: GenContext, items: readonly T[], n: number): T[] {
  return ctx.rng.shuffle([...items]).slice(0, Math.min(n, items.length));
}

function deleted(school: SchoolData, type: DeletionType, record: { id: string; misId: string }, at: number) {
  school.deletions.push({ type, id: record.id, misId: record.misId, deletedAt: at, restoredAt: null });
}

type Edit<T> = (ctx: GenContext, record: T) => void;

const STUDENT_EDITS: Edit<StudentRec>[] = [
  (ctx, s) => {
    s.surname = ctx.rng.pick(SURNAMES);
    s.legalSurname = s.surname;
  },
  (ctx, s) => {
    s.middleNames = middleNamesFor(ctx, s.gender, false);
  },
  (ctx, s) => {
    s.contact = { ...s.contact, address: randomAddress(ctx) };
  },
  (ctx, s) => {
    s.contact = { ...s.contact, phoneHome: landlineNumber(ctx.phone()) };
  },
];

const EMPLOYEE_EDITS: Edit<EmployeeRec>[] = [
  (ctx, e) => {
    e.surname = ctx.rng.pick(SURNAMES);
    e.legalSurname = e.surname;
    if (e.title === "Miss") e.title = "Mrs";
  },
  (ctx, e) => {
    e.contact = { ...e.contact, phoneMobile: mobileNumber(ctx.phone()) };
  },
  (ctx, e) => {
    e.contact = { ...e.contact, address: randomAddress(ctx) };
  },
  (ctx, e) => {
    e.roles.push(roleRecord(ctx, "Designated Safeguarding Lead", e.teaching, Math.floor(ctx.now / DAY) * DAY));
  },
];

const CONTACT_EDITS: Edit<ContactRec>[] = [
  (ctx, c) => {
    c.contact = { ...c.contact, phoneMobile: mobileNumber(ctx.phone()) };
  },
  (ctx, c) => {
    c.contact = { ...c.contact, emailHome: personalEmail(ctx, c.forename, c.surname) };
  },
  (ctx, c) => {
    c.surname = ctx.rng.pick(SURNAMES);
    c.legalSurname = c.surname;
  },
];

function edit<T extends { updatedAt: number; id: string }>(
  ctx: GenContext,
  records: readonly T[],
  n: number,
  edits: Edit<T>[],
): string[] {
  return sample(ctx, records, n).map((record) => {
    ctx.rng.pick(edits)(ctx, record);
    record.updatedAt = ctx.now;
    return record.id;
  });
}

/** A new pupil with a new family, joining one class per subject of a year group. */
function admit(ctx: GenContext, report: SchoolChangeReport): StudentRec {
  const { school, rng } = ctx;
  const year = rng.pick(school.years);
  const contacts: ContactRec[] = [];
  const feeders = [`2${rng.digits(3)}`];
  const today = Math.floor(ctx.now / DAY) * DAY;
  const pupil = makePupil(ctx, { year, family: makeFamily(ctx, contacts), feeders, admissionDate: today });
  school.students.push(pupil);
  school.contacts.push(...contacts);
  report.contacts.added.push(...contacts.map((c) => c.id));
  // Primary pupils join one form (all its classes); secondary pupils one set per subject.
  const yearClasses = school.classes.filter((c) => c.year === year);
  const form = (c: ClassRec) => c.code.split("/")[0] ?? c.code;
  if (school.spec.phase === "PRIMARY") {
    const chosen = yearClasses.length > 0 ? form(rng.pick(yearClasses)) : null;
    for (const cls of yearClasses) if (form(cls) === chosen) join(cls, pupil, ctx.now);
  } else {
    const bySubject = new Map<string, ClassRec[]>();
    for (const cls of yearClasses) {
      const key = cls.subject?.id ?? "";
      bySubject.set(key, [...(bySubject.get(key) ?? []), cls]);
    }
    for (const sets of bySubject.values()) join(rng.pick(sets), pupil, ctx.now);
  }
  return pupil;
}

/** A pupil joins a class: its membership changed, so (as when someone leaves) it counts as updated. */
function join(cls: ClassRec, pupil: StudentRec, now: number): void {
  cls.students.push(pupil);
  cls.updatedAt = now;
}

function leave(ctx: GenContext, pupil: StudentRec, report: SchoolChangeReport): void {
  const { school, now } = ctx;
  school.students = school.students.filter((s) => s !== pupil);
  pupil.leavingDate = Math.floor(now / DAY) * DAY;
  pupil.updatedAt = now;
  school.leavers.push(pupil);
  for (const cls of school.classes) {
    if (!cls.students.includes(pupil)) continue;
    cls.students = cls.students.filter((s) => s !== pupil);
    cls.updatedAt = now;
  }
  deleted(school, "student", pupil, now);
  // A contact with no pupil left on roll is removed from the MIS too.
  const stillLinked = new Set(school.students.flatMap((s) => s.contacts.map((l) => l.contact)));
  for (const { contact } of pupil.contacts) {
    if (stillLinked.has(contact) || !school.contacts.includes(contact)) continue;
    school.contacts = school.contacts.filter((c) => c !== contact);
    deleted(school, "contact", contact, now);
    report.contacts.deleted.push(contact.id);
  }
}

/** Takes someone off their classes (handing main-teacher duty on) and re-points reports. */
function detach(ctx: GenContext, leaver: EmployeeRec): void {
  const { school, now, rng } = ctx;
  const teachers = school.employees.filter((e) => e.current && e.teaching && e !== leaver);
  for (const cls of school.classes) {
    const row = cls.staff.find((r) => r.employee === leaver);
    if (!row) continue;
    cls.staff = cls.staff.filter((r) => r !== row);
    if (row.isMainTeacher && teachers.length > 0) {
      const sameDept = teachers.filter((t) => t.department !== null && t.department === leaver.department);
      const cover = rng.pick(sameDept.length > 0 ? sameDept : teachers);
      cls.staff.unshift({ ...row, employee: cover });
    }
    cls.updatedAt = now;
  }
  for (const e of school.employees) {
    if (e.lineManager !== leaver) continue;
    e.lineManager = leaver.lineManager;
    e.lineManagerSince = Math.floor(now / DAY) * DAY;
    e.updatedAt = now;
  }
}

function isHead(e: EmployeeRec): boolean {
  return e.roles.some((r) => r.roleCode === "HT");
}

function appoint(ctx: GenContext): EmployeeRec {
  const { school, rng } = ctx;
  const current = school.employees.filter((e) => e.current);
  const head = current.find(isHead) ?? null;
  const teaching = rng.chance(0.5);
  const department = teaching ? (rng.pick(current).department ?? null) : null;
  const manager = current.find((e) => e.department === department && e.roles.some((r) => r.roleCode === "HOD")) ?? head;
  const e = hire(ctx, { roles: [teaching ? "Teacher" : "Teaching Assistant"], teaching, manager, department });
  school.employees.push(e);
  return e;
}

/** Applies one batch of changes to a school at `ctx.now`. */
export function applyChanges(ctx: GenContext, spec: ChangeSpec): SchoolChangeReport {
  const { school, now } = ctx;
  const report: SchoolChangeReport = {
    schoolId: school.spec.id,
    students: { edited: [], started: [], left: [] },
    employees: { edited: [], started: [], left: [], contractsEnded: [] },
    contacts: { edited: [], added: [], deleted: [] },
  };
  const s = spec.students ?? {};
  const e = spec.employees ?? {};

  report.students.edited = edit(ctx, school.students, s.edits ?? 0, STUDENT_EDITS);
  report.employees.edited = edit(ctx, school.employees.filter((x) => x.current), e.edits ?? 0, EMPLOYEE_EDITS);
  report.contacts.edited = edit(ctx, school.contacts, spec.contacts?.edits ?? 0, CONTACT_EDITS);

  for (const pupil of sample(ctx, school.students, s.leavers ?? 0)) {
    leave(ctx, pupil, report);
    report.students.left.push(pupil.id);
  }
  for (let i = 0; i < (s.starters ?? 0); i++) report.students.started.push(admit(ctx, report).id);

  const leavable = () => school.employees.filter((x) => x.current && !isHead(x));
  for (const leaver of sample(ctx, leavable(), e.leavers ?? 0)) {
    detach(ctx, leaver);
    school.employees = school.employees.filter((x) => x !== leaver);
    deleted(school, "employee", leaver, now);
    report.employees.left.push(leaver.id);
  }
  for (const ending of sample(ctx, leavable(), e.contractEnds ?? 0)) {
    detach(ctx, ending);
    endEmployment(ending, Math.floor(now / DAY) * DAY);
    ending.updatedAt = now;
    report.employees.contractsEnded.push(ending.id);
  }
  for (let i = 0; i < (e.starters ?? 0); i++) report.employees.started.push(appoint(ctx).id);

  school.version += 1;
  return report;
}
