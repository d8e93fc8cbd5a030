-- Staff who work in several schools of a trust (issue 16): one account, one person link (and one
-- membership) per school. User."personId" stays as the account's primary person; every link,
-- the primary one included, is in "UserPersonLink", which is what a school reads.

-- CreateEnum
CREATE TYPE "SharedStaffRule" AS ENUM ('WORK_EMAIL', 'TEACHER_NUMBER');

-- CreateEnum
CREATE TYPE "SharedStaffStatus" AS ENUM ('CONFIRMED', 'REJECTED', 'UNDONE');

-- CreateTable
CREATE TABLE "UserPersonLink" (
    "userId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserPersonLink_pkey" PRIMARY KEY ("userId","schoolId")
);

-- CreateTable
CREATE TABLE "SharedStaffPair" (
    "id" TEXT NOT NULL,
    "trustId" TEXT NOT NULL,
    "personAId" TEXT NOT NULL,
    "personBId" TEXT NOT NULL,
    "rule" "SharedStaffRule" NOT NULL,
    "evidence" JSONB NOT NULL,
    "status" "SharedStaffStatus" NOT NULL,
    "keptUserId" TEXT,
    "linkedPersonId" TEXT,
    "mergedUserId" TEXT,
    "mergedDisabled" BOOLEAN NOT NULL DEFAULT false,
    "movedIdentityIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "addedMembershipSchoolId" TEXT,
    "decidedById" TEXT,
    "decidedByLabel" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SharedStaffPair_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UserPersonLink_personId_key" ON "UserPersonLink"("personId");

-- CreateIndex
CREATE INDEX "UserPersonLink_schoolId_idx" ON "UserPersonLink"("schoolId");

-- CreateIndex
CREATE INDEX "SharedStaffPair_trustId_status_idx" ON "SharedStaffPair"("trustId", "status");

-- CreateIndex
CREATE INDEX "SharedStaffPair_personBId_idx" ON "SharedStaffPair"("personBId");

-- CreateIndex
CREATE UNIQUE INDEX "SharedStaffPair_personAId_personBId_key" ON "SharedStaffPair"("personAId", "personBId");

-- AddForeignKey
ALTER TABLE "UserPersonLink" ADD CONSTRAINT "UserPersonLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserPersonLink" ADD CONSTRAINT "UserPersonLink_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserPersonLink" ADD CONSTRAINT "UserPersonLink_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedStaffPair" ADD CONSTRAINT "SharedStaffPair_trustId_fkey" FOREIGN KEY ("trustId") REFERENCES "Trust"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedStaffPair" ADD CONSTRAINT "SharedStaffPair_personAId_fkey" FOREIGN KEY ("personAId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SharedStaffPair" ADD CONSTRAINT "SharedStaffPair_personBId_fkey" FOREIGN KEY ("personBId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Every existing account's person becomes that person's school's link.
INSERT INTO "UserPersonLink" ("userId", "schoolId", "personId")
SELECT u.id, p."schoolId", p.id FROM "User" u JOIN "Person" p ON p.id = u."personId";

-- Every write of User."personId" (sync provisioning, pupil accounts, anything written before
-- person links existed) keeps the primary person's link: a person changed within a school
-- replaces its link, a person cleared drops it. A person linked to another account already
-- fails on the link's unique personId, as it would on User."personId".
CREATE OR REPLACE FUNCTION staffroom_user_primary_person_link() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."personId" IS NOT NULL AND OLD."personId" IS DISTINCT FROM NEW."personId" THEN
    DELETE FROM "UserPersonLink" WHERE "userId" = NEW.id AND "personId" = OLD."personId";
  END IF;
  IF NEW."personId" IS NOT NULL AND (TG_OP = 'INSERT' OR OLD."personId" IS DISTINCT FROM NEW."personId") THEN
    INSERT INTO "UserPersonLink" ("userId", "schoolId", "personId")
    SELECT NEW.id, p."schoolId", p.id FROM "Person" p WHERE p.id = NEW."personId"
    ON CONFLICT ("userId", "schoolId") DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "User_primaryPersonLink"
AFTER INSERT OR UPDATE OF "personId" ON "User"
FOR EACH ROW EXECUTE FUNCTION staffroom_user_primary_person_link();
