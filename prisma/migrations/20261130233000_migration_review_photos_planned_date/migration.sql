-- Planned MIS migration date and the photo import's full-read marker.
ALTER TABLE "School" ADD COLUMN "plannedMigrationOn" DATE;
ALTER TABLE "School" ADD COLUMN "photosSyncedAt" TIMESTAMP(3);

-- Classes and subjects matched in the preview, given their new MIS ids at apply.
ALTER TABLE "MisMigration" ADD COLUMN "groupMatches" JSONB;

-- Who decided a migration review item.
ALTER TABLE "MigrationCandidate" ADD COLUMN "resolvedBy" TEXT;

-- Staff photos as bytes, off the Person row.
CREATE TABLE "PersonPhoto" (
    "personId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "sourceUpdatedAt" TIMESTAMP(3),
    "hash" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "PersonPhoto_pkey" PRIMARY KEY ("personId")
);
CREATE INDEX "PersonPhoto_schoolId_idx" ON "PersonPhoto"("schoolId");
ALTER TABLE "PersonPhoto" ADD CONSTRAINT "PersonPhoto_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Base64 photos on the person row are gone: the next sync re-reads them into PersonPhoto.
UPDATE "Person" SET "photoUrl" = NULL WHERE "photoUrl" IS NOT NULL;

-- "User Created" now means a person first appearing; a login account logs "Account Created".
UPDATE "ActivityEvent" SET "action" = 'Account Created' WHERE "action" = 'User Created' AND "subjectType" = 'User';
UPDATE "ActivityEvent" SET "action" = 'Account Disabled' WHERE "action" = 'User Disabled' AND "subjectType" = 'User';
