-- EMAIL_TRANSPORT=log: a notification that was deliberately not sent is never marked SENT.
ALTER TYPE "NotificationStatus" ADD VALUE 'NOT_SENT' AFTER 'SENDING';

-- Revocable sessions: each signed-in browser has a Session row its cookie must still match.
ALTER TABLE "Session" ADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "Session" ADD COLUMN "userAgent" TEXT;

-- Email domains are claimed, one trust (or stand-alone school) per domain.
CREATE TABLE "SsoDomainClaim" (
    "domain" TEXT NOT NULL,
    "ownerKey" TEXT NOT NULL,
    "claimedBySchoolId" TEXT NOT NULL,
    "proof" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SsoDomainClaim_pkey" PRIMARY KEY ("domain")
);
CREATE INDEX "SsoDomainClaim_ownerKey_idx" ON "SsoDomainClaim"("ownerKey");

-- Domains already typed in: the earliest school's trust keeps each; later claimants elsewhere lose it.
INSERT INTO "SsoDomainClaim" ("domain", "ownerKey", "claimedBySchoolId", "proof")
SELECT DISTINCT ON (d.domain) d.domain, COALESCE(s."trustId", 'school:' || s.id), s.id, 'set before domains were claimed'
FROM "School" s CROSS JOIN LATERAL unnest(s."ssoDomains") AS d(domain)
ORDER BY d.domain, s."createdAt", s.id;

UPDATE "School" s SET "ssoDomains" = ARRAY(
  SELECT d FROM unnest(s."ssoDomains") AS d
  JOIN "SsoDomainClaim" c ON c.domain = d AND c."ownerKey" = COALESCE(s."trustId", 'school:' || s.id)
)
WHERE cardinality(s."ssoDomains") > 0;
