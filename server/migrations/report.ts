import type { Db } from "@/server/db";
import { dateInZone } from "@/server/activity/service";
import { normaliseScope } from "@/server/wonde/scopes";
import { wallTimeToInstant } from "@/server/wonde/dates";
import type { SignInEmailChange } from "@/server/users/staff-accounts";

export type EmailChange = { personId: string; label: string; from: string | null; to: string | null };

type KindCounts = { kept: number; keptAutomatically: number; keptAfterReview: number; created: number; archived: number };

export type MigrationReport = {
  /**
   * MyLogin's check, by outcome: "A" when no pupil was created as new (pupils
   * kept their identity, however they were matched); "B" when some were.
   */
  verdict: "A" | "B";
  verdictText: string;
  counts: { pupils: KindCounts; staff: KindCounts };
  /** The pupils created as new, by name (who needs credentials and sign-in links again). */
  newPupils: string[];
  /** People shown as "User Created" in the Activity log since the migration date: what MyLogin's check counts. */
  createdSince: { personId: string; label: string; kind: string | null }[];
  emailChanges: EmailChange[];
  /** Sign-in emails that could not follow the MIS: another account has the new address. */
  emailsWaiting: { label: string; from: string; to: string }[];
  todo: string[];
};

const UPN_SCOPE = normaliseScope("Student UPN read");
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** Midnight of the migration's day in the school's timezone: where the Activity log's "since the migration date" starts. */
export async function migrationDayStart(db: Db, migration: { schoolId: string; migratedAt: Date | null; detectedAt: Date }) {
  const { timezone } = await db.school.findUniqueOrThrow({ where: { id: migration.schoolId }, select: { timezone: true } });
  return wallTimeToInstant(dateInZone(migration.migratedAt ?? migration.detectedAt, timezone), timezone);
}

export async function migrationReport(db: Db, migrationId: string, emailChanges: EmailChange[] = [], emailsWaiting: SignInEmailChange[] = []): Promise<MigrationReport> {
  const migration = await db.misMigration.findUniqueOrThrow({ where: { id: migrationId }, include: { school: { select: { grantedScopes: true, liteMode: true } } } });
  const candidates = await db.migrationCandidate.findMany({ where: { migrationId }, orderBy: { label: "asc" }, select: { entity: true, outcome: true, resolution: true, label: true } });
  const isNew = (c: (typeof candidates)[number]) => c.outcome === "NEW" || (c.outcome === "REVIEW" && c.resolution === "new");
  const tally = (entity: string): KindCounts => {
    const of = candidates.filter((c) => c.entity === entity);
    const keptAutomatically = of.filter((c) => c.outcome === "MATCHED").length;
    const keptAfterReview = of.filter((c) => c.outcome === "REVIEW" && c.resolution && c.resolution !== "new").length;
    return {
      kept: keptAutomatically + keptAfterReview,
      keptAutomatically,
      keptAfterReview,
      created: of.filter(isNew).length,
      archived: of.filter((c) => c.outcome === "ARCHIVE").length - keptAfterReview,
    };
  };
  const counts = { pupils: tally("student"), staff: tally("employee") };
  const newPupils = candidates.filter((c) => c.entity === "student" && isNew(c)).map((c) => c.label);
  const verdict = newPupils.length === 0 ? "A" : "B";

  const created = await db.activityEvent.findMany({
    where: { schoolId: migration.schoolId, action: "User Created", subjectType: "Person", at: { gte: await migrationDayStart(db, migration) } },
    orderBy: { at: "asc" },
    select: { subjectId: true, subjectLabel: true, details: true },
  });

  const todo: string[] = [];
  if (verdict === "B") {
    todo.push(`Re-issue login credentials to the ${count(newPupils.length, "pupil", "pupils")} created as new: they have no password or login card yet.`);
    // Staffroom Lite has no Google/Microsoft sign-in: re-issuing credentials is all there is to do.
    if (!migration.school.liteMode)
      todo.push(`Re-match the Google or Microsoft sign-ins of the ${count(newPupils.length, "pupil", "pupils")} created as new on the User matching page (not needed if they only use passwords).`);
  }
  if (!migration.school.grantedScopes.some((s) => normaliseScope(s) === UPN_SCOPE))
    todo.push("Approve Student UPN read in the Wonde portal (MyLogin > Settings > Permissions), so pupils are matched by UPN in future syncs and migrations.");
  const newStaff = migration.appliedAt
    ? (await db.activityEvent.findMany({ where: { schoolId: migration.schoolId, action: "User Created", subjectType: "Person", at: { gte: migration.appliedAt }, details: { path: ["kind"], equals: "STAFF" } }, select: { subjectId: true } })).flatMap((e) => e.subjectId ?? [])
    : [];
  const uninvited = newStaff.length ? await db.user.count({ where: { personLinks: { some: { personId: { in: newStaff } } }, passwordHash: null, passwordTokens: { none: {} }, accounts: { none: {} } } }) : 0;
  if (uninvited) todo.push(`${count(uninvited, "member of staff has", "members of staff have")} an account without a password or sign-in: send them an invite from the Users page.`);
  if (emailsWaiting.length)
    todo.push(`${count(emailsWaiting.length, "sign-in email", "sign-in emails")} could not follow the MIS because another account already uses the new address: decide on the User matching page.`);
  const archived = counts.pupils.archived + counts.staff.archived;
  if (archived) todo.push(`${count(archived, "person was", "people were")} not found in the new MIS and archived (never deleted): check none of them should still be here.`);

  const pupils = counts.pupils;
  return {
    verdict,
    verdictText:
      verdict === "A"
        ? `Scenario A: no pupil was created as new. Every pupil kept their Staffroom record (${pupils.keptAutomatically.toLocaleString("en-GB")} automatically, ${pupils.keptAfterReview.toLocaleString("en-GB")} after review).`
        : `Scenario B: ${count(newPupils.length, "pupil was", "pupils were")} created as new, so their credentials and sign-in links start again.`,
    counts,
    newPupils,
    createdSince: created.map((e) => ({ personId: e.subjectId!, label: e.subjectLabel ?? "", kind: (e.details as { kind?: string } | null)?.kind ?? null })),
    emailChanges,
    emailsWaiting: emailsWaiting.map((w) => ({ label: w.label, from: w.from, to: w.to })),
    todo,
  };
}
