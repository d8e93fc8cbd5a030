import type { Db } from "../db";
import type { PersonKind, Prisma } from "../generated/prisma/client";

export type PageInput = { page: number; pageSize: number };
export type SortDirection = "asc" | "desc";

/** How a linked person is shown in a list: "Surname, Forename (initials)". */
const personSummary = { select: { id: true, forename: true, surname: true, initials: true } } as const;

/** Lists and counts show people on roll or in post; archived ones only when asked for (status). */
export const CURRENT = { archivedAt: null } as const;

/** Classes and subjects are searched by name. */
const nameContains = (search: string | undefined) => (search ? { name: { contains: search.trim(), mode: "insensitive" as const } } : {});

const skipTake = ({ page, pageSize }: PageInput) => ({ skip: (page - 1) * pageSize, take: pageSize });

/** Words typed into a search box: every word must match a name, initials or email. */
export function searchPeople(search: string | undefined): Prisma.PersonWhereInput {
  const words = search?.trim().split(/\s+/).filter(Boolean) ?? [];
  return {
    AND: words.map((word) => ({
      OR: [
        { surname: { contains: word, mode: "insensitive" } },
        { forename: { contains: word, mode: "insensitive" } },
        { initials: { equals: word, mode: "insensitive" } },
        { email: { contains: word, mode: "insensitive" } },
      ],
    })),
  };
}

const status = (value: "current" | "archived" | "all"): Prisma.PersonWhereInput =>
  value === "current" ? { archivedAt: null } : value === "archived" ? { archivedAt: { not: null } } : {};

/** The people a Staff or Pupils list counts: its `total`, and the trust dashboard's figures. */
export const peopleWhere = (
  schoolId: string | readonly string[],
  kind: PersonKind | readonly PersonKind[],
  input: { status: "current" | "archived" | "all"; search?: string },
): Prisma.PersonWhereInput => ({
  // Lists: the same people across several schools, or of both kinds (counted per school and kind with groupBy).
  schoolId: typeof schoolId === "string" ? schoolId : { in: [...schoolId] },
  kind: typeof kind === "string" ? kind : { in: [...kind] },
  ...status(input.status),
  ...searchPeople(input.search),
});

export const STAFF_SORTS = ["name", "jobTitle", "email", "lastSyncedAt"] as const;
export type StaffSort = (typeof STAFF_SORTS)[number];

export async function listStaff(
  db: Db,
  schoolId: string,
  input: PageInput & { search?: string; sort: StaffSort; direction: SortDirection; status: "current" | "archived" | "all" },
) {
  const where = peopleWhere(schoolId, "STAFF", input);
  const orderBy: Prisma.PersonOrderByWithRelationInput[] =
    input.sort === "name"
      ? [{ surname: input.direction }, { forename: input.direction }]
      : [{ [input.sort]: { sort: input.direction, nulls: "last" } }, { surname: "asc" }];
  const [rows, total] = await Promise.all([
    db.person.findMany({
      where,
      orderBy: [...orderBy, { id: "asc" }],
      ...skipTake(input),
      select: {
        id: true,
        title: true,
        forename: true,
        surname: true,
        initials: true,
        jobTitle: true,
        email: true,
        teaching: true,
        lastSyncedAt: true,
        archivedAt: true,
        lineManager: personSummary,
        // The account linked to this school's person (a shared member of staff's account too).
        userLink: { select: { user: { select: { id: true, disabledAt: true } } } },
        photo: { select: { hash: true } },
      },
    }),
    db.person.count({ where }),
  ]);
  return { rows: rows.map(({ userLink, ...row }) => ({ ...row, user: userLink?.user ?? null })), total };
}

export async function listPupils(db: Db, schoolId: string, input: PageInput & { search?: string; year?: string; status: "current" | "archived" | "all" }, showUpn: boolean) {
  const where: Prisma.PersonWhereInput = { ...peopleWhere(schoolId, "PUPIL", input), ...(input.year ? { ncYear: input.year } : {}) };
  const [rows, total, years] = await Promise.all([
    db.person.findMany({
      where,
      orderBy: [{ surname: "asc" }, { forename: "asc" }, { id: "asc" }],
      ...skipTake(input),
      select: { id: true, forename: true, surname: true, initials: true, ncYear: true, upn: true, admissionNumber: true, dateOfBirth: true, archivedAt: true, leavingDate: true },
    }),
    db.person.count({ where }),
    db.person.findMany({ where: { schoolId, kind: "PUPIL", archivedAt: null, ncYear: { not: null } }, distinct: ["ncYear"], select: { ncYear: true } }),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, upn: r.upn ? (showUpn ? r.upn : maskUpn(r.upn)) : null })),
    total,
    years: sortYears(years.map((y) => y.ncYear!)),
  };
}

/** Non-admins see only the last three characters of a UPN. */
export function maskUpn(upn: string) {
  return `${"•".repeat(Math.max(upn.length - 3, 0))}${upn.slice(-3)}`;
}

/** Nursery, Reception, then 1–13. */
export function sortYears(years: string[]) {
  const rank = (y: string) => (/^N/i.test(y) ? -2 : /^R/i.test(y) ? -1 : Number.parseInt(y, 10) || 99);
  return [...new Set(years)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export async function listClasses(db: Db, schoolId: string, input: PageInput & { search?: string }) {
  const where: Prisma.ClassWhereInput = { schoolId, archivedAt: null, ...nameContains(input.search) };
  const [rows, total] = await Promise.all([
    db.class.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...skipTake(input),
      select: {
        id: true,
        name: true,
        code: true,
        description: true,
        subject: { select: { id: true, name: true } },
        staff: { where: { person: CURRENT }, select: { isMainTeacher: true, person: personSummary } },
        _count: { select: { pupils: { where: { person: CURRENT } } } },
      },
    }),
    db.class.count({ where }),
  ]);
  return { rows, total };
}

export async function listSubjects(db: Db, schoolId: string, input: PageInput & { search?: string }) {
  const where: Prisma.SubjectWhereInput = { schoolId, archivedAt: null, ...nameContains(input.search) };
  const [rows, total] = await Promise.all([
    db.subject.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...skipTake(input),
      select: {
        id: true,
        name: true,
        code: true,
        description: true,
        staff: { where: { person: CURRENT }, select: { person: personSummary } },
        _count: { select: { classes: { where: { archivedAt: null } } } },
      },
    }),
    db.subject.count({ where }),
  ]);
  return { rows, total };
}
