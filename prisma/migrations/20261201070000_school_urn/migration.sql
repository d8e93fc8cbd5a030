-- The school's URN, read from Wonde on every sync: apps signing in through Staffroom get it as a claim.
ALTER TABLE "School" ADD COLUMN "urn" TEXT;
