/*
  Warnings:

  - A unique constraint covering the columns `[personId]` on the table `User` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "PersonKind" AS ENUM ('PUPIL', 'STAFF');

-- CreateEnum
CREATE TYPE "SyncTrigger" AS ENUM ('MANUAL', 'SCHEDULE', 'SIGN_IN', 'WEBHOOK', 'CLI');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "grantedScopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "importPhotos" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "syncSchedule" TEXT NOT NULL DEFAULT 'daily';

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "kind" "PersonKind" NOT NULL,
    "title" TEXT,
    "forename" TEXT NOT NULL,
    "surname" TEXT NOT NULL,
    "middleNames" TEXT,
    "legalForename" TEXT,
    "legalSurname" TEXT,
    "initials" TEXT,
    "dateOfBirth" DATE,
    "email" TEXT,
    "phone" TEXT,
    "address" JSONB,
    "jobTitle" TEXT,
    "teaching" BOOLEAN,
    "staffCode" TEXT,
    "teacherNumber" TEXT,
    "lineManagerId" TEXT,
    "photoUrl" TEXT,
    "ncYear" TEXT,
    "upn" TEXT,
    "formerUpn" TEXT,
    "admissionNumber" TEXT,
    "admissionDate" DATE,
    "leavingDate" DATE,
    "partTime" BOOLEAN,
    "contentHash" TEXT,
    "lastSyncedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalId" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'wonde',
    "entity" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "misId" TEXT,
    "upi" TEXT,
    "personId" TEXT,
    "classId" TEXT,
    "subjectId" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "ExternalId_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Subject" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT,
    "description" TEXT,
    "contentHash" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Class" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT,
    "description" TEXT,
    "subjectId" TEXT,
    "contentHash" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Class_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClassStaff" (
    "classId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "isMainTeacher" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ClassStaff_pkey" PRIMARY KEY ("classId","personId")
);

-- CreateTable
CREATE TABLE "ClassPupil" (
    "classId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    CONSTRAINT "ClassPupil_pkey" PRIMARY KEY ("classId","personId")
);

-- CreateTable
CREATE TABLE "SubjectStaff" (
    "subjectId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    CONSTRAINT "SubjectStaff_pkey" PRIMARY KEY ("subjectId","personId")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "trigger" "SyncTrigger" NOT NULL,
    "mode" TEXT NOT NULL,
    "status" "SyncStatus" NOT NULL DEFAULT 'QUEUED',
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "counts" JSONB NOT NULL DEFAULT '{}',
    "progress" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "cursor" TIMESTAMP(3),
    "checkpoint" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Person_schoolId_kind_archivedAt_surname_forename_idx" ON "Person"("schoolId", "kind", "archivedAt", "surname", "forename");

-- CreateIndex
CREATE INDEX "Person_schoolId_upn_idx" ON "Person"("schoolId", "upn");

-- CreateIndex
CREATE INDEX "Person_schoolId_formerUpn_idx" ON "Person"("schoolId", "formerUpn");

-- CreateIndex
CREATE INDEX "Person_schoolId_email_idx" ON "Person"("schoolId", "email");

-- CreateIndex
CREATE INDEX "Person_schoolId_staffCode_idx" ON "Person"("schoolId", "staffCode");

-- CreateIndex
CREATE INDEX "Person_lineManagerId_idx" ON "Person"("lineManagerId");

-- CreateIndex
CREATE INDEX "ExternalId_personId_idx" ON "ExternalId"("personId");

-- CreateIndex
CREATE INDEX "ExternalId_classId_idx" ON "ExternalId"("classId");

-- CreateIndex
CREATE INDEX "ExternalId_subjectId_idx" ON "ExternalId"("subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalId_schoolId_source_entity_externalId_key" ON "ExternalId"("schoolId", "source", "entity", "externalId");

-- CreateIndex
CREATE INDEX "Subject_schoolId_name_idx" ON "Subject"("schoolId", "name");

-- CreateIndex
CREATE INDEX "Class_schoolId_name_idx" ON "Class"("schoolId", "name");

-- CreateIndex
CREATE INDEX "ClassStaff_personId_idx" ON "ClassStaff"("personId");

-- CreateIndex
CREATE INDEX "ClassPupil_personId_idx" ON "ClassPupil"("personId");

-- CreateIndex
CREATE INDEX "SubjectStaff_personId_idx" ON "SubjectStaff"("personId");

-- CreateIndex
CREATE INDEX "SyncRun_schoolId_createdAt_idx" ON "SyncRun"("schoolId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "User_personId_key" ON "User"("personId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_lineManagerId_fkey" FOREIGN KEY ("lineManagerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalId" ADD CONSTRAINT "ExternalId_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalId" ADD CONSTRAINT "ExternalId_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalId" ADD CONSTRAINT "ExternalId_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalId" ADD CONSTRAINT "ExternalId_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Subject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subject" ADD CONSTRAINT "Subject_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Class" ADD CONSTRAINT "Class_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Class" ADD CONSTRAINT "Class_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Subject"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassStaff" ADD CONSTRAINT "ClassStaff_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassStaff" ADD CONSTRAINT "ClassStaff_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassPupil" ADD CONSTRAINT "ClassPupil_classId_fkey" FOREIGN KEY ("classId") REFERENCES "Class"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassPupil" ADD CONSTRAINT "ClassPupil_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubjectStaff" ADD CONSTRAINT "SubjectStaff_subjectId_fkey" FOREIGN KEY ("subjectId") REFERENCES "Subject"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubjectStaff" ADD CONSTRAINT "SubjectStaff_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
