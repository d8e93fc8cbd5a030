-- AlterTable
ALTER TABLE "SyncRun" ADD COLUMN     "quarantined" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "SyncQuarantine" (
    "id" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "wondeId" TEXT NOT NULL,
    "label" TEXT,
    "field" TEXT NOT NULL,
    "valueType" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SyncQuarantine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SyncQuarantine_runId_idx" ON "SyncQuarantine"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "SyncQuarantine_schoolId_entity_wondeId_key" ON "SyncQuarantine"("schoolId", "entity", "wondeId");

-- AddForeignKey
ALTER TABLE "SyncQuarantine" ADD CONSTRAINT "SyncQuarantine_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
