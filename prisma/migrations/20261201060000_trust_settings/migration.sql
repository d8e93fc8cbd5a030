-- Trust settings (issue 16): defaults for the trust's schools, and each school's own choice
-- over them. School.syncSchedule, importPhotos and liteMode keep holding the effective value
-- (override ?? trust default), so every reader is unchanged. A school whose value differs
-- from Staffroom's default keeps it as its own choice; the others follow their trust, whose
-- defaults start as Staffroom's, so no effective value changes here.

-- AlterTable
ALTER TABLE "Trust" ADD COLUMN "defaultSyncSchedule" TEXT NOT NULL DEFAULT 'daily',
ADD COLUMN "defaultImportPhotos" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "defaultLiteMode" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN "incidentNotificationTemplate" TEXT;

-- AlterTable
ALTER TABLE "School" ADD COLUMN "syncScheduleOverride" TEXT,
ADD COLUMN "importPhotosOverride" BOOLEAN,
ADD COLUMN "liteModeOverride" BOOLEAN;

-- AlterTable
ALTER TABLE "IncidentSettings" ADD COLUMN "notificationTemplate" TEXT;

UPDATE "School" SET "syncScheduleOverride" = NULLIF("syncSchedule", 'daily'),
  "importPhotosOverride" = NULLIF("importPhotos", false),
  "liteModeOverride" = NULLIF("liteMode", false);
