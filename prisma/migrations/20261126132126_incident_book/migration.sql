-- Trigram search for the incident book's person picker (server/incidents/person-search.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "IncidentType" AS ENUM ('ACCIDENT_INJURY', 'NEAR_MISS', 'ILLNESS', 'VIOLENCE_AGGRESSION', 'PROPERTY_DAMAGE', 'OTHER');

-- CreateEnum
CREATE TYPE "IncidentSeverity" AS ENUM ('MINOR', 'MODERATE', 'SERIOUS', 'MAJOR');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "IncidentOutcome" AS ENUM ('RETURNED_TO_CLASS', 'SENT_HOME', 'GP', 'HOSPITAL');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('SENDING', 'SENT', 'DELIVERED', 'DELIVERY_DELAYED', 'BOUNCED', 'COMPLAINED', 'FAILED');

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "searchName" TEXT;

-- "Smith-Jones, Zoë (ZSJ)" → "smith jones zoe zsj": lower case, accents folded, hyphens as
-- spaces, apostrophes dropped. Mirrored for queries by normaliseSearchText (server/incidents/search-text.ts).
CREATE OR REPLACE FUNCTION staffroom_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT btrim(regexp_replace(lower(translate(coalesce(value, ''), 'ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčĎďÈÉÊËèéêëĒēĘęĚěÌÍÎÏìíîïĪīŁłÑñŃńŇňÒÓÔÕÖØòóôõöøŌōŐőŘřŚśŠšŞşŤťÙÚÛÜùúûüŪūŮůŰűÝýÿŸŹźŻżŽž-''’`', 'AAAAAAaaaaaaAaAaAaCcCcCcDdEEEEeeeeEeEeEeIIIIiiiiIiLlNnNnNnOOOOOOooooooOoOoRrSsSsSsTtUUUUuuuuUuUuUuYyyYZzZzZz ')), '\s+', ' ', 'g'))
$fn$;

-- Person.searchName is kept by this trigger, so every writer (the sync engine's bulk
-- statements included) fills it without knowing about it.
CREATE OR REPLACE FUNCTION staffroom_person_search_name() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW."searchName" := staffroom_search_text(concat_ws(' ', NEW."surname", NEW."forename", NEW."initials"));
  RETURN NEW;
END
$fn$;

CREATE TRIGGER "Person_searchName"
BEFORE INSERT OR UPDATE OF "surname", "forename", "initials" ON "Person"
FOR EACH ROW EXECUTE FUNCTION staffroom_person_search_name();

UPDATE "Person" SET "searchName" = staffroom_search_text(concat_ws(' ', "surname", "forename", "initials"));

-- CreateTable
CREATE TABLE "IncidentLocation" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentLocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentSettings" (
    "schoolId" TEXT NOT NULL,
    "replyToEmail" TEXT,
    "frequentThreshold" INTEGER NOT NULL DEFAULT 3,
    "frequentDays" INTEGER NOT NULL DEFAULT 30,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentSettings_pkey" PRIMARY KEY ("schoolId")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "locationId" TEXT,
    "locationDetail" TEXT,
    "type" "IncidentType" NOT NULL,
    "severity" "IncidentSeverity" NOT NULL,
    "description" TEXT NOT NULL,
    "firstAidGiven" BOOLEAN NOT NULL DEFAULT false,
    "firstAidDetails" TEXT,
    "firstAidBy" TEXT,
    "outcome" "IncidentOutcome",
    "witnesses" TEXT,
    "riddorReportable" BOOLEAN NOT NULL DEFAULT false,
    "riddorReason" TEXT,
    "status" "IncidentStatus" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMP(3),
    "reporterUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentPerson" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "personId" TEXT,
    "visitorKind" TEXT,
    "visitorName" TEXT,
    "injury" TEXT,
    "bodyPart" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IncidentPerson_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentAction" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "ownerPersonId" TEXT,
    "dueOn" DATE,
    "completedAt" TIMESTAMP(3),
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IncidentAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentNotification" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "affectedId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "recipientName" TEXT NOT NULL,
    "recipientEmail" TEXT NOT NULL,
    "relationship" TEXT,
    "recipientKind" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'SENDING',
    "error" TEXT,
    "resendId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3),
    "statusAt" TIMESTAMP(3),
    "ackTokenHash" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "sentByUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IncidentLocation_schoolId_name_key" ON "IncidentLocation"("schoolId", "name");

-- CreateIndex
CREATE INDEX "Incident_schoolId_occurredAt_idx" ON "Incident"("schoolId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_schoolId_status_occurredAt_idx" ON "Incident"("schoolId", "status", "occurredAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_schoolId_number_key" ON "Incident"("schoolId", "number");

-- CreateIndex
CREATE INDEX "IncidentPerson_incidentId_idx" ON "IncidentPerson"("incidentId");

-- CreateIndex
CREATE INDEX "IncidentPerson_schoolId_personId_idx" ON "IncidentPerson"("schoolId", "personId");

-- CreateIndex
CREATE INDEX "IncidentAction_incidentId_idx" ON "IncidentAction"("incidentId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentNotification_resendId_key" ON "IncidentNotification"("resendId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentNotification_ackTokenHash_key" ON "IncidentNotification"("ackTokenHash");

-- CreateIndex
CREATE INDEX "IncidentNotification_incidentId_idx" ON "IncidentNotification"("incidentId");

-- CreateIndex
CREATE INDEX "IncidentNotification_schoolId_createdAt_idx" ON "IncidentNotification"("schoolId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Person_searchName_trgm_idx" ON "Person" USING GIN ("searchName" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "IncidentLocation" ADD CONSTRAINT "IncidentLocation_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentSettings" ADD CONSTRAINT "IncidentSettings_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "IncidentLocation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reporterUserId_fkey" FOREIGN KEY ("reporterUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPerson" ADD CONSTRAINT "IncidentPerson_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPerson" ADD CONSTRAINT "IncidentPerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentAction" ADD CONSTRAINT "IncidentAction_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentAction" ADD CONSTRAINT "IncidentAction_ownerPersonId_fkey" FOREIGN KEY ("ownerPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentNotification" ADD CONSTRAINT "IncidentNotification_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentNotification" ADD CONSTRAINT "IncidentNotification_affectedId_fkey" FOREIGN KEY ("affectedId") REFERENCES "IncidentPerson"("id") ON DELETE CASCADE ON UPDATE CASCADE;
