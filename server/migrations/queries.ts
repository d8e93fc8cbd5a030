import type { Db } from "@/server/db";
import type { CandidateOutcome, Prisma } from "@/server/generated/prisma/client";
import type { MigrationSummary } from "./preview";
import type { MigrationReport } from "./report";

/** The Migration page: the school's latest migration, with its summary and report. */
export async function migrationOverview(db: Db, schoolId: string) {
  const [migration, school] = await Promise.all([
    db.misMigration.findFirst({ where: { schoolId }, orderBy: { detectedAt: "desc" } }),
    db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { mis: true, grantedScopes: true, autoApplyMigrations: true } }),
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
      select: { id: true, entity: true, label: true, outcome: true, rule: true, reason: true, personId: true, options: true, resolution: true },
    }),
    db.migrationCandidate.count({ where }),
  ]);
  return { rows: rows.map((r) => ({ ...r, options: (r.options as { personId: string; label: string }[] | null) ?? [] })), total };
}
