import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { CandidateOutcome } from "@/server/generated/prisma/client";
import { migrationDayStart, migrationReport } from "@/server/migrations/report";
import { createSchool } from "../helpers/fixtures";

// The outcome report of an applied migration, from its candidate list and the Activity log:
// the verdict (A: no pupil created as new), the counts, who was created since the migration
// day, and the to-do list in plain words.

type Item = { entity: "student" | "employee"; label: string; outcome: CandidateOutcome; resolution?: string };

async function appliedMigration(options: { items: Item[]; migratedAt: Date | null; detectedAt?: Date; appliedAt?: Date; liteMode?: boolean; grantedScopes?: string[] }) {
  const school = await createSchool(db);
  await db.school.update({ where: { id: school.id }, data: { liteMode: options.liteMode ?? false, grantedScopes: options.grantedScopes ?? [] } });
  const migration = await db.misMigration.create({
    data: { schoolId: school.id, detectedBy: "webhook", status: "APPLIED", migratedAt: options.migratedAt, detectedAt: options.detectedAt, appliedAt: options.appliedAt ?? null },
  });
  for (const item of options.items) {
    await db.migrationCandidate.create({ data: { migrationId: migration.id, entity: item.entity, label: item.label, outcome: item.outcome, resolution: item.resolution ?? null } });
  }
  return { schoolId: school.id, migration };
}

const userCreated = (schoolId: string, personId: string, label: string, at: Date, kind: "STAFF" | "PUPIL") =>
  db.activityEvent.create({ data: { schoolId, actorLabel: "Sync", action: "User Created", subjectType: "Person", subjectId: personId, subjectLabel: label, details: { kind }, at } });

describe("the migration report", () => {
  afterAll(() => db.$disconnect());

  it("scenario B: counts by outcome, names the new pupils, lists who was created since the migration day, and says what to do", async () => {
    const { schoolId, migration } = await appliedMigration({
      // 10:00 UTC on 15 June is 11:00 in London: the day starts at 23:00 UTC on the 14th.
      migratedAt: new Date("2025-06-15T10:00:00Z"),
      appliedAt: new Date("2025-06-16T09:00:00Z"),
      items: [
        { entity: "student", label: "Able, Ann", outcome: "MATCHED" },
        { entity: "student", label: "Baker, Bob", outcome: "MATCHED" },
        { entity: "student", label: "Cole, Cat", outcome: "REVIEW", resolution: "person-kept-in-review" },
        { entity: "student", label: "Wood, Wes", outcome: "REVIEW", resolution: "new" },
        { entity: "student", label: "Moss, Max", outcome: "NEW" },
        { entity: "student", label: "Open, Item", outcome: "REVIEW" },
        // Cat's old record was to be archived until she was kept in review.
        { entity: "student", label: "Cole, Cat (old)", outcome: "ARCHIVE" },
        { entity: "student", label: "Gone, Gus", outcome: "ARCHIVE" },
        { entity: "employee", label: "Staff, Sam", outcome: "MATCHED" },
        { entity: "employee", label: "Staff, New", outcome: "NEW" },
        { entity: "employee", label: "Staff, Gone", outcome: "ARCHIVE" },
      ],
    });
    expect((await migrationDayStart(db, migration)).toISOString()).toBe("2025-06-14T23:00:00.000Z");

    // Staff created when the migration was applied: one never invited, the others can sign in.
    const staff = async (label: string, at: Date, access: "none" | "password" | "token" | "sso", kind: "STAFF" | "PUPIL" = "STAFF") => {
      const person = await db.person.create({ data: { schoolId, kind: kind === "STAFF" ? "STAFF" : "PUPIL", forename: label, surname: "Person" } });
      await db.user.create({
        data: {
          email: `${label.toLowerCase()}-${schoolId}@school.example`,
          passwordHash: access === "password" ? "hash" : null,
          personLinks: { create: { schoolId, personId: person.id } },
          passwordTokens: access === "token" ? { create: { purpose: "INVITE", tokenHash: `token-${label}-${schoolId}`, expiresAt: new Date("2030-01-01") } } : undefined,
          accounts: access === "sso" ? { create: { type: "oidc", provider: "google", providerAccountId: `google-${label}-${schoolId}` } } : undefined,
        },
      });
      await userCreated(schoolId, person.id, `Person, ${label}`, at, kind);
      return person;
    };
    const applied = new Date("2025-06-16T09:00:00Z");
    await staff("Before", new Date("2025-06-14T22:59:59Z"), "none");
    const first = await staff("Uninvited", new Date("2025-06-14T23:00:00Z"), "none");
    const later = (seconds: number) => new Date(applied.getTime() + seconds * 1000);
    await staff("Password", applied, "password");
    await staff("Token", later(1), "token");
    await staff("Sso", later(2), "sso");
    const pupil = await staff("Pupil", later(3), "none", "PUPIL");
    const invitee = await staff("Invitee", later(4), "none");

    const emailChanges = [{ personId: first.id, label: "Person, Uninvited", from: "a@old.example", to: "a@new.example" }];
    const waiting = [{ userId: "u", personId: invitee.id, label: "Person, Invitee", from: "b@old.example", to: "b@new.example", takenBy: "someone" }];
    const report = await migrationReport(db, migration.id, emailChanges, waiting);
    expect(report.verdict).toBe("B");
    expect(report.verdictText).toBe("Scenario B: 2 pupils were created as new, so their credentials and sign-in links start again.");
    expect(report.counts).toEqual({
      pupils: { kept: 3, keptAutomatically: 2, keptAfterReview: 1, created: 2, archived: 1 },
      staff: { kept: 1, keptAutomatically: 1, keptAfterReview: 0, created: 1, archived: 1 },
    });
    expect(report.newPupils).toEqual(["Moss, Max", "Wood, Wes"]);
    expect(report.createdSince.map((c) => [c.label, c.kind])).toEqual([
      ["Person, Uninvited", "STAFF"],
      ["Person, Password", "STAFF"],
      ["Person, Token", "STAFF"],
      ["Person, Sso", "STAFF"],
      ["Person, Pupil", "PUPIL"],
      ["Person, Invitee", "STAFF"],
    ]);
    expect(report.createdSince[0]!.personId).toBe(first.id);
    expect(report.emailChanges).toEqual(emailChanges);
    expect(report.emailsWaiting).toEqual([{ label: "Person, Invitee", from: "b@old.example", to: "b@new.example" }]);
    expect(report.todo).toEqual([
      "Re-issue login credentials to the 2 pupils created as new: they have no password or login card yet.",
      "Re-match the Google or Microsoft sign-ins of the 2 pupils created as new on the User matching page (not needed if they only use passwords).",
      "Approve Student UPN read in the Wonde portal (MyLogin > Settings > Permissions), so pupils are matched by UPN in future syncs and migrations.",
      // Invitee was created at apply with nothing to sign in with (Uninvited was created before it).
      "1 member of staff has an account without a password or sign-in: send them an invite from the Users page.",
      "1 sign-in email could not follow the MIS because another account already uses the new address: decide on the User matching page.",
      "2 people were not found in the new MIS and archived (never deleted): check none of them should still be here.",
    ]);
    expect(pupil.kind).toBe("PUPIL");
  });

  it("scenario A, counted from the day it was noticed when Wonde gave no date; Lite mode asks only for credentials", async () => {
    const { migration } = await appliedMigration({
      migratedAt: null,
      detectedAt: new Date("2025-01-20T15:00:00Z"),
      grantedScopes: ["Student read", "student-upn-read"],
      items: [
        { entity: "student", label: "Able, Ann", outcome: "MATCHED" },
        { entity: "student", label: "Cole, Cat", outcome: "REVIEW", resolution: "kept" },
        // The record kept in review was one nobody matched automatically, so it was listed to archive.
        { entity: "student", label: "Cole, Cat (old)", outcome: "ARCHIVE" },
        { entity: "employee", label: "Staff, Sam", outcome: "REVIEW", resolution: "new" },
      ],
    });
    expect((await migrationDayStart(db, migration)).toISOString()).toBe("2025-01-20T00:00:00.000Z");
    const report = await migrationReport(db, migration.id);
    expect(report).toMatchObject({
      verdict: "A",
      verdictText: "Scenario A: no pupil was created as new. Every pupil kept their Staffroom record (1 automatically, 1 after review).",
      newPupils: [],
      createdSince: [],
      emailChanges: [],
      emailsWaiting: [],
      todo: [],
    });
    expect(report.counts.staff).toEqual({ kept: 0, keptAutomatically: 0, keptAfterReview: 0, created: 1, archived: 0 });

    const lite = await appliedMigration({
      migratedAt: new Date("2025-01-20T15:00:00Z"),
      liteMode: true,
      grantedScopes: ["Student UPN read"],
      items: [
        { entity: "student", label: "Moss, Max", outcome: "NEW" },
        { entity: "student", label: "Gone, Gus", outcome: "ARCHIVE" },
      ],
    });
    const liteReport = await migrationReport(db, lite.migration.id);
    expect(liteReport.verdictText).toBe("Scenario B: 1 pupil was created as new, so their credentials and sign-in links start again.");
    expect(liteReport.todo).toEqual([
      "Re-issue login credentials to the 1 pupil created as new: they have no password or login card yet.",
      "1 person was not found in the new MIS and archived (never deleted): check none of them should still be here.",
    ]);
  });

  it("words one new pupil, and several uninvited staff and waiting emails; asks for the UPN scope when others are granted; an unnamed creation is listed", async () => {
    const appliedAt = new Date("2025-03-11T09:00:00Z");
    const { schoolId, migration } = await appliedMigration({
      migratedAt: new Date("2025-03-10T10:00:00Z"),
      appliedAt,
      grantedScopes: ["Student read", "Employee read"],
      items: [
        { entity: "student", label: "Able, Ann", outcome: "MATCHED" },
        { entity: "student", label: "Moss, Max", outcome: "NEW" },
      ],
    });
    // Two members of staff created at apply, neither with a password, an invite or a sign-in.
    const uninvited = [];
    for (const [i, name] of ["Una", "Vic"].entries()) {
      const person = await db.person.create({ data: { schoolId, kind: "STAFF", forename: name, surname: "Person" } });
      await db.user.create({ data: { email: `${name.toLowerCase()}-${schoolId}@school.example`, personLinks: { create: { schoolId, personId: person.id } } } });
      await userCreated(schoolId, person.id, `Person, ${name}`, new Date(appliedAt.getTime() + i * 1000), "STAFF");
      uninvited.push(person);
    }
    // A creation logged without a name.
    const unnamed = await db.person.create({ data: { schoolId, kind: "PUPIL", forename: "No", surname: "Label" } });
    await db.activityEvent.create({ data: { schoolId, actorLabel: "Sync", action: "User Created", subjectType: "Person", subjectId: unnamed.id, details: { kind: "PUPIL" }, at: new Date(appliedAt.getTime() + 2000) } });
    const waiting = [
      { userId: "u1", personId: uninvited[0]!.id, label: "Person, Una", from: "u@old.example", to: "u@new.example", takenBy: "someone" },
      { userId: "u2", personId: uninvited[1]!.id, label: "Person, Vic", from: "v@old.example", to: "v@new.example", takenBy: "someone else" },
    ];

    const report = await migrationReport(db, migration.id, [], waiting);
    expect(report.verdictText).toBe("Scenario B: 1 pupil was created as new, so their credentials and sign-in links start again.");
    expect(report.createdSince).toEqual([
      { personId: uninvited[0]!.id, label: "Person, Una", kind: "STAFF" },
      { personId: uninvited[1]!.id, label: "Person, Vic", kind: "STAFF" },
      { personId: unnamed.id, label: "", kind: "PUPIL" },
    ]);
    expect(report.todo).toEqual([
      "Re-issue login credentials to the 1 pupil created as new: they have no password or login card yet.",
      "Re-match the Google or Microsoft sign-ins of the 1 pupil created as new on the User matching page (not needed if they only use passwords).",
      "Approve Student UPN read in the Wonde portal (MyLogin > Settings > Permissions), so pupils are matched by UPN in future syncs and migrations.",
      "2 members of staff have an account without a password or sign-in: send them an invite from the Users page.",
      "2 sign-in emails could not follow the MIS because another account already uses the new address: decide on the User matching page.",
    ]);
  });
});
