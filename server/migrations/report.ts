import type { Db } from "@/server/db";

export type EmailChange = { personId: string; label: string; from: string | null; to: string | null };

export type MigrationReport = {
  /**
   * MyLogin's check, computed: "A" when pupils kept their identity
   * automatically and only genuinely new people were created; "B" when
   * identities were reset (pupils created anew or matched only by hand).
   */
  verdict: "A" | "B";
  verdictText: string;
  counts: {
    pupils: { kept: number; keptAutomatically: number; created: number; archived: number };
    staff: { kept: number; keptAutomatically: number; created: number; archived: number };
  };
  /** People created since the migration date, as the activity log shows them. */
  createdSince: { personId: string; label: string; kind: string | null }[];
  emailChanges: EmailChange[];
  todo: string[];
};

/** The share of pupils who must keep their identity automatically for a scenario-A verdict. */
const SCENARIO_A_SHARE = 0.9;

export async function migrationReport(db: Db, migrationId: string, emailChanges: EmailChange[] = []): Promise<MigrationReport> {
  const migration = await db.misMigration.findUniqueOrThrow({ where: { id: migrationId } });
  const candidates = await db.migrationCandidate.findMany({ where: { migrationId }, select: { entity: true, outcome: true, resolution: true } });
  const tally = (entity: string) => {
    const of = candidates.filter((c) => c.entity === entity);
    const keptAutomatically = of.filter((c) => c.outcome === "MATCHED").length;
    const keptInReview = of.filter((c) => c.outcome === "REVIEW" && c.resolution && c.resolution !== "new").length;
    return {
      kept: keptAutomatically + keptInReview,
      keptAutomatically,
      created: of.filter((c) => c.outcome === "NEW" || (c.outcome === "REVIEW" && c.resolution === "new")).length,
      archived: of.filter((c) => c.outcome === "ARCHIVE").length - keptInReview,
    };
  };
  const counts = { pupils: tally("student"), staff: tally("employee") };
  // Pupils Staffroom knew before the migration: kept (either way) or archived.
  const pupilsBefore = counts.pupils.kept + counts.pupils.archived;
  const verdict = pupilsBefore === 0 || counts.pupils.keptAutomatically >= SCENARIO_A_SHARE * pupilsBefore ? "A" : "B";

  const since = migration.migratedAt ?? migration.detectedAt;
  const created = await db.activityEvent.findMany({
    where: { schoolId: migration.schoolId, action: "User Created", subjectType: "Person", at: { gte: since } },
    orderBy: { at: "asc" },
    select: { subjectId: true, subjectLabel: true, details: true },
  });

  const todo: string[] = [];
  if (verdict === "B")
    todo.push(
      "Pupils could not keep their identity automatically (MyLogin's scenario B): check the pupils created since the migration, and approve Student UPN read in the Wonde portal so future syncs match by UPN.",
    );
  if (emailChanges.length) todo.push(`${emailChanges.length} staff ${emailChanges.length === 1 ? "member's" : "members'"} work email changed: check their sign-in on the User matching page.`);
  if (counts.staff.created) todo.push(`${counts.staff.created} new staff ${counts.staff.created === 1 ? "member has" : "members have"} an account without a password: send them an invite.`);
  if (counts.pupils.archived + counts.staff.archived)
    todo.push(`${counts.pupils.archived + counts.staff.archived} people were not found in the new MIS and were archived (never deleted): check none of them should still be here.`);

  return {
    verdict,
    verdictText:
      verdict === "A"
        ? "Scenario A: everyone who was already here kept their Staffroom record; only genuinely new people were created."
        : "Scenario B: most pupils could not be matched automatically, so identities were reset or matched by hand.",
    counts,
    createdSince: created.map((e) => ({ personId: e.subjectId!, label: e.subjectLabel ?? "", kind: (e.details as { kind?: string } | null)?.kind ?? null })),
    emailChanges,
    todo,
  };
}
