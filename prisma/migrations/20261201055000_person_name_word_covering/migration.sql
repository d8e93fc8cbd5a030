-- The person picker read each candidate name word's table row (a heap page per person) and then
-- probed the primary key once per candidate for each other word typed ("oli sm": ~700 probes
-- trust-wide). Each name word row now carries its person's whole searchName, and the two search
-- indexes carry every column the search reads, so PostgreSQL answers from the index alone and
-- checks the other words typed on the index entry itself.

-- AlterTable
ALTER TABLE "PersonNameWord" ADD COLUMN "searchName" TEXT NOT NULL DEFAULT '';

UPDATE "PersonNameWord" w SET "searchName" = coalesce(p."searchName", '') FROM "Person" p WHERE p."id" = w."personId";

-- DropIndex
DROP INDEX "PersonNameWord_schoolId_word_sortName_idx";

-- DropIndex
DROP INDEX "PersonNameWord_word_sortName_schoolId_idx";

-- CreateIndex
CREATE INDEX "PersonNameWord_school_word_cover_idx" ON "PersonNameWord"("schoolId", "word", "sortName", "personId", "active", "kind", "searchName");

-- CreateIndex
CREATE INDEX "PersonNameWord_word_cover_idx" ON "PersonNameWord"("word", "sortName", "personId", "schoolId", "active", "kind", "searchName");

CREATE OR REPLACE FUNCTION staffroom_person_name_words_inserted() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO "PersonNameWord" ("personId", "schoolId", "word", "sortName", "kind", "active", "searchName")
    SELECT DISTINCT p."id", p."schoolId", w,
           replace(staffroom_search_text(p."surname"), ' ', '-') || ' ' || staffroom_search_text(p."forename"),
           p."kind", p."archivedAt" IS NULL, coalesce(p."searchName", '')
    FROM new_people p, regexp_split_to_table(coalesce(p."searchName", ''), ' ') AS w WHERE w <> '';
  INSERT INTO "NameWord" ("word")
    SELECT DISTINCT w FROM new_people p, regexp_split_to_table(coalesce(p."searchName", ''), ' ') AS w
    WHERE w <> '' AND NOT EXISTS (SELECT 1 FROM "NameWord" n WHERE n."word" = w);
  RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION staffroom_person_name_words_updated() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
  renamed text[];
BEGIN
  SELECT array_agg(n."id") INTO renamed
    FROM new_people n JOIN old_people o ON o."id" = n."id"
    WHERE o."searchName" IS DISTINCT FROM n."searchName" OR o."schoolId" <> n."schoolId" OR o."kind" <> n."kind"
       OR (o."archivedAt" IS NULL) <> (n."archivedAt" IS NULL) OR o."surname" <> n."surname" OR o."forename" <> n."forename";
  IF renamed IS NULL THEN
    RETURN NULL;
  END IF;
  DELETE FROM "PersonNameWord" WHERE "personId" = ANY (renamed);
  INSERT INTO "PersonNameWord" ("personId", "schoolId", "word", "sortName", "kind", "active", "searchName")
    SELECT DISTINCT p."id", p."schoolId", w,
           replace(staffroom_search_text(p."surname"), ' ', '-') || ' ' || staffroom_search_text(p."forename"),
           p."kind", p."archivedAt" IS NULL, coalesce(p."searchName", '')
    FROM new_people p JOIN unnest(renamed) AS r("id") ON r."id" = p."id", regexp_split_to_table(coalesce(p."searchName", ''), ' ') AS w
    WHERE w <> '';
  INSERT INTO "NameWord" ("word")
    SELECT DISTINCT w FROM new_people p JOIN unnest(renamed) AS r("id") ON r."id" = p."id", regexp_split_to_table(coalesce(p."searchName", ''), ' ') AS w
    WHERE w <> '' AND NOT EXISTS (SELECT 1 FROM "NameWord" n WHERE n."word" = w);
  RETURN NULL;
END
$fn$;
