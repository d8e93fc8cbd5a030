-- The Activity page's free-text filter is ILIKE '%text%' over these three columns. Without a date
-- range it scanned a school's whole log; trigram indexes let PostgreSQL find the matches directly.
-- pg_trgm is already installed (20261126132126_incident_book).

-- CreateIndex
CREATE INDEX "ActivityEvent_subjectLabel_trgm_idx" ON "ActivityEvent" USING GIN ("subjectLabel" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ActivityEvent_actorLabel_trgm_idx" ON "ActivityEvent" USING GIN ("actorLabel" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ActivityEvent_action_trgm_idx" ON "ActivityEvent" USING GIN ("action" gin_trgm_ops);
