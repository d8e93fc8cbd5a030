-- AlterTable
ALTER TABLE "School" ADD COLUMN     "syncLockHeartbeat" TIMESTAMP(3),
ADD COLUMN     "syncLockRunId" TEXT;
