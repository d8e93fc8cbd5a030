/**
 * Subjects and teaching groups. Classes are planned before staff are hired, so that a
 * secondary school has as many teachers in each department as its timetable needs.
 */
import type { GenContext } from "./context";
import type { ClassRec, StudentRec, SubjectRec, YearGroup } from "./model";

interface SubjectDef {
  code: string;
  name: string;
  /** Taught to every pupil in KS3 (Y7–9). */
  ks3?: boolean;
  /** Every pupil in KS4 (core), or chosen (option). */
  ks4?: "core" | "option";
  /** Offered at A level. */
  ks5?: boolean;
  /** Which department teaches it (defaults to its own code). */
  department?: string;
}

const SECONDARY_SUBJECTS: readonly SubjectDef[] = [
  { code: "Ma", name: "Mathematics", ks3: true, ks4: "core", ks5: true },
  { code: "En", name: "English", ks3: true, ks4: "core", ks5: true },
  { code: "Sc", name: "Science", ks3: true, ks4: "core" },
  { code: "Bi", name: "Biology", ks5: true, department: "Sc" },
  { code: "Ch", name: "Chemistry", ks5: true, department: "Sc" },
  { code: "Ph", name: "Physics", ks5: true, department: "Sc" },
  { code: "Hi", name: "History", ks3: true, ks4: "option", ks5: true },
  { code: "Gg", name: "Geography", ks3: true, ks4: "option", ks5: true },
  { code: "Fr", name: "French", ks3: true, ks4: "option", ks5: true },
  { code: "Sp", name: "Spanish", ks4: "option", department: "Fr" },
  { code: "Cp", name: "Computing", ks3: true, ks4: "option", ks5: true },
  { code: "PE", name: "Physical Education", ks3: true, ks4: "core" },
  { code: "Ar", name: "Art and Design", ks3: true, ks4: "option", ks5: true },
  { code: "Mu", name: "Music", ks3: true, ks4: "option" },
  { code: "Dr", name: "Drama", ks3: true, ks4: "option" },
  { code: "RE", name: "Religious Education", ks3: true, ks4: "core" },
  { code: "DT", name: "Design and Technology", ks3: true, ks4: "option" },
  { code: "Ps", name: "Psychology", ks5: true, department: "RE" },
];

const PRIMARY_SUBJECTS: readonly { code: string; name: string; core: boolean }[] = [
  { code: "En", name: "English", core: true },
  { code: "Ma", name: "Mathematics", core: true },
  { code: "Sc", name: "Science", core: true },
  { code: "Hi", name: "History", core: false },
  { code: "Gg", name: "Geography", core: false },
  { code: "Ar", name: "Art and Design", core: false },
  { code: "Mu", name: "Music", core: false },
  { code: "PE", name: "Physical Education", core: false },
  { code: "Cp", name: "Computing", core: false },
  { code: "RE", name: "Religious Education", core: false },
  { code: "Fr", name: "French", core: false },
];

const FORM_NAMES = ["Oak", "Ash", "Birch", "Rowan", "Hazel", "Willow", "Maple", "Cedar"];
const SET_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

export function makeSubjects(ctx: GenContext): SubjectRec[] {
  const defs = ctx.spec.phase === "PRIMARY" ? PRIMARY_SUBJECTS : SECONDARY_SUBJECTS;
  return defs.map((def) => ({
    ...ctx.ids.identity("subject"),
    ...ctx.stamps(ctx.connectedAt),
    code: def.code,
    name: def.name,
    active: true,
  }));
}

/** The department that teaches a subject (secondary); primary classes have form tutors. */
export function departmentOf(subjectCode: string): string {
  return SECONDARY_SUBJECTS.find((s) => s.code === subjectCode)?.department ?? subjectCode;
}

export interface ClassPlan {
  classes: ClassRec[];
  /** Primary: one per form; the form's classes share a class teacher and assistant. */
  forms: ClassRec[][];
}

function chunk<T>(items: readonly T[], groups: number): T[][] {
  const out: T[][] = Array.from({ length: groups }, () => []);
  items.forEach((item, i) => out[i % groups]?.push(item));
  return out;
}

function setLabel(index: number): string {
  return index < SET_LETTERS.length ? SET_LETTERS.charAt(index) : `X${index}`;
}

function newClass(
  ctx: GenContext,
  fields: { name: string; code: string; description: string },
  subject: SubjectRec | null,
  year: YearGroup,
  students: StudentRec[],
): ClassRec {
  return {
    ...ctx.ids.identity("class"),
    ...ctx.stamps(ctx.connectedAt),
    ...fields,
    subject,
    year,
    students,
    staff: [],
  };
}

function planPrimary(ctx: GenContext, byYear: Map<YearGroup, StudentRec[]>, subjects: SubjectRec[]): ClassPlan {
  const core = subjects.filter((s) => PRIMARY_SUBJECTS.find((d) => d.code === s.code)?.core);
  const classes: ClassRec[] = [];
  const forms: ClassRec[][] = [];
  for (const [year, pupils] of byYear) {
    const count = Math.max(1, Math.ceil(pupils.length / 31));
    const groups = chunk(ctx.rng.shuffle([...pupils]), count);
    groups.forEach((members, i) => {
      const formName = FORM_NAMES[i % FORM_NAMES.length] as string;
      const formCode = `${year.code}${formName.charAt(0)}`;
      const form = core.map((subject) =>
        newClass(
          ctx,
          {
            name: `${formCode} ${subject.name}`,
            code: `${formCode}/${subject.code}`,
            description: `${year.name} ${formName} ${subject.name}`,
          },
          subject,
          year,
          [...members],
        ),
      );
      forms.push(form);
      classes.push(...form);
    });
  }
  return { classes, forms };
}

function planSecondary(ctx: GenContext, byYear: Map<YearGroup, StudentRec[]>, subjects: SubjectRec[]): ClassPlan {
  const { rng } = ctx;
  const subjectByCode = new Map(subjects.map((s) => [s.code, s]));
  const classes: ClassRec[] = [];
  const addSets = (year: YearGroup, def: SubjectDef, takers: StudentRec[], size: number) => {
    const subject = subjectByCode.get(def.code) ?? null;
    const sets = chunk(rng.shuffle([...takers]), Math.max(1, Math.ceil(takers.length / size)));
    sets.forEach((members, i) => {
      const code = `${year.nc}${setLabel(i)}/${def.code}`;
      classes.push(
        newClass(ctx, { name: code, code, description: `${year.name} ${def.name}` }, subject, year, members),
      );
    });
  };
  for (const [year, pupils] of byYear) {
    if (year.nc <= 9) {
      for (const def of SECONDARY_SUBJECTS.filter((d) => d.ks3)) addSets(year, def, pupils, 30);
    } else if (year.nc <= 11) {
      for (const def of SECONDARY_SUBJECTS.filter((d) => d.ks4 === "core")) addSets(year, def, pupils, 30);
      addChoices(year, SECONDARY_SUBJECTS.filter((d) => d.ks4 === "option"), pupils, 3, 26);
    } else {
      addChoices(year, SECONDARY_SUBJECTS.filter((d) => d.ks5), pupils, 3, 18);
    }
  }
  return { classes, forms: [] };

  function addChoices(year: YearGroup, options: SubjectDef[], pupils: StudentRec[], picks: number, size: number) {
    const takers = new Map<SubjectDef, StudentRec[]>(options.map((d) => [d, []]));
    for (const pupil of pupils) {
      for (const def of rng.shuffle([...options]).slice(0, picks)) takers.get(def)?.push(pupil);
    }
    for (const [def, group] of takers) if (group.length > 0) addSets(year, def, group, size);
  }
}

/** Classes with their pupils; staff are attached once they are hired (staff.ts). */
export function planClasses(ctx: GenContext, students: StudentRec[], subjects: SubjectRec[]): ClassPlan {
  const byYear = new Map<YearGroup, StudentRec[]>();
  for (const year of ctx.school.years) byYear.set(year, []);
  for (const s of students) byYear.get(s.year)?.push(s);
  return ctx.spec.phase === "PRIMARY" ? planPrimary(ctx, byYear, subjects) : planSecondary(ctx, byYear, subjects);
}
