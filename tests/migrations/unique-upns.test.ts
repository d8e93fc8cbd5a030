import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import type { CandidateOutcome } from "@/server/generated/prisma/client";
import { uniqueUpns } from "@/server/migrations/upns";
import { createSchool } from "../helpers/fixtures";

// Where the new MIS gives one UPN to several pupils, apply gives it to one of them only:
// the pupil whose old record held it (else the first by name); the others keep their old
// record's UPN, or none. uniqueUpns works on a previewed migration's candidate list.

type Item = { label: string; upn: string | null; outcome: CandidateOutcome; personId?: string; resolution?: string; entity?: string };

async function migrationWith(items: Item[]) {
  const school = await createSchool(db);
  const migration = await db.misMigration.create({ data: { schoolId: school.id, detectedBy: "mis-change", status: "PREVIEWED" } });
  const ids: Record<string, string> = {};
  for (const item of items) {
    const candidate = await db.migrationCandidate.create({
      data: {
        migrationId: migration.id,
        entity: item.entity ?? "student",
        label: item.label,
        outcome: item.outcome,
        personId: item.personId ?? null,
        resolution: item.resolution ?? null,
        fields: { forename: item.label, surname: "Pupil", upn: item.upn },
      },
    });
    ids[item.label] = candidate.id;
  }
  return { schoolId: school.id, migrationId: migration.id, ids };
}

const pupil = (schoolId: string, surname: string, upn: string | null) => db.person.create({ data: { schoolId, kind: "PUPIL", forename: "Old", surname, upn } });

/** The overrides by label, for reading. */
async function overrides(migrationId: string, ids: Record<string, string>) {
  const byId = await uniqueUpns(db, migrationId);
  const label = new Map(Object.entries(ids).map(([l, id]) => [id, l]));
  return Object.fromEntries([...byId].map(([id, upn]) => [label.get(id), upn]));
}

describe("one UPN per pupil at apply", () => {
  afterAll(() => db.$disconnect());

  it("changes nothing when every UPN is held once", async () => {
    const { migrationId, ids } = await migrationWith([
      { label: "Ann", upn: "A000000000001", outcome: "NEW" },
      { label: "Bob", upn: "A000000000002", outcome: "NEW" },
      { label: "Cat", upn: null, outcome: "NEW" },
      { label: "Dan", upn: null, outcome: "NEW" },
    ]);
    expect(await overrides(migrationId, ids)).toEqual({});
  });

  it("leaves the UPN with the pupil whose old record held it; the other keeps their old UPN", async () => {
    const { schoolId } = await migrationWith([]);
    const holder = await pupil(schoolId, "Holder", "A000000000001");
    const copier = await pupil(schoolId, "Copier", "A000000000009");
    // "Amy" comes first by name, but Zoe's old record held the UPN. Amy was chosen in review.
    const { migrationId, ids } = await migrationWith([
      { label: "Amy", upn: "A000000000001", outcome: "REVIEW", resolution: copier.id },
      { label: "Zoe", upn: "A000000000001", outcome: "MATCHED", personId: holder.id },
    ]);
    expect(await overrides(migrationId, ids)).toEqual({ Amy: "A000000000009" });
  });

  it("gives the UPN to the first by name when no old record held it; a kept pupil keeps their old UPN, one created as new has none", async () => {
    const { schoolId } = await migrationWith([]);
    const kept = await pupil(schoolId, "Kept", "A000000000007");
    // Neither the order they were written in nor their outcomes' order is the names' order.
    const { migrationId, ids } = await migrationWith([
      { label: "Cy", upn: "A000000000002", outcome: "MATCHED", personId: kept.id },
      { label: "Bo", upn: "A000000000002", outcome: "REVIEW", resolution: "new" },
      { label: "Al", upn: "A000000000002", outcome: "NEW" },
    ]);
    expect(await overrides(migrationId, ids)).toEqual({ Bo: null, Cy: "A000000000007" });
  });

  it("gives no UPN where the old one is now another pupil's in the new MIS, or the old record had none", async () => {
    const { schoolId } = await migrationWith([]);
    const first = await pupil(schoolId, "First", "A000000000001");
    const second = await pupil(schoolId, "Second", "A000000000005");
    const third = await pupil(schoolId, "Third", null);
    const { migrationId, ids } = await migrationWith([
      { label: "Ann", upn: "A000000000001", outcome: "MATCHED", personId: first.id },
      { label: "Ben", upn: "A000000000001", outcome: "MATCHED", personId: second.id },
      { label: "Col", upn: "A000000000001", outcome: "MATCHED", personId: third.id },
      // Ben's old UPN is Eve's in the new MIS.
      { label: "Eve", upn: "A000000000005", outcome: "NEW" },
    ]);
    expect(await overrides(migrationId, ids)).toEqual({ Ben: null, Col: null });
  });

  it("leaves out pupils to be archived, staff, and other migrations", async () => {
    const { schoolId } = await migrationWith([]);
    const old = await pupil(schoolId, "Old", "A000000000001");
    const { migrationId, ids } = await migrationWith([
      { label: "Ann", upn: "A000000000001", outcome: "NEW" },
      { label: "Arc", upn: "A000000000001", outcome: "ARCHIVE", personId: old.id },
      { label: "Stf", upn: "A000000000001", outcome: "NEW", entity: "employee" },
    ]);
    await migrationWith([{ label: "Elsewhere", upn: "A000000000001", outcome: "NEW" }]);
    expect(await overrides(migrationId, ids)).toEqual({});
  });
});
