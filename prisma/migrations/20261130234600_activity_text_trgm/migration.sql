-- The Activity page's free-text filter is ILIKE '%text%' over these three columns. Without a date
-- range it scanned a school's whole log; trigram indexes let PostgreSQL find the matches directly.
-- pg_trgm is already installed (20261126132126_incident_book).
-- The sync inserts events all day, and a GIN index's pending list (new entries not yet merged)
-- is read in full by every search: its default 4 MB limit cost ~60 ms a search on 1M events.
-- 512 kB bounds that cost while keeping inserts batched.

-- CreateIndex
CREATE INDEX "ActivityEvent_subjectLabel_trgm_idx" ON "ActivityEvent" USING GIN ("subjectLabel" gin_trgm_ops) WITH (gin_pending_list_limit = 512);

-- CreateIndex
CREATE INDEX "ActivityEvent_actorLabel_trgm_idx" ON "ActivityEvent" USING GIN ("actorLabel" gin_trgm_ops) WITH (gin_pending_list_limit = 512);

-- CreateIndex
CREATE INDEX "ActivityEvent_action_trgm_idx" ON "ActivityEvent" USING GIN ("action" gin_trgm_ops) WITH (gin_pending_list_limit = 512);
