import type { Db } from "@/server/db";
import { recordActivity, type Actor } from "@/server/activity/record";
import { maskedUpn } from "@/server/identity/rules";
import { normaliseScope } from "@/server/wonde/scopes";
import { personLabel } from "@/server/sync/write-people";

/** How many names each readiness list shows; the count is always the full number. */
const LISTED = 50;
const UPN_SCOPE = normaliseScope("Student UPN read");

type Listed = { count: number; people: { id: string; label: string; detail: string | null }[] };

/**
 * The numbers that decide scenario A or B, before any migration: pupils a
 * migration could not match by UPN, and staff it could not match by email,
 * each with the people to fix in the MIS; and the forecast of review items.
 */
export async function migrationReadiness(db: Db, schoolId: string) {
  const school = await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { grantedScopes: true, plannedMigrationOn: true } });
  const current = { schoolId, archivedAt: null };
  const select = { id: true, forename: true, surname: true, initials: true, upn: true, email: true } as const;
  type Row = { id: string; forename: string; surname: string; initials: string | null; upn: string | null; email: string | null };
  const list = (rows: Row[], detail: (r: Row) => string | null, count: number): Listed => ({
    count,
    people: rows.map((r) => ({ id: r.id, label: personLabel(r), detail: detail(r) })),
  });

  const [pupils, pupilsWithoutUpn, noUpn, sharedUpnGroups, staffWithoutEmail, noEmail, sharedEmailGroups] = await Promise.all([
    db.person.count({ where: { ...current, kind: "PUPIL" } }),
    db.person.count({ where: { ...current, kind: "PUPIL", upn: null } }),
    db.person.findMany({ where: { ...current, kind: "PUPIL", upn: null }, orderBy: [{ surname: "asc" }, { forename: "asc" }], take: LISTED, select }),
    db.person.groupBy({ by: ["upn"], where: { ...current, kind: "PUPIL", upn: { not: null } }, having: { upn: { _count: { gt: 1 } } } }),
    db.person.count({ where: { ...current, kind: "STAFF", email: null } }),
    db.person.findMany({ where: { ...current, kind: "STAFF", email: null }, orderBy: [{ surname: "asc" }, { forename: "asc" }], take: LISTED, select }),
    db.person.groupBy({ by: ["email"], where: { ...current, kind: "STAFF", email: { not: null } }, having: { email: { _count: { gt: 1 } } } }),
  ]);
  const sharing = async (field: "upn" | "email", kind: "PUPIL" | "STAFF", values: (string | null)[]) => {
    const where = { ...current, kind, [field]: { in: values.filter((v): v is string => !!v) } };
    const [count, rows] = await Promise.all([db.person.count({ where }), db.person.findMany({ where, orderBy: [{ [field]: "asc" }, { surname: "asc" }], take: LISTED, select })]);
    return { count, rows };
  };
  const sharedUpn = await sharing("upn", "PUPIL", sharedUpnGroups.map((g) => g.upn));
  const sharedEmail = await sharing("email", "STAFF", sharedEmailGroups.map((g) => g.email));
  const upnShared = school.grantedScopes.some((s) => normaliseScope(s) === UPN_SCOPE);

  return {
    upnShared,
    plannedMigrationOn: school.plannedMigrationOn,
    pupilsWithoutUpn: list(noUpn, () => null, pupilsWithoutUpn),
    pupilsSharingUpn: list(sharedUpn.rows, (r) => (r.upn ? `UPN ${maskedUpn(r.upn)}` : null), sharedUpn.count),
    staffWithoutEmail: list(noEmail, () => null, staffWithoutEmail),
    staffSharingEmail: list(sharedEmail.rows, (r) => r.email, sharedEmail.count),
    /** "If you migrated today, N pupils would need review": without the UPN every pupil does. */
    pupilsNeedingReview: upnShared ? pupilsWithoutUpn + sharedUpn.count : pupils,
    pupils,
  };
}

/** Records (or clears) the day the school plans to change MIS. */
export async function planMigration(db: Db, schoolId: string, date: string | null, actor: Actor) {
  await db.$transaction(async (tx) => {
    const school = await tx.school.update({ where: { id: schoolId }, data: { plannedMigrationOn: date ? new Date(`${date}T00:00:00Z`) : null }, select: { name: true } });
    await recordActivity({ schoolId, actor, action: date ? "Migration Date Planned" : "Migration Date Cleared", subject: { type: "School", id: schoolId, label: school.name }, details: date ? { date } : {} }, tx);
  });
}
