-- Trusts: one Wonde token connects every school of the trust (issue 16), and a read-only
-- trust role for health & safety leads. Existing users with a trustId stay trust admins
-- (the column's default); TRUST_VIEWER is only used after this migration commits.

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'TRUST_VIEWER';

-- AlterTable
ALTER TABLE "Trust" ADD COLUMN "wondeTokenEnc" TEXT,
ADD COLUMN "wondeCheckedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN "trustRole" "Role" NOT NULL DEFAULT 'TRUST_ADMIN';
