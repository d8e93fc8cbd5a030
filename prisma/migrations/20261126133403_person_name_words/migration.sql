-- DropIndex
DROP INDEX "Person_searchName_trgm_idx";

-- CreateTable
CREATE TABLE "PersonNameWord" (
    "personId" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "word" TEXT NOT NULL,

    CONSTRAINT "PersonNameWord_pkey" PRIMARY KEY ("personId","word")
);

-- CreateTable
CREATE TABLE "NameWord" (
    "word" TEXT NOT NULL,

    CONSTRAINT "NameWord_pkey" PRIMARY KEY ("word")
);

-- CreateIndex
CREATE INDEX "PersonNameWord_schoolId_word_idx" ON "PersonNameWord"("schoolId", "word");

-- CreateIndex
CREATE INDEX "PersonNameWord_word_schoolId_idx" ON "PersonNameWord"("word", "schoolId");

-- CreateIndex
CREATE INDEX "NameWord_word_trgm_idx" ON "NameWord" USING GIN ("word" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "PersonNameWord" ADD CONSTRAINT "PersonNameWord_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- PersonNameWord and NameWord follow Person.searchName (set by the BEFORE trigger
-- "Person_searchName"), whoever writes Person.
CREATE OR REPLACE FUNCTION staffroom_person_name_words() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."searchName" IS NOT DISTINCT FROM NEW."searchName" AND OLD."schoolId" = NEW."schoolId" THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "PersonNameWord" WHERE "personId" = NEW."id";
  END IF;
  INSERT INTO "PersonNameWord" ("personId", "schoolId", "word")
    SELECT DISTINCT NEW."id", NEW."schoolId", w FROM regexp_split_to_table(coalesce(NEW."searchName", ''), ' ') AS w WHERE w <> '';
  INSERT INTO "NameWord" ("word")
    SELECT DISTINCT w FROM regexp_split_to_table(coalesce(NEW."searchName", ''), ' ') AS w WHERE w <> ''
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "Person_nameWords"
AFTER INSERT OR UPDATE OF "surname", "forename", "initials", "schoolId", "searchName" ON "Person"
FOR EACH ROW EXECUTE FUNCTION staffroom_person_name_words();

INSERT INTO "PersonNameWord" ("personId", "schoolId", "word")
  SELECT DISTINCT p."id", p."schoolId", w FROM "Person" p, regexp_split_to_table(coalesce(p."searchName", ''), ' ') AS w WHERE w <> '';
INSERT INTO "NameWord" ("word") SELECT DISTINCT "word" FROM "PersonNameWord" ON CONFLICT DO NOTHING;
