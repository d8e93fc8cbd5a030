import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import { applyMigration } from "@/server/migrations/apply";
import { applyGroupMatches, matchGroups, previewGroups, type GroupMatch } from "@/server/migrations/groups";
import type { WondeClient } from "@/server/wonde";
import { createSchool } from "../helpers/fixtures";

// Applying a previewed migration built by hand (no emulator): who keeps their record and under
// which MIS ids, who is created or archived, what the report and the log say, and how classes and
// subjects are paired and take their new ids.

const ADMIN = { system: "Test admin" };
const EARLIER = new Date("2026-01-05T10:00:00Z");

type Kind = "PUPIL" | "STAFF";
const entityOf = (kind: Kind) => (kind === "PUPIL" ? "student" : "employee");

async function school() {
  const s = await createSchool(db);
  await db.school.update({ where: { id: s.id }, data: { plannedMigrationOn: new Date("2026-12-01T00:00:00Z") } });
  return s.id;
}

const migrationOf = (schoolId: string, more: { status?: "DETECTED" | "PREVIEWED" | "APPLYING" | "APPLIED"; fromMis?: string | null; toMis?: string | null; groupMatches?: GroupMatch[] } = {}) =>
  db.misMigration.create({
    data: { schoolId, detectedBy: "webhook", status: more.status ?? "PREVIEWED", fromMis: more.fromMis ?? null, toMis: more.toMis ?? null, groupMatches: more.groupMatches as Prisma.InputJsonValue | undefined },
  });

/** A current person with their (old MIS) id. */
async function person(schoolId: string, kind: Kind, forename: string, surname: string, oldId: string, more: { email?: string; upn?: string } = {}) {
  const p = await db.person.create({ data: { schoolId, kind, forename, surname, email: more.email, upn: more.upn } });
  await db.externalId.create({ data: { schoolId, entity: entityOf(kind), externalId: oldId, personId: p.id, firstSeenAt: EARLIER, lastSeenAt: EARLIER } });
  return p;
}

const candidate = (
  migrationId: string,
  kind: Kind,
  externalId: string,
  fields: { forename: string; surname: string; email?: string | null; upn?: string | null },
  more: { outcome: "MATCHED" | "REVIEW" | "NEW" | "ARCHIVE"; personId?: string; resolution?: string; resolvedBy?: string; rule?: string | null; reason?: string },
) =>
  db.migrationCandidate.create({
    data: {
      migrationId,
      entity: entityOf(kind),
      externalId: more.outcome === "ARCHIVE" ? null : externalId,
      misId: `mis-${externalId}`,
      label: `${fields.surname}, ${fields.forename}`,
      outcome: more.outcome,
      personId: more.personId,
      resolution: more.resolution,
      resolvedBy: more.resolvedBy,
      rule: more.rule === undefined ? null : more.rule,
      reason: more.reason,
      fields: more.outcome === "ARCHIVE" ? undefined : fields,
    },
  });

const currentIds = async (personId: string) =>
  (await db.externalId.findMany({ where: { personId, supersededAt: null }, orderBy: { externalId: "asc" } })).map((e) => e.externalId);

describe("applying a migration", () => {
  afterAll(() => db.$disconnect());

  it("refuses an unknown, unpreviewed or undecided migration, saying why", async () => {
    const schoolId = await school();
    await expect(applyMigration(db, schoolId, "no-such-migration", ADMIN)).rejects.toMatchObject({ code: "NOT_FOUND", message: "No such migration." });
    const detected = await migrationOf(schoolId, { status: "DETECTED" });
    await expect(applyMigration(db, schoolId, detected.id, ADMIN)).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: "Preview the migration before applying it." });
    const applied = await migrationOf(schoolId, { status: "APPLIED" });
    await expect(applyMigration(db, schoolId, applied.id, ADMIN)).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: "Preview the migration before applying it." });
    const open = await migrationOf(schoolId);
    await candidate(open.id, "PUPIL", "w-1", { forename: "Una", surname: "Decided" }, { outcome: "REVIEW" });
    await expect(applyMigration(db, schoolId, open.id, ADMIN)).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: "1 person needs review before the migration can be applied." });
    await candidate(open.id, "PUPIL", "w-2", { forename: "Two", surname: "Decided" }, { outcome: "REVIEW" });
    await expect(applyMigration(db, schoolId, open.id, ADMIN)).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: "2 people need review before the migration can be applied." });
    expect(await db.misMigration.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ status: "PREVIEWED", appliedAt: null });
  });

  it("keeps matched and chosen people under their new MIS ids, creates the new ones, archives the rest, and reports and logs it", async () => {
    const schoolId = await school();
    // An earlier migration of this school where a review kept the pupil this one archives.
    const earlier = await migrationOf(schoolId, { status: "APPLIED" });
    const migration = await migrationOf(schoolId, { fromMis: "SIMS", toMis: null });

    const amy = await person(schoolId, "PUPIL", "Amy", "Auto", "old-amy", { upn: "A100000000001" });
    // Amy's id from before an even earlier move: history that stays as it was.
    await db.externalId.create({ data: { schoolId, entity: "student", externalId: "older-amy", personId: amy.id, supersededAt: EARLIER, firstSeenAt: EARLIER, lastSeenAt: EARLIER } });
    const rex = await person(schoolId, "PUPIL", "Rex", "Review", "old-rex");
    const rita = await person(schoolId, "PUPIL", "Rita", "Rule", "old-rita");
    const gone = await person(schoolId, "PUPIL", "Gus", "Gone", "old-gus");
    await db.externalId.create({ data: { schoolId, entity: "student", externalId: "older-gus", personId: gone.id, supersededAt: EARLIER, firstSeenAt: EARLIER, lastSeenAt: EARLIER } });
    const elsewhere = await person(schoolId, "PUPIL", "Eli", "Earlier", "old-eli");
    await candidate(earlier.id, "PUPIL", "x-eli", { forename: "Eli", surname: "Earlier" }, { outcome: "REVIEW", resolution: elsewhere.id, resolvedBy: "Someone" });
    // Staff: one whose work email changes, one whose doesn't, one kept without an account.
    const moved = await person(schoolId, "STAFF", "Mo", "Moved", "old-mo", { email: "mo@old.example" });
    const same = await person(schoolId, "STAFF", "Sue", "Same", "old-sue", { email: "sue@school.example" });
    const noMail = await person(schoolId, "STAFF", "Ned", "Nomail", "old-ned");

    await candidate(migration.id, "PUPIL", "new-amy", { forename: "Amelia", surname: "Auto", upn: "A100000000001", email: "amy@pupils.example" }, { outcome: "MATCHED", personId: amy.id, rule: "UPN", reason: "same UPN" });
    // Rex was proposed for archiving, then chosen in review.
    await candidate(migration.id, "PUPIL", "new-rex", { forename: "Rex", surname: "Review" }, { outcome: "REVIEW", resolution: rex.id, resolvedBy: "Ada Admin", rule: null });
    await candidate(migration.id, "PUPIL", "", { forename: "Rex", surname: "Review" }, { outcome: "ARCHIVE", personId: rex.id });
    await candidate(migration.id, "PUPIL", "new-rita", { forename: "Rita", surname: "Rule" }, { outcome: "REVIEW", resolution: rita.id, rule: "name + date of birth" });
    // Marked new in review, though she has Amy's old UPN: an admin's decision, not re-matched.
    await candidate(migration.id, "PUPIL", "new-nina", { forename: "Nina", surname: "New", upn: "A100000000009" }, { outcome: "REVIEW", resolution: "new", resolvedBy: "Ada Admin" });
    await candidate(migration.id, "PUPIL", "", { forename: "Gus", surname: "Gone" }, { outcome: "ARCHIVE", personId: gone.id });
    await candidate(migration.id, "PUPIL", "", { forename: "Eli", surname: "Earlier" }, { outcome: "ARCHIVE", personId: elsewhere.id });
    await candidate(migration.id, "STAFF", "new-mo", { forename: "Mo", surname: "Moved", email: "mo@new.example" }, { outcome: "MATCHED", personId: moved.id, rule: "staff code" });
    await candidate(migration.id, "STAFF", "new-sue", { forename: "Sue", surname: "Same", email: "sue@school.example" }, { outcome: "MATCHED", personId: same.id, rule: "work email" });
    await candidate(migration.id, "STAFF", "new-ned", { forename: "Ned", surname: "Nomail", email: null }, { outcome: "MATCHED", personId: noMail.id, rule: "staff code" });
    await candidate(migration.id, "STAFF", "new-fay", { forename: "Fay", surname: "Fresh", email: "fay@school.example" }, { outcome: "NEW" });
    // Amy's old UPN moved in the new MIS to a new pupil: apply must not re-match her to Amy.
    await db.person.update({ where: { id: amy.id }, data: { upn: "A100000000009" } });

    const report = await applyMigration(db, schoolId, migration.id, ADMIN);

    // Who keeps which record, under which ids.
    expect(await currentIds(amy.id)).toEqual(["new-amy"]);
    expect(await currentIds(rex.id)).toEqual(["new-rex"]);
    expect(await currentIds(rita.id)).toEqual(["new-rita"]);
    expect(await currentIds(moved.id)).toEqual(["new-mo"]);
    expect(await db.person.findUniqueOrThrow({ where: { id: amy.id } })).toMatchObject({ forename: "Amelia", archivedAt: null });
    expect(await db.person.findUniqueOrThrow({ where: { id: rex.id } })).toMatchObject({ archivedAt: null });
    // Earlier history keeps its own date.
    expect((await db.externalId.findFirstOrThrow({ where: { schoolId, externalId: "older-amy" } })).supersededAt).toEqual(EARLIER);
    expect((await db.externalId.findFirstOrThrow({ where: { schoolId, externalId: "older-gus" } })).supersededAt).toEqual(EARLIER);
    const nina = (await db.externalId.findFirstOrThrow({ where: { schoolId, externalId: "new-nina" } })).personId!;
    expect(nina).not.toBe(amy.id);
    expect(await db.person.findUniqueOrThrow({ where: { id: nina } })).toMatchObject({ forename: "Nina", kind: "PUPIL" });

    // Archived: the pupils nobody kept, with their ids retired; never someone kept in review.
    const archived = await db.person.findMany({ where: { schoolId, archivedAt: { not: null } }, orderBy: { surname: "asc" } });
    expect(archived.map((p) => p.id)).toEqual([elsewhere.id, gone.id]);
    expect(await currentIds(gone.id)).toEqual([]);
    const archivedLog = await db.activityEvent.findMany({ where: { schoolId, action: "User Archived" }, orderBy: { subjectLabel: "asc" } });
    expect(archivedLog.map((e) => [e.subjectId, e.details])).toEqual([
      [elsewhere.id, { kind: "PUPIL", reason: "not in the new MIS after the migration" }],
      [gone.id, { kind: "PUPIL", reason: "not in the new MIS after the migration" }],
    ]);

    // Accounts: the new member of staff gets one; people kept keep what they had (none).
    const fay = (await db.externalId.findFirstOrThrow({ where: { schoolId, externalId: "new-fay" } })).personId!;
    expect((await db.userPersonLink.findMany({ where: { schoolId } })).map((l) => l.personId)).toEqual([fay]);

    // The log: who kept their record and why.
    const kept = await db.activityEvent.findMany({ where: { schoolId, action: "Identity Kept" }, orderBy: { subjectLabel: "asc" } });
    expect(kept.map((e) => ({ actor: e.actorLabel, type: e.subjectType, id: e.subjectId, label: e.subjectLabel, details: e.details }))).toEqual([
      { actor: "Migration", type: "Person", id: amy.id, label: "Auto, Amelia", details: { kind: "PUPIL", rule: "UPN", reason: "same UPN" } },
      { actor: "Migration", type: "Person", id: moved.id, label: "Moved, Mo", details: { kind: "STAFF", rule: "staff code", reason: null } },
      { actor: "Migration", type: "Person", id: noMail.id, label: "Nomail, Ned", details: { kind: "STAFF", rule: "staff code", reason: null } },
      { actor: "Migration", type: "Person", id: rex.id, label: "Review, Rex", details: { kind: "PUPIL", rule: "chosen in review", reason: "chosen by Ada Admin" } },
      { actor: "Migration", type: "Person", id: rita.id, label: "Rule, Rita", details: { kind: "PUPIL", rule: "name + date of birth", reason: "chosen by an administrator" } },
      { actor: "Migration", type: "Person", id: same.id, label: "Same, Sue", details: { kind: "STAFF", rule: "work email", reason: null } },
    ]);

    // The report: only staff whose work email changed.
    expect(report.emailChanges).toEqual([{ personId: moved.id, label: "Moved, Mo", from: "mo@old.example", to: "mo@new.example" }]);
    expect(report.verdict).toBe("B");
    expect(report.newPupils).toEqual(["New, Nina"]);

    const done = await db.misMigration.findUniqueOrThrow({ where: { id: migration.id } });
    expect(done).toMatchObject({ status: "APPLIED", appliedBy: "Test admin" });
    expect(done.report).toEqual(JSON.parse(JSON.stringify(report)));
    expect((await db.school.findUniqueOrThrow({ where: { id: schoolId } })).plannedMigrationOn).toBeNull();
    const applied = await db.activityEvent.findFirstOrThrow({ where: { schoolId, action: "Migration Applied" } });
    expect({ actor: applied.actorLabel, type: applied.subjectType, id: applied.subjectId, label: applied.subjectLabel, details: applied.details }).toEqual({
      actor: "Test admin",
      type: "MisMigration",
      id: migration.id,
      label: "SIMS → ?",
      details: { verdict: "B", counts: report.counts },
    });
  });

  it("resumes a migration whose apply failed, and keeps an MIS id the new MIS did not change", async () => {
    const schoolId = await school();
    const migration = await migrationOf(schoolId, { fromMis: null, toMis: "Arbor" });
    const kim = await person(schoolId, "PUPIL", "Kim", "Keeps", "same-kim");
    const lee = await person(schoolId, "PUPIL", "Lee", "Later", "old-lee");
    await candidate(migration.id, "PUPIL", "same-kim", { forename: "Kim", surname: "Keeps" }, { outcome: "MATCHED", personId: kim.id, rule: "UPN" });
    // A decision naming a record that no longer exists: the apply fails part-way.
    const broken = await candidate(migration.id, "PUPIL", "new-lee", { forename: "Lee", surname: "Later" }, { outcome: "REVIEW", resolution: "deleted-person", resolvedBy: "Ada Admin" });
    await expect(applyMigration(db, schoolId, migration.id, ADMIN)).rejects.toThrow();
    expect(await db.misMigration.findUniqueOrThrow({ where: { id: migration.id } })).toMatchObject({ status: "APPLYING", appliedAt: null });

    await db.migrationCandidate.update({ where: { id: broken.id }, data: { resolution: lee.id } });
    await applyMigration(db, schoolId, migration.id, ADMIN);
    expect(await db.misMigration.findUniqueOrThrow({ where: { id: migration.id } })).toMatchObject({ status: "APPLIED" });
    expect(await currentIds(kim.id)).toEqual(["same-kim"]);
    expect(await currentIds(lee.id)).toEqual(["new-lee"]);
    expect((await db.activityEvent.findFirstOrThrow({ where: { schoolId, action: "Migration Applied" } })).subjectLabel).toBe("? → Arbor");
  });

  it("applies a migration larger than one batch, creating everyone once", async () => {
    const schoolId = await school();
    const migration = await migrationOf(schoolId);
    const total = 450; // more than two batches of 200
    await db.migrationCandidate.createMany({
      data: Array.from({ length: total }, (_, i) => ({ migrationId: migration.id, entity: "student", externalId: `w-${i}`, label: `Pupil, ${i}`, outcome: "NEW" as const, fields: { forename: `${i}`, surname: "Pupil" } })),
    });
    const report = await applyMigration(db, schoolId, migration.id, ADMIN);
    expect(report.counts.pupils.created).toBe(total);
    expect(await db.person.count({ where: { schoolId, kind: "PUPIL", archivedAt: null } })).toBe(total);
    expect(await db.externalId.count({ where: { schoolId, entity: "student", supersededAt: null, personId: { not: null } } })).toBe(total);
  });
});

const g = (name: string, code: string | null = null, id = `${name}-${code}`) => ({ id, name, code });
const inc = (externalId: string, name: string, code: string | null = null) => ({ externalId, misId: null, name, code });

describe("pairing classes and subjects", () => {
  it("pairs classes by name and code, then by name among those left, and lists the rest to create or archive", () => {
    const ours = [g("Maths", "7X"), g("Maths", "8X"), g("Art", "A1"), g("Art", "ZZ"), g("Drama", "drama"), g("Old"), g("Gone", "G1")];
    const theirs = [inc("w-m7", "Maths", "7X"), inc("w-m8", "maths ", "8x"), inc("w-a1", "Art", "A1"), inc("w-a2", "Art", "A2"), inc("w-new", "New", "N1"), inc("w-nc", "Newer", "newer")];
    const { matches, summary } = matchGroups("class", theirs, ours);
    expect(matches.map((m) => [m.externalId, m.id])).toEqual([
      ["w-m7", "Maths-7X"],
      ["w-m8", "Maths-8X"],
      ["w-a1", "Art-A1"],
      ["w-a2", "Art-ZZ"],
    ]);
    expect(summary).toEqual({ matched: 4, created: ["New (N1)", "Newer"], archived: ["Drama", "Old", "Gone (G1)"] });
  });

  it("pairs subjects by code, then by name, and only where each key is held once on each side", () => {
    const ours = [g("Science", "SC"), g("History", null), g("Music", null, "music-1"), g("Music", null, "music-2"), g("Drama")];
    const theirs = [inc("w-sc", "Sciences", "sc"), inc("w-hi", "history", "HI"), inc("w-mu", "Music"), inc("w-dr1", "Drama"), inc("w-dr2", "Drama")];
    const { matches, summary } = matchGroups("subject", theirs, ours);
    expect(matches).toEqual([
      { entity: "subject", externalId: "w-sc", misId: null, id: "Science-SC" },
      { entity: "subject", externalId: "w-hi", misId: null, id: "History-null" },
    ]);
    expect(summary).toEqual({ matched: 2, created: ["Music", "Drama", "Drama"], archived: ["Music", "Music", "Drama"] });
  });

  it("reads Wonde's classes and subjects for the preview, and says so when it cannot", async () => {
    const schoolId = await school();
    await db.subject.create({ data: { schoolId, name: "Science", code: "SC" } });
    await db.class.create({ data: { schoolId, name: "7A", code: null } });
    await db.class.create({ data: { schoolId, name: "Old", code: null, archivedAt: EARLIER } });
    const pages = <T>(data: T[]) => (async function* () { yield { data }; })();
    const client = {
      subjects: () => pages([{ id: "w-sc", mis_id: "m1", name: null, code: "SC" }]),
      classes: () => pages([{ id: "w-7a", mis_id: null, name: "7A", code: null }, { id: "w-x", mis_id: null, name: null, code: null }]),
    } as unknown as WondeClient;
    const read = await previewGroups(db, schoolId, client, "A1");
    expect(read.unread).toBe(false);
    expect(read.matches.map((m) => [m.entity, m.externalId, m.misId])).toEqual([["subject", "w-sc", "m1"], ["class", "w-7a", null]]);
    expect(read.summary).toEqual({ classes: { matched: 1, created: [""], archived: [] }, subjects: { matched: 1, created: [], archived: [] } });

    const failing = { subjects: () => (async function* () { throw new Error("403 from Wonde"); })(), classes: client.classes } as unknown as WondeClient;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await previewGroups(db, schoolId, failing, "A1")).toEqual({ matches: [], summary: { classes: { matched: 0, created: [], archived: [] }, subjects: { matched: 0, created: [], archived: [] } }, unread: true });
      expect(logged).toHaveBeenCalledWith(`Classes and subjects could not be read for the migration preview of school ${schoolId}:`, expect.objectContaining({ message: "403 from Wonde" }));
    } finally {
      logged.mockRestore();
    }
  });

  it("gives matched classes and subjects their new ids, keeping the old ones as history and an id that did not change", async () => {
    const schoolId = await school();
    const now = new Date("2026-12-01T09:00:00Z");
    const science = await db.subject.create({ data: { schoolId, name: "Science" } });
    const sevenA = await db.class.create({ data: { schoolId, name: "7A" } });
    const eightB = await db.class.create({ data: { schoolId, name: "8B" } });
    await db.externalId.create({ data: { schoolId, entity: "subject", externalId: "old-sc", subjectId: science.id } });
    await db.externalId.create({ data: { schoolId, entity: "class", externalId: "old-7a", classId: sevenA.id } });
    await db.externalId.create({ data: { schoolId, entity: "class", externalId: "older-7a", classId: sevenA.id, supersededAt: EARLIER } });
    await db.externalId.create({ data: { schoolId, entity: "class", externalId: "same-8b", classId: eightB.id } });
    await db.$transaction((tx) =>
      applyGroupMatches(tx, schoolId, [
        { entity: "class", externalId: "new-7a", misId: "m7", id: sevenA.id },
        { entity: "class", externalId: "same-8b", misId: null, id: eightB.id },
        { entity: "subject", externalId: "new-sc", misId: null, id: science.id },
      ], now),
    );
    const ids = await db.externalId.findMany({ where: { schoolId }, orderBy: { externalId: "asc" } });
    expect(ids.map((e) => [e.externalId, e.classId ?? e.subjectId, e.supersededAt])).toEqual([
      ["new-7a", sevenA.id, null],
      ["new-sc", science.id, null],
      ["old-7a", sevenA.id, now],
      ["old-sc", science.id, now],
      ["older-7a", sevenA.id, EARLIER],
      ["same-8b", eightB.id, null],
    ]);
  });
});
