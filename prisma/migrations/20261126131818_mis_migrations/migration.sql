-- CreateEnum
CREATE TYPE "MigrationStatus" AS ENUM ('DETECTED', 'PREVIEWED', 'APPLYING', 'APPLIED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CandidateOutcome" AS ENUM ('MATCHED', 'REVIEW', 'NEW', 'ARCHIVE');

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "autoApplyMigrations" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "MisMigration" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "fromMis" TEXT,
    "toMis" TEXT,
    "detectedBy" TEXT NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "migratedAt" TIMESTAMP(3),
    "status" "MigrationStatus" NOT NULL DEFAULT 'DETECTED',
    "summary" JSONB,
    "report" JSONB,
    "appliedAt" TIMESTAMP(3),
    "appliedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MisMigration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MigrationCandidate" (
    "id" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "externalId" TEXT,
    "misId" TEXT,
    "upi" TEXT,
    "label" TEXT NOT NULL,
    "outcome" "CandidateOutcome" NOT NULL,
    "personId" TEXT,
    "rule" TEXT,
    "reason" TEXT,
    "options" JSONB,
    "resolution" TEXT,
    "fields" JSONB,

    CONSTRAINT "MigrationCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MisMigration_schoolId_detectedAt_idx" ON "MisMigration"("schoolId", "detectedAt" DESC);

-- CreateIndex
CREATE INDEX "MigrationCandidate_migrationId_outcome_idx" ON "MigrationCandidate"("migrationId", "outcome");

-- AddForeignKey
ALTER TABLE "MisMigration" ADD CONSTRAINT "MisMigration_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationCandidate" ADD CONSTRAINT "MigrationCandidate_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "MisMigration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
