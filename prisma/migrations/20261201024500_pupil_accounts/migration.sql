-- Pupil sign-in (issue 14): pupils become app users with the PUPIL role and credentials of their own.

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'PUPIL';

-- CreateEnum
CREATE TYPE "PupilSignInMethod" AS ENUM ('PASSWORD', 'PICTURE', 'BADGE');

-- AlterTable: pupils have no email.
ALTER TABLE "User" ALTER COLUMN "email" DROP NOT NULL;

-- CreateTable
CREATE TABLE "PupilSignInYearGroup" (
    "schoolId" TEXT NOT NULL,
    "ncYear" TEXT NOT NULL,
    "methods" "PupilSignInMethod"[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PupilSignInYearGroup_pkey" PRIMARY KEY ("schoolId","ncYear")
);

-- CreateTable
CREATE TABLE "PupilAccount" (
    "personId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT,
    "passwordEnc" TEXT,
    "pictureHash" TEXT,
    "pictureEnc" TEXT,
    "badgeHash" TEXT,
    "badgeEnc" TEXT,
    "issuedAt" TIMESTAMP(3),
    "issuedById" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PupilAccount_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "PupilSharedDevice" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdByUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "PupilSharedDevice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PupilAccount_userId_key" ON "PupilAccount"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PupilAccount_badgeHash_key" ON "PupilAccount"("badgeHash");

-- CreateIndex
CREATE INDEX "PupilAccount_schoolId_archivedAt_idx" ON "PupilAccount"("schoolId", "archivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PupilAccount_schoolId_username_key" ON "PupilAccount"("schoolId", "username");

-- CreateIndex
CREATE UNIQUE INDEX "PupilSharedDevice_tokenHash_key" ON "PupilSharedDevice"("tokenHash");

-- CreateIndex
CREATE INDEX "PupilSharedDevice_schoolId_idx" ON "PupilSharedDevice"("schoolId");

-- AddForeignKey
ALTER TABLE "PupilSignInYearGroup" ADD CONSTRAINT "PupilSignInYearGroup_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PupilAccount" ADD CONSTRAINT "PupilAccount_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PupilAccount" ADD CONSTRAINT "PupilAccount_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PupilAccount" ADD CONSTRAINT "PupilAccount_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PupilSharedDevice" ADD CONSTRAINT "PupilSharedDevice_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
