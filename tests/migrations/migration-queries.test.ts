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
    await db.school.update({ where: { id: school.id }, data: { mis: "SIMS", grantedScopes: ["Student read"], autoApplyMigrations: true, plannedMigrationOn: new Date("2027-04-12T00:00:00Z") } });
    expect(await migrationOverview(db, school.id)).toEqual({
      school: { mis: "SIMS", grantedScopes: ["Student read"], autoApplyMigrations: true, plannedMigrationOn: new Date("2027-04-12T00:00:00Z") },
      migration: null,
    });

    const other = await createSchool(db);
    const newer = await db.misMigration.create({
      data: {
        schoolId: school.id, detectedBy: "webhook", fromMis: "SIMS", toMis: "Arbor", status: "PREVIEWED",
        detectedAt: new Date("2025-02-01T00:00:00Z"), migratedAt: new Date("2025-01-31T00:00:00Z"), appliedAt: null,
        summary: { pupils: { review: 2 } }, report: { verdict: "A" },
      },
    });
    // Older, and another school's newer still: neither is this page's.
    await db.misMigration.create({ data: { schoolId: school.id, detectedBy: "mis-change", status: "APPLIED", detectedAt: new Date("2024-09-01T00:00:00Z") } });
    const elsewhere = await db.misMigration.create({ data: { schoolId: other.id, detectedBy: "webhook", detectedAt: new Date("2025-03-01T00:00:00Z") } });
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
    const person = (surname: string, schoolId = school.id) => db.person.create({ data: { schoolId, kind: "PUPIL", forename: "Old", surname } });
    const proposed = await person("Proposed");
    const searched = await person("Searched");
    const foreign = await person("Foreign", other.id);
    const option = { personId: proposed.id, label: "Proposed, Old", rule: "UPN" };
    const candidate = (label: string, outcome: "MATCHED" | "REVIEW" | "NEW" | "ARCHIVE", more: { entity?: string; resolution?: string; options?: object[] } = {}) =>
      db.migrationCandidate.create({ data: { migrationId: migration.id, entity: more.entity ?? "student", label, outcome, resolution: more.resolution ?? null, options: more.options, resolvedBy: more.resolution ? "Admin" : null } });
    await candidate("Zeta, Archived", "ARCHIVE");
    await candidate("Beta, New", "NEW");
    await candidate("Alpha, Matched", "MATCHED");
    await candidate("Teacher, Staff", "MATCHED", { entity: "employee" });
    await candidate("Delta, Chosen", "REVIEW", { resolution: proposed.id, options: [option] });
    await candidate("Gamma, Searched", "REVIEW", { resolution: searched.id, options: [option] });
    await candidate("Epsilon, Marked new", "REVIEW", { resolution: "new", options: [option] });
    await candidate("Kappa, Foreign", "REVIEW", { resolution: foreign.id });
    await candidate("Omega, Open", "REVIEW");

    const list = (input: Partial<Parameters<typeof migrationCandidates>[2]> = {}) => migrationCandidates(db, school.id, { migrationId: migration.id, page: 1, pageSize: 50, ...input });
    const all = await list();
    expect(all.total).toBe(9);
    expect(all.rows.map((r) => r.label)).toEqual([
      "Alpha, Matched", "Teacher, Staff",
      "Delta, Chosen", "Epsilon, Marked new", "Gamma, Searched", "Kappa, Foreign", "Omega, Open",
      "Beta, New",
      "Zeta, Archived",
    ]);
    const byLabel = new Map(all.rows.map((r) => [r.label, r]));
    expect(byLabel.get("Delta, Chosen")!.options).toEqual([option]);
    expect(byLabel.get("Gamma, Searched")!.options).toEqual([option, { personId: searched.id, label: "Searched, Old", rule: "found by search" }]);
    expect(byLabel.get("Epsilon, Marked new")!.options).toEqual([option]);
    // Another school's person is never named.
    expect(byLabel.get("Kappa, Foreign")!.options).toEqual([]);
    expect(byLabel.get("Omega, Open")!).toMatchObject({ options: [], resolution: null });
    expect(byLabel.get("Gamma, Searched")!).toMatchObject({ resolution: searched.id, resolvedBy: "Admin", entity: "student", outcome: "REVIEW" });

    expect((await list({ outcome: "REVIEW" })).rows.map((r) => r.label)).toEqual(["Delta, Chosen", "Epsilon, Marked new", "Gamma, Searched", "Kappa, Foreign", "Omega, Open"]);
    expect(await list({ entity: "employee" })).toMatchObject({ total: 1, rows: [{ label: "Teacher, Staff" }] });
    expect(await list({ search: "ALPHA" })).toMatchObject({ total: 1, rows: [{ label: "Alpha, Matched" }] });
    const page2 = await list({ outcome: "REVIEW", page: 2, pageSize: 2 });
    expect(page2.total).toBe(5);
    expect(page2.rows.map((r) => r.label)).toEqual(["Gamma, Searched", "Kappa, Foreign"]);

    // Another school asking for this migration sees nothing.
    expect(await migrationCandidates(db, other.id, { migrationId: migration.id, page: 1, pageSize: 50 })).toEqual({ rows: [], total: 0 });
  });
});
