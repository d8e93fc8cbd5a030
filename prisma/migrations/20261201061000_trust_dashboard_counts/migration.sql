-- The trust dashboard counts the staff in post and pupils on roll of every school of a trust in
-- one grouped query; this partial index lets it read the index alone (an index-only scan of the
-- current people), not the table (bench:trust-dashboard: 100k people in 50 schools).
CREATE INDEX "Person_current_count_idx" ON "Person" ("schoolId", "kind") WHERE "archivedAt" IS NULL;
