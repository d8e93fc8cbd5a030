-- The name-word trigger ran per row: two INSERTs (and a plpgsql call) for every person a sync
-- or a COPY wrote, a large share of a first sync's database time. It now runs once per
-- statement over the statement's transition tables, with the same result: PersonNameWord
-- follows each person's searchName, sort key, kind and archived state, and NameWord gains the
-- words it does not have yet (still no unique index, so parallel syncs never wait on it).
-- Transition tables allow no column list on UPDATE: the update trigger compares old and new
-- rows itself and touches only people whose name, school, kind or archived state changed.

DROP TRIGGER IF EXISTS "Person_nameWords" ON "Person";
DROP FUNCTION IF EXISTS staffroom_person_name_words();

CREATE FUNCTION staffroom_person_name_words_inserted() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO "PersonNameWord" ("personId", "schoolId", "word", "sortName", "kind", "active")
    SELECT DISTINCT p."id", p."schoolId", w,
           replace(staffroom_search_text(p."surname"), ' ', '-') || ' ' || staffroom_search_text(p."forename"),
           p."kind", p."archivedAt" IS NULL
    FROM new_people p, regexp_split_to_table(coalesce(p."searchName", ''), ' ') AS w WHERE w <> '';
  INSERT INTO "NameWord" ("word")
    SELECT DISTINCT w FROM new_people p, regexp_split_to_table(coalesce(p."searchName", ''), ' ') AS w
    WHERE w <> '' AND NOT EXISTS (SELECT 1 FROM "NameWord" n WHERE n."word" = w);
  RETURN NULL;
END
$fn$;

CREATE FUNCTION staffroom_person_name_words_updated() RETURNS trigger
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
  INSERT INTO "PersonNameWord" ("personId", "schoolId", "word", "sortName", "kind", "active")
    SELECT DISTINCT p."id", p."schoolId", w,
           replace(staffroom_search_text(p."surname"), ' ', '-') || ' ' || staffroom_search_text(p."forename"),
           p."kind", p."archivedAt" IS NULL
    FROM new_people p JOIN unnest(renamed) AS r("id") ON r."id" = p."id", regexp_split_to_table(coalesce(p."searchName", ''), ' ') AS w
    WHERE w <> '';
  INSERT INTO "NameWord" ("word")
    SELECT DISTINCT w FROM new_people p JOIN unnest(renamed) AS r("id") ON r."id" = p."id", regexp_split_to_table(coalesce(p."searchName", ''), ' ') AS w
    WHERE w <> '' AND NOT EXISTS (SELECT 1 FROM "NameWord" n WHERE n."word" = w);
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "Person_nameWords_inserted"
AFTER INSERT ON "Person" REFERENCING NEW TABLE AS new_people
FOR EACH STATEMENT EXECUTE FUNCTION staffroom_person_name_words_inserted();

CREATE TRIGGER "Person_nameWords_updated"
AFTER UPDATE ON "Person" REFERENCING OLD TABLE AS old_people NEW TABLE AS new_people
FOR EACH STATEMENT EXECUTE FUNCTION staffroom_person_name_words_updated();
