-- DropIndex
DROP INDEX "PersonNameWord_schoolId_word_idx";

-- DropIndex
DROP INDEX "PersonNameWord_word_schoolId_idx";

-- AlterTable
ALTER TABLE "PersonNameWord" ADD COLUMN     "active" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "kind" "PersonKind",
ADD COLUMN     "sortName" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "PersonNameWord_schoolId_word_sortName_idx" ON "PersonNameWord"("schoolId", "word", "sortName");

-- CreateIndex
CREATE INDEX "PersonNameWord_word_sortName_schoolId_idx" ON "PersonNameWord"("word", "sortName", "schoolId");

-- The trigger now also copies the sort key, kind and whether the person is current, and
-- follows changes to them.
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
    SELECT DISTINCT w FROM regexp_split_to_table(coalesce(NEW."searchName", ''), ' ') AS w WHERE w <> ''
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS "Person_nameWords" ON "Person";
CREATE TRIGGER "Person_nameWords"
AFTER INSERT OR UPDATE OF "surname", "forename", "initials", "schoolId", "searchName", "kind", "archivedAt" ON "Person"
FOR EACH ROW EXECUTE FUNCTION staffroom_person_name_words();

UPDATE "PersonNameWord" w
SET "sortName" = replace(staffroom_search_text(p."surname"), ' ', '-') || ' ' || staffroom_search_text(p."forename"),
    "kind" = p."kind",
    "active" = p."archivedAt" IS NULL
FROM "Person" p WHERE p."id" = w."personId";

-- Lower case by an explicit A–Z map rather than lower(), whose result depends on the
-- database's locale: the JavaScript twin (server/incidents/search-text.ts) must agree.
CREATE OR REPLACE FUNCTION staffroom_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT btrim(regexp_replace(translate(translate(coalesce(value, ''), 'ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćČčĎďÈÉÊËèéêëĒēĘęĚěÌÍÎÏìíîïĪīŁłÑñŃńŇňÒÓÔÕÖØòóôõöøŌōŐőŘřŚśŠšŞşŤťÙÚÛÜùúûüŪūŮůŰűÝýÿŸŹźŻżŽž-''’`', 'AAAAAAaaaaaaAaAaAaCcCcCcDdEEEEeeeeEeEeEeIIIIiiiiIiLlNnNnNnOOOOOOooooooOoOoRrSsSsSsTtUUUUuuuuUuUuUuYyyYZzZzZz '), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '\s+', ' ', 'g'))
$fn$;

UPDATE "Person" SET "searchName" = staffroom_search_text(concat_ws(' ', "surname", "forename", "initials"));
