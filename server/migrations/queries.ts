import type { Db } from "@/server/db";
import type { CandidateOutcome, Prisma } from "@/server/generated/prisma/client";
import type { ReviewOption } from "@/server/identity/rules";
import { personLabel } from "@/server/sync/write-people";
import type { MigrationSummary } from "./preview";
import type { MigrationReport } from "./report";

/** The Migration page: the school's latest migration, with its summary and report. */
export async function migrationOverview(db: Db, schoolId: string) {
  const [migration, school] = await Promise.all([
    db.misMigration.findFirst({ where: { schoolId }, orderBy: { detectedAt: "desc" } }),
    db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { mis: true, grantedScopes: true, autoApplyMigrations: true, plannedMigrationOn: true } }),
  ]);
  const toReview = migration ? await db.migrationCandidate.count({ where: { migrationId: migration.id, outcome: "REVIEW", resolution: null } }) : 0;
  return {
    school,
    migration: migration && {
      id: migration.id,
      status: migration.status,
      fromMis: migration.fromMis,
      toMis: migration.toMis,
      detectedBy: migration.detectedBy,
      detectedAt: migration.detectedAt,
      migratedAt: migration.migratedAt,
      appliedAt: migration.appliedAt,
      summary: migration.summary as MigrationSummary | null,
      report: migration.report as MigrationReport | null,
      toReview,
    },
  };
}

/** The per-person list of a migration, filtered by outcome and searchable, paginated. */
export async function migrationCandidates(db: Db, schoolId: string, input: { migrationId: string; outcome?: CandidateOutcome; entity?: "student" | "employee"; search?: string; page: number; pageSize: number }) {
  const where: Prisma.MigrationCandidateWhereInput = {
    migrationId: input.migrationId,
    migration: { schoolId },
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(input.entity ? { entity: input.entity } : {}),
    ...(input.search ? { label: { contains: input.search, mode: "insensitive" } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.migrationCandidate.findMany({
      where,
      orderBy: [{ outcome: "asc" }, { label: "asc" }, { id: "asc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
      select: { id: true, entity: true, label: true, outcome: true, rule: true, reason: true, personId: true, options: true, resolution: true, resolvedBy: true },
    }),
    db.migrationCandidate.count({ where }),
  ]);
  const options = (r: (typeof rows)[number]) => (r.options as ReviewOption[] | null) ?? [];
  // A record chosen through the search is not among the options: name it too.
  const searched = rows.flatMap((r) => (r.resolution && r.resolution !== "new" && !options(r).some((o) => o.personId === r.resolution) ? [r.resolution] : []));
  const chosen = searched.length
    ? new Map((await db.person.findMany({ where: { id: { in: searched }, schoolId }, select: { id: true, forename: true, surname: true, initials: true } })).map((p) => [p.id, personLabel(p)]))
    : new Map<string, string>();
  return {
    rows: rows.map((r) => {
      const listed = options(r);
      const extra = r.resolution && chosen.has(r.resolution) ? [{ personId: r.resolution, label: chosen.get(r.resolution)!, rule: "found by search" }] : [];
      return { ...r, options: [...listed, ...extra] };
    }),
    total,
  };
}
