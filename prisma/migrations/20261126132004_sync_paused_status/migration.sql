-- AlterEnum
ALTER TYPE "SyncStatus" ADD VALUE 'PAUSED';
