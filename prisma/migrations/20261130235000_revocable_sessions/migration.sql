-- Revocable sessions: each signed-in browser has a Session row its cookie must still match.
ALTER TABLE "Session" ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Session" ADD COLUMN "userAgent" TEXT;
