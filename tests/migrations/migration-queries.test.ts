import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { migrationCandidates, migrationOverview } from "@/server/migrations/queries";
import { createSchool } from "../helpers/fixtures";

// The Migration page's reads: the school's latest migration with what is left to review, and
// the per-person list (filters, search, order, pages, and the record chosen through the search).

describe("the Migration page's queries", () => {
  afterAll(() => db.$disconnect());

  it("shows the school's latest migration with its summary, report and what is left to review", async () => {
    const school = await createSchool(db);
    const other = await createSchool(db);
    // Another school's migration, written first: never this school's.
    const elsewhere = await db.misMigration.create({ data: { schoolId: other.id, detectedBy: "webhook", detectedAt: new Date("2025-03-01T00:00:00Z") } });
    await db.school.update({ where: { id: school.id }, data: { mis: "SIMS", grantedScopes: ["Student read"], autoApplyMigrations: true, plannedMigrationOn: new Date("2027-04-12T00:00:00Z") } });
    expect(await migrationOverview(db, school.id)).toEqual({
      school: { mis: "SIMS", grantedScopes: ["Student read"], autoApplyMigrations: true, plannedMigrationOn: new Date("2027-04-12T00:00:00Z") },
      migration: null,
    });

    // An older migration, written before the newer one: the page shows the newer.
    await db.misMigration.create({ data: { schoolId: school.id, detectedBy: "mis-change", status: "APPLIED", detectedAt: new Date("2024-09-01T00:00:00Z") } });
    const newer = await db.misMigration.create({
      data: {
        schoolId: school.id, detectedBy: "webhook", fromMis: "SIMS", toMis: "Arbor", status: "PREVIEWED",
        detectedAt: new Date("2025-02-01T00:00:00Z"), migratedAt: new Date("2025-01-31T00:00:00Z"), appliedAt: null,
        summary: { pupils: { review: 2 } }, report: { verdict: "A" },
      },
    });
    const item = (migrationId: string, outcome: "REVIEW" | "MATCHED", resolution: string | null = null) =>
      db.migrationCandidate.create({ data: { migrationId, entity: "student", label: "Pupil", outcome, resolution } });
    await item(newer.id, "REVIEW");
    await item(newer.id, "REVIEW");
    await item(newer.id, "REVIEW", "new");
    await item(newer.id, "MATCHED");
    await item(elsewhere.id, "REVIEW");

    expect((await migrationOverview(db, school.id)).migration).toEqual({
      id: newer.id,
      status: "PREVIEWED",
      fromMis: "SIMS",
      toMis: "Arbor",
      detectedBy: "webhook",
      detectedAt: new Date("2025-02-01T00:00:00Z"),
      migratedAt: new Date("2025-01-31T00:00:00Z"),
      appliedAt: null,
      summary: { pupils: { review: 2 } },
      report: { verdict: "A" },
      toReview: 2,
    });
  });

  it("lists a migration's people by outcome then name, filtered, searched and paged, naming a record chosen through the search", async () => {
    const school = await createSchool(db);
    const other = await createSchool(db);
    const migration = await db.misMigration.create({ data: { schoolId: school.id, detectedBy: "webhook", status: "PREVIEWED" } });
    const person = (surname: string, schoolId = school.id, initials?: string) => db.person.create({ data: { schoolId, kind: "PUPIL", forename: "Old", surname, initials } });
    const proposed = await person("Proposed");
    const searched = await person("Searched", school.id, "OS");
    // Each searched row its own person: one row's lookup must not name another's choice.
    const found = await person("Found");
    const also = await person("Also");
    const foreign = await person("Foreign", other.id);
    const option = { personId: proposed.id, label: "Proposed, Old", rule: "UPN" };
    const candidate = (label: string, outcome: "MATCHED" | "REVIEW" | "NEW" | "ARCHIVE", more: { entity?: string; resolution?: string; options?: object[]; id?: string; personId?: string; rule?: string; reason?: string } = {}) =>
      db.migrationCandidate.create({
        data: {
          id: more.id, migrationId: migration.id, entity: more.entity ?? "student", label, outcome, resolution: more.resolution ?? null, options: more.options, resolvedBy: more.resolution ? "Admin" : null,
          personId: more.personId, rule: more.rule, reason: more.reason,
        },
      });
    await candidate("Zeta, Archived", "ARCHIVE", { personId: proposed.id, reason: "Not found in the new MIS" });
    await candidate("Beta, New", "NEW");
    const alpha = await candidate("Alpha, Matched", "MATCHED", { personId: proposed.id, rule: "UPN", reason: "Same UPN" });
    await candidate("Teacher, Staff", "MATCHED", { entity: "employee" });
    // Chosen among two proposals: named once, as proposed.
    const alsoOption = { personId: also.id, label: "Also, Old", rule: "name + date of birth" };
    await candidate("Delta, Chosen", "REVIEW", { resolution: proposed.id, options: [alsoOption, option] });
    // Nobody proposed, found through the search.
    await candidate("Iota, Found", "REVIEW", { resolution: found.id });
    await candidate("Gamma, Searched", "REVIEW", { resolution: searched.id, options: [option] });
    await candidate("Epsilon, Marked new", "REVIEW", { resolution: "new", options: [option] });
    await candidate("Kappa, Foreign", "REVIEW", { resolution: foreign.id });
    await candidate("Omega, Open", "REVIEW");

    const list = (input: Partial<Parameters<typeof migrationCandidates>[2]> = {}) => migrationCandidates(db, school.id, { migrationId: migration.id, page: 1, pageSize: 50, ...input });
    const all = await list();
    expect(all.total).toBe(10);
    expect(all.rows.map((r) => r.label)).toEqual([
      "Alpha, Matched", "Teacher, Staff",
      "Delta, Chosen", "Epsilon, Marked new", "Gamma, Searched", "Iota, Found", "Kappa, Foreign", "Omega, Open",
      "Beta, New",
      "Zeta, Archived",
    ]);
    const byLabel = new Map(all.rows.map((r) => [r.label, r]));
    expect(byLabel.get("Delta, Chosen")!.options).toEqual([alsoOption, option]);
    expect(byLabel.get("Gamma, Searched")!.options).toEqual([option, { personId: searched.id, label: "Searched, Old (OS)", rule: "found by search" }]);
    expect(byLabel.get("Iota, Found")!.options).toEqual([{ personId: found.id, label: "Found, Old", rule: "found by search" }]);
    // Everything the page shows of a row.
    expect(byLabel.get("Alpha, Matched")).toEqual({
      id: alpha.id, entity: "student", label: "Alpha, Matched", outcome: "MATCHED", rule: "UPN", reason: "Same UPN", personId: proposed.id, options: [], resolution: null, resolvedBy: null,
    });
    expect(byLabel.get("Zeta, Archived")).toMatchObject({ outcome: "ARCHIVE", personId: proposed.id, rule: null, reason: "Not found in the new MIS" });
    expect(byLabel.get("Epsilon, Marked new")!.options).toEqual([option]);
    // Another school's person is never named.
    expect(byLabel.get("Kappa, Foreign")!.options).toEqual([]);
    expect(byLabel.get("Omega, Open")!).toMatchObject({ options: [], resolution: null });
    expect(byLabel.get("Gamma, Searched")!).toMatchObject({ resolution: searched.id, resolvedBy: "Admin", entity: "student", outcome: "REVIEW" });

    expect((await list({ outcome: "REVIEW" })).rows.map((r) => r.label)).toEqual(["Delta, Chosen", "Epsilon, Marked new", "Gamma, Searched", "Iota, Found", "Kappa, Foreign", "Omega, Open"]);
    expect(await list({ entity: "employee" })).toMatchObject({ total: 1, rows: [{ label: "Teacher, Staff" }] });
    expect(await list({ search: "ALPHA" })).toMatchObject({ total: 1, rows: [{ label: "Alpha, Matched" }] });
    const page2 = await list({ outcome: "REVIEW", page: 2, pageSize: 2 });
    expect(page2.total).toBe(6);
    expect(page2.rows.map((r) => r.label)).toEqual(["Gamma, Searched", "Iota, Found"]);

    // Two records of the same name and outcome keep one order (by id), so pages never repeat one.
    for (const id of ["same-3", "same-1", "same-2"]) await candidate("Same, Name", "NEW", { id });
    expect((await list({ search: "Same, Name" })).rows.map((r) => r.id)).toEqual(["same-1", "same-2", "same-3"]);

    // Another school asking for this migration sees nothing.
    expect(await migrationCandidates(db, other.id, { migrationId: migration.id, page: 1, pageSize: 50 })).toEqual({ rows: [], total: 0 });
  });
});
