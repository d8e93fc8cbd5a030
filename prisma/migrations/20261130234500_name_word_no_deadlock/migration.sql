-- Parallel syncs of different schools deadlocked (40P01) here: the Person trigger inserted each
-- new name word into NameWord, whose primary key is shared by every school, so two transactions
-- adding "smith" and "jones" in opposite orders waited on each other's uncommitted words.
-- NameWord is only a dictionary for typo suggestions, so it no longer needs unique words: with no
-- unique index an insert never waits on another transaction. The trigger still skips words that
-- are already there, so a duplicate only appears when two transactions add the same new word at
-- the same moment, and the search reads it through UNION, which removes duplicates.

-- DropPrimaryKey
ALTER TABLE "NameWord" DROP CONSTRAINT "NameWord_pkey";

-- AlterTable
ALTER TABLE "NameWord" ADD COLUMN "id" BIGSERIAL NOT NULL,
ADD CONSTRAINT "NameWord_pkey" PRIMARY KEY ("id");

-- CreateIndex
CREATE INDEX "NameWord_word_idx" ON "NameWord"("word");

CREATE OR REPLACE FUNCTION staffroom_person_name_words() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD."searchName" IS NOT DISTINCT FROM NEW."searchName" AND OLD."schoolId" = NEW."schoolId"
     AND OLD."kind" = NEW."kind" AND (OLD."archivedAt" IS NULL) = (NEW."archivedAt" IS NULL)
     AND OLD."surname" = NEW."surname" AND OLD."forename" = NEW."forename" THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "PersonNameWord" WHERE "personId" = NEW."id";
  END IF;
  INSERT INTO "PersonNameWord" ("personId", "schoolId", "word", "sortName", "kind", "active")
    SELECT DISTINCT NEW."id", NEW."schoolId", w,
           replace(staffroom_search_text(NEW."surname"), ' ', '-') || ' ' || staffroom_search_text(NEW."forename"),
           NEW."kind", NEW."archivedAt" IS NULL
    FROM regexp_split_to_table(coalesce(NEW."searchName", ''), ' ') AS w WHERE w <> '';
  INSERT INTO "NameWord" ("word")
    SELECT DISTINCT w FROM regexp_split_to_table(coalesce(NEW."searchName", ''), ' ') AS w
    WHERE w <> '' AND NOT EXISTS (SELECT 1 FROM "NameWord" n WHERE n."word" = w);
  RETURN NULL;
END
$fn$;
