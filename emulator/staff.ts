/**
 * Staff: who a school employs for its size and phase, their roles, line managers, next of
 * kin, and which classes they teach.
 */
import { DAY } from "./clock";
import type { GenContext } from "./context";
import { departmentOf, type ClassPlan } from "./curriculum";
import type { ClassRec, EmployeeRec, Gender, NextOfKinRec, RoleRec } from "./model";
import { emailSlug, landlineNumber, mobileNumber, SURNAMES } from "./names";
import { forenameFor, middleNamesFor, personalEmail, randomAddress, randomGender } from "./people";
import { hash128 } from "./prng";

const YEAR = 365 * DAY;

const ROLE_CODES: Readonly<Record<string, string>> = {
  Headteacher: "HT",
  "Deputy Headteacher": "DHT",
  "Assistant Headteacher": "AHT",
  SENCO: "SENCO",
  "Class Teacher": "CLT",
  Teacher: "TCH",
  "Teaching Assistant": "TA",
  "Higher Level Teaching Assistant": "HLTA",
  "Business Manager": "SBM",
  "School Administrator": "ADM",
  Receptionist: "REC",
  "Finance Officer": "FIN",
  "HR Officer": "HR",
  "Exams Officer": "EXM",
  "Data Manager": "DAT",
  "Attendance Officer": "ATT",
  "IT Technician": "ICT",
  "Science Technician": "SCT",
  Librarian: "LIB",
  "Site Manager": "SITE",
  Caretaker: "CARE",
  Cook: "COOK",
  "Lunchtime Supervisor": "MDS",
};

export function roleCode(role: string): string {
  if (ROLE_CODES[role]) return ROLE_CODES[role];
  if (role.startsWith("Head of Year")) return "HOY";
  if (role.startsWith("Head of")) return "HOD";
  return "OTH";
}

const DEPARTMENT_NAMES: Readonly<Record<string, string>> = {
  Ma: "Maths",
  En: "English",
  Sc: "Science",
  Hi: "History",
  Gg: "Geography",
  Fr: "Languages",
  Cp: "Computing",
  PE: "PE",
  Ar: "Art",
  Mu: "Music",
  Dr: "Drama",
  RE: "RE",
  DT: "Design and Technology",
};

const SUPPORT_ROLES = [
  "Finance Officer",
  "Receptionist",
  "Exams Officer",
  "Data Manager",
  "IT Technician",
  "Site Manager",
  "HR Officer",
  "Attendance Officer",
  "Receptionist",
  "Science Technician",
  "Librarian",
  "IT Technician",
  "Caretaker",
  "Science Technician",
];

type EmailConvention = "initial.surname" | "forename.surname" | "initialsurname";

/** Each school writes its staff emails one way; fixed per school id so changes follow suit. */
function emailConvention(schoolId: string): EmailConvention {
  const conventions: EmailConvention[] = ["initial.surname", "forename.surname", "initialsurname"];
  return conventions[hash128(schoolId)[0] % conventions.length] as EmailConvention;
}

function workEmail(ctx: GenContext, forename: string, surname: string): string {
  const f = emailSlug(forename);
  const s = emailSlug(surname);
  const local = {
    "initial.surname": `${f.charAt(0)}.${s}`,
    "forename.surname": `${f}.${s}`,
    initialsurname: `${f.charAt(0)}${s}`,
  }[emailConvention(ctx.spec.id)];
  return ctx.uniqueEmail(local, ctx.spec.emailDomain);
}

/** SIMS-style three-letter staff code (JSM for Jane Smith), made unique. */
function staffCode(ctx: GenContext, forename: string, surname: string): string {
  const f = emailSlug(forename).toUpperCase();
  const s = emailSlug(surname).toUpperCase().padEnd(3, "X");
  const candidates = [`${f[0]}${s[0]}${s[1]}`, `${f[0]}${s[0]}${s[2]}`, `${f[0]}${f[1] ?? "X"}${s[0]}`];
  for (const letter of "ABCDEFGHIJKLMNOPQRSTUVWXYZ") candidates.push(`${f[0]}${s[0]}${letter}`);
  for (const code of candidates) {
    if (!ctx.staffCodes.has(code)) {
      ctx.staffCodes.add(code);
      return code;
    }
  }
  const fallback = `${f[0]}${ctx.rng.int(10, 99)}`;
  ctx.staffCodes.add(fallback);
  return fallback;
}

function titleFor(ctx: GenContext, gender: Gender, teaching: boolean): string {
  if (ctx.rng.chance(0.01)) return "Mx";
  if (teaching && ctx.rng.chance(0.04)) return "Dr";
  if (gender === "MALE") return "Mr";
  return ctx.rng.weighted(["Mrs", "Ms", "Miss"], [5, 3, 3]);
}

function nextOfKin(ctx: GenContext, surname: string, since: number): NextOfKinRec[] {
  const { rng } = ctx;
  const count = rng.weighted([0, 1, 2], [1, 7, 2]);
  return Array.from({ length: count }, () => {
    const relationship = rng.weighted(
      ["Husband", "Wife", "Partner", "Mother", "Father", "Sister", "Brother", "Daughter", "Son"],
      [5, 5, 4, 3, 2, 2, 1, 1, 1],
    );
    const male = ["Husband", "Father", "Brother", "Son"].includes(relationship);
    const female = ["Wife", "Mother", "Sister", "Daughter"].includes(relationship);
    const gender: Gender = male ? "MALE" : female ? "FEMALE" : randomGender(ctx);
    const forename = forenameFor(ctx, gender, true);
    const theirSurname = relationship === "Partner" || rng.chance(0.2) ? rng.pick(SURNAMES) : surname;
    return {
      ...ctx.ids.identity("nok"),
      ...ctx.stamps(since),
      name: `${forename} ${theirSurname}`,
      relationship,
      phoneHome: rng.chance(0.3) ? landlineNumber(ctx.phone()) : null,
      phoneWork: rng.chance(0.2) ? landlineNumber(ctx.phone()) : null,
      phoneMobile: mobileNumber(ctx.phone()),
      emailHome: rng.chance(0.5) ? personalEmail(ctx, forename, theirSurname) : null,
    };
  });
}

export function roleRecord(ctx: GenContext, role: string, teaching: boolean, startDate: number): RoleRec {
  const contract =
    role === "Lunchtime Supervisor"
      ? "Casual"
      : ctx.rng.chance(teaching ? 0.1 : 0.15)
        ? "Fixed Term"
        : "Permanent";
  return {
    ...ctx.ids.identity("role"),
    ...ctx.stamps(startDate),
    role,
    roleCode: roleCode(role),
    contract,
    startDate,
    endDate: null,
  };
}

export interface HireOptions {
  roles: string[];
  teaching: boolean;
  manager: EmployeeRec | null;
  department?: string | null;
}

export function hire(ctx: GenContext, options: HireOptions): EmployeeRec {
  const { rng, now } = ctx;
  const gender = randomGender(ctx);
  const forename = forenameFor(ctx, gender, true);
  const surname = rng.pick(SURNAMES);
  const middleNames = rng.chance(0.5) ? middleNamesFor(ctx, gender, true) : null;
  const dateOfBirth = ctx.dayBetween(now - 64 * YEAR, now - 22 * YEAR);
  const startDate = ctx.live
    ? Math.floor(now / DAY) * DAY
    : ctx.dayBetween(Math.max(dateOfBirth + 22 * YEAR, now - 25 * YEAR), now - 20 * DAY);
  const roles = options.roles.map((role, i) =>
    // A second role (Head of Year, Head of department) usually came after joining.
    roleRecord(ctx, role, options.teaching, i === 0 ? startDate : ctx.dayBetween(startDate, now - DAY)),
  );
  return {
    kind: "employee",
    ...ctx.ids.identity("employee"),
    ...ctx.stamps(startDate),
    title: titleFor(ctx, gender, options.teaching),
    forename,
    surname,
    middleNames,
    legalForename: forename,
    legalSurname: surname,
    gender,
    dateOfBirth,
    contact: {
      emailHome: rng.chance(0.5) ? personalEmail(ctx, forename, surname) : null,
      emailWork: workEmail(ctx, forename, surname),
      phoneHome: rng.chance(0.3) ? landlineNumber(ctx.phone()) : null,
      phoneWork: null,
      phoneMobile: rng.chance(0.9) ? mobileNumber(ctx.phone()) : null,
      address: randomAddress(ctx),
    },
    teaching: options.teaching,
    current: true,
    teacherNumber: options.teaching ? `${rng.int(1, 9)}${rng.digits(6)}` : null,
    staffCode: staffCode(ctx, forename, surname),
    startDate,
    endDate: null,
    roles,
    lineManager: options.manager,
    lineManagerSince: startDate,
    nextOfKin: nextOfKin(ctx, surname, startDate),
    department: options.department ?? null,
  };
}

/** Marks someone as no longer employed (they stay in the MIS, as former staff do). */
export function endEmployment(employee: EmployeeRec, endDate: number): void {
  employee.current = false;
  employee.endDate = endDate;
  for (const role of employee.roles) role.endDate ??= endDate;
}

function attach(cls: ClassRec, employee: EmployeeRec, main: boolean, classTeacher: boolean, role: string) {
  cls.staff.push({ employee, isMainTeacher: main, isClassTeacher: classTeacher, role });
}

function staffPrimary(ctx: GenContext, plan: ClassPlan): EmployeeRec[] {
  const staff: EmployeeRec[] = [];
  const take = (options: HireOptions) => {
    const e = hire(ctx, options);
    staff.push(e);
    return e;
  };
  const head = take({ roles: ["Headteacher"], teaching: true, manager: null });
  const deputy = take({ roles: ["Deputy Headteacher", "Class Teacher"], teaching: true, manager: head });
  const senco = take({ roles: ["SENCO", "Teacher"], teaching: true, manager: head });
  const business = take({ roles: ["Business Manager"], teaching: false, manager: head });
  const tutors = plan.forms.slice(1).map(() => take({ roles: ["Class Teacher"], teaching: true, manager: deputy }));
  tutors.push(deputy); // the deputy has the oldest class
  const cover = Math.max(1, Math.round(plan.forms.length / 10));
  for (let i = 0; i < cover; i++) take({ roles: ["Teacher"], teaching: true, manager: deputy });
  take({ roles: ["Higher Level Teaching Assistant"], teaching: false, manager: senco });
  const assistants = plan.forms.map(() => take({ roles: ["Teaching Assistant"], teaching: false, manager: senco }));
  const support = ["School Administrator", "Site Manager", "Cook", "Lunchtime Supervisor", "Lunchtime Supervisor"];
  if (plan.forms.length > 10) support.push("School Administrator", "Lunchtime Supervisor");
  for (const role of support) take({ roles: [role], teaching: false, manager: business });

  plan.forms.forEach((form, i) => {
    for (const cls of form) {
      attach(cls, tutors[i] as EmployeeRec, true, true, "Teacher");
      attach(cls, assistants[i] as EmployeeRec, false, false, "Teaching Assistant");
    }
  });
  return staff;
}

function staffSecondary(ctx: GenContext, plan: ClassPlan): EmployeeRec[] {
  const { rng } = ctx;
  const staff: EmployeeRec[] = [];
  const take = (options: HireOptions) => {
    const e = hire(ctx, options);
    staff.push(e);
    return e;
  };
  const large = ctx.spec.pupils >= 600;
  const head = take({ roles: ["Headteacher"], teaching: false, manager: null });
  const senior = [
    ...Array.from({ length: large ? 2 : 1 }, () => ["Deputy Headteacher"]),
    ...Array.from({ length: large ? 3 : 1 }, () => ["Assistant Headteacher"]),
  ].map((roles) => take({ roles, teaching: true, manager: head }));
  const senco = take({ roles: ["SENCO", "Teacher"], teaching: true, manager: senior[0] ?? head });
  const business = take({ roles: ["Business Manager"], teaching: false, manager: head });

  const classesByDept = new Map<string, ClassRec[]>();
  for (const cls of plan.classes) {
    const dept = departmentOf(cls.subject?.code ?? "");
    classesByDept.set(dept, [...(classesByDept.get(dept) ?? []), cls]);
  }
  const departments = [...classesByDept.keys()].sort();
  const teachersByDept = new Map<string, EmployeeRec[]>();
  departments.forEach((dept, i) => {
    const need = Math.max(1, Math.ceil((classesByDept.get(dept)?.length ?? 0) / 6));
    const name = DEPARTMENT_NAMES[dept] ?? dept;
    const manager = senior[i % senior.length] ?? head;
    const hod = take({ roles: [`Head of ${name}`, "Teacher"], teaching: true, manager, department: dept });
    const team = [hod];
    for (let n = 1; n < need; n++) team.push(take({ roles: ["Teacher"], teaching: true, manager: hod, department: dept }));
    teachersByDept.set(dept, team);
  });
  // Senior leaders teach a little, in a department of their own.
  for (const leader of [...senior, senco]) {
    leader.department = rng.pick(departments);
    teachersByDept.get(leader.department)?.push(leader);
  }
  const heads = new Set(staff.filter((e) => e.roles.some((r) => r.roleCode !== "TCH")));
  const plain = staff.filter((e) => e.teaching && !heads.has(e));
  for (const nc of [7, 8, 9, 10, 11]) {
    const teacher = plain.splice(rng.int(0, Math.max(0, plain.length - 1)), 1)[0];
    if (teacher) teacher.roles.push(roleRecord(ctx, `Head of Year ${nc}`, true, ctx.dayBetween(teacher.startDate, ctx.now - DAY)));
  }
  const assistants = Array.from({ length: Math.max(1, Math.round(ctx.spec.pupils / 100)) }, () =>
    take({ roles: ["Teaching Assistant"], teaching: false, manager: senco }),
  );
  for (const role of SUPPORT_ROLES.slice(0, large ? SUPPORT_ROLES.length : 5)) {
    take({ roles: [role], teaching: false, manager: business });
  }

  // Least-loaded teacher in the department takes each class; leaders start "loaded".
  const load = new Map<EmployeeRec, number>();
  for (const leader of [...senior, senco]) load.set(leader, 4);
  for (const [dept, classes] of classesByDept) {
    const team = teachersByDept.get(dept) ?? [];
    for (const cls of classes) {
      const teacher = team.reduce((best, e) => ((load.get(e) ?? 0) < (load.get(best) ?? 0) ? e : best));
      load.set(teacher, (load.get(teacher) ?? 0) + 1);
      attach(cls, teacher, true, false, "Teacher");
      const partner = team.length > 1 && rng.chance(0.08) ? rng.pick(team.filter((e) => e !== teacher)) : null;
      if (partner) attach(cls, partner, false, false, "Teacher");
      if ((dept === "En" || dept === "Ma") && (cls.year?.nc ?? 99) <= 9 && rng.chance(0.15)) {
        attach(cls, rng.pick(assistants), false, false, "Teaching Assistant");
      }
    }
  }
  return staff;
}

/** Hires the school's staff, attaches them to the planned classes, and adds former staff. */
export function staffSchool(ctx: GenContext, plan: ClassPlan): EmployeeRec[] {
  const staff = ctx.spec.phase === "PRIMARY" ? staffPrimary(ctx, plan) : staffSecondary(ctx, plan);
  const head = staff[0] ?? null;
  const former = Math.max(1, Math.round(staff.length * 0.06));
  for (let i = 0; i < former; i++) {
    const teaching = ctx.rng.chance(0.5);
    const e = hire(ctx, {
      roles: [teaching ? "Teacher" : "Teaching Assistant"],
      teaching,
      manager: head,
    });
    endEmployment(e, ctx.dayBetween(Math.max(e.startDate + DAY, ctx.now - 300 * DAY), ctx.now - 10 * DAY));
    staff.push(e);
  }
  return staff;
}
