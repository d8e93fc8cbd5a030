import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db";
import type { PersonKind, Prisma } from "@/server/generated/prisma/client";
import { maskedUpn, proposeMatches, sharedUpns, type ExistingPerson, type IncomingRecord } from "@/server/identity/rules";
import { recordActivity } from "@/server/activity/record";
import type { WondeClient } from "@/server/wonde";
import { INCLUDES, mapEmployee, mapStudent, schoolFeed, upnSharedBy } from "@/server/sync/map";
import { insertRows } from "@/server/sync/sql";
import { personLabel } from "@/server/sync/write-people";
import { previewGroups, type GroupsSummary } from "./groups";

export type MigrationSummary = {
  pupils: KindSummary;
  staff: KindSummary;
  /** What the school should know before applying, in plain words. */
  warnings: string[];
  /** Staff kept whose work email (their sign-in) changes; `conflict`: another account already has the new one. */
  emailChanges: EmailChangePreview[];
  /** Classes and subjects: how many keep their record, and which are created or archived. */
  groups: GroupsSummary;
};
export type EmailChangePreview = { personId: string; label: string; from: string | null; to: string | null; conflict: boolean };
type KindSummary = { matched: Record<string, number>; review: number; new: number; archive: number };

const ENTITY: Record<PersonKind, "student" | "employee"> = { PUPIL: "student", STAFF: "employee" };

/** Our current people of one kind, with what the rules compare. */
async function existingPeople(db: Db, schoolId: string, kind: PersonKind): Promise<ExistingPerson[]> {
  const people = await db.person.findMany({
    where: { schoolId, kind, archivedAt: null },
    select: {
      id: true, forename: true, surname: true, initials: true, legalForename: true, legalSurname: true, dateOfBirth: true,
      upn: true, formerUpn: true, email: true, staffCode: true, teacherNumber: true,
      externalIds: { where: { source: "wonde", supersededAt: null }, select: { externalId: true } },
    },
  });
  return people.map((p) => ({ ...p, label: personLabel(p), dateOfBirth: p.dateOfBirth?.toISOString().slice(0, 10) ?? null, externalIds: p.externalIds.map((e) => e.externalId) }));
}

/**
 * The dry run: reads the new MIS's current pupils and staff from Wonde and
 * proposes, per person, who they are in Staffroom and why. Writes only the
 * migration's candidate list; people are untouched until the admin applies.
 */
export async function previewMigration(db: Db, migrationId: string, client: WondeClient) {
  const migration = await db.misMigration.findUniqueOrThrow({ where: { id: migrationId }, include: { school: true } });
  const school = migration.school;
  const wondeId = school.wondeId!;
  const scopes = await client.permissions(wondeId);
  const info = await client.school(wondeId);
  const feed = schoolFeed(info.mis, scopes, school.importPhotos);
  const upnShared = upnSharedBy(feed);

  const pupils: IncomingRecord[] = [];
  for await (const page of client.students(wondeId, { include: INCLUDES.students })) {
    for (const s of page.data) {
      const mapped = mapStudent(s, upnShared);
      pupils.push({ ...mapped, label: personLabel(mapped.fields) });
    }
  }
  const staff: IncomingRecord[] = [];
  for await (const page of client.employees(wondeId, { include: INCLUDES.employees(feed) })) {
    for (const e of page.data) {
      const mapped = mapEmployee(e, feed);
      if (mapped.current) staff.push({ ...mapped, label: personLabel(mapped.fields) });
    }
  }

  const rows: Record<string, unknown>[] = [];
  const existingStaff = await existingPeople(db, school.id, "STAFF");
  const staffById = new Map(existingStaff.map((p) => [p.id, p]));
  const emailChanges: EmailChangePreview[] = [];
  const summarise = (kind: PersonKind, incoming: IncomingRecord[], existing: ExistingPerson[]): KindSummary => {
    const { proposals, unmatched } = proposeMatches(kind, incoming, existing);
    const summary: KindSummary = { matched: {}, review: 0, new: 0, archive: unmatched.length };
    for (const record of incoming) {
      const p = proposals.get(record.externalId)!;
      const base = { id: randomUUID(), migrationId, entity: ENTITY[kind], externalId: record.externalId, misId: record.misId, upi: record.upi, label: record.label, fields: record.fields, outcome: p.outcome, reason: p.reason };
      if (p.outcome === "MATCHED") {
        summary.matched[p.rule] = (summary.matched[p.rule] ?? 0) + 1;
        if (kind === "STAFF") noteEmailChange(staffById.get(p.personId)!, record);
        rows.push({ ...base, personId: p.personId, rule: p.rule });
      } else if (p.outcome === "REVIEW") {
        summary.review++;
        rows.push({ ...base, rule: p.rule, options: p.options });
      } else {
        summary.new++;
        rows.push(base);
      }
    }
    for (const person of unmatched) {
      rows.push({ id: randomUUID(), migrationId, entity: ENTITY[kind], label: person.label, outcome: "ARCHIVE", personId: person.id, reason: "Not found in the new MIS by any rule: would be archived (never deleted)" });
    }
    return summary;
  };
  const noteEmailChange = (before: ExistingPerson, record: IncomingRecord) => {
    const to = record.fields.email ?? null;
    if ((before.email ?? null) !== to) emailChanges.push({ personId: before.id, label: record.label, from: before.email, to, conflict: false });
  };
  const groups = await previewGroups(db, school.id, client, wondeId);
  const summary: MigrationSummary = {
    pupils: summarise("PUPIL", pupils, await existingPeople(db, school.id, "PUPIL")),
    staff: summarise("STAFF", staff, existingStaff),
    warnings: [
      ...(upnShared
        ? []
        : [
            "UPN not shared: approve Student UPN read in the Wonde portal before applying. Without it, pupils can only be matched by name and date of birth, each for you to review, and pupils who can't be matched will be created as new people (their history stays with the old record).",
          ]),
      ...(groups.unread ? ["Staffroom couldn't read the new MIS's classes and subjects, so they will be re-created under their new ids and class history starts again."] : []),
      ...sharedUpns(pupils).map(
        ({ upn, labels }) =>
          `The new MIS gives ${labels.join(" and ")} the same UPN (${maskedUpn(upn)}). Choose who is who in the review below, and fix the UPN in the MIS: until then only one of them keeps it in Staffroom.`,
      ),
    ],
    emailChanges: await markEmailConflicts(db, emailChanges),
    groups: groups.summary,
  };

  await db.$transaction(
    async (tx) => {
      await tx.migrationCandidate.deleteMany({ where: { migrationId } });
      await insertRows(
        tx,
        "MigrationCandidate",
        { id: "text", migrationId: "text", entity: "text", externalId: "text", misId: "text", upi: "text", label: "text", outcome: '"CandidateOutcome"', personId: "text", rule: "text", reason: "text", options: "jsonb", fields: "jsonb" },
        rows,
      );
      await tx.misMigration.update({
        where: { id: migrationId },
        data: { status: "PREVIEWED", summary: summary as Prisma.InputJsonValue, groupMatches: groups.matches as Prisma.InputJsonValue, toMis: info.mis ?? migration.toMis },
      });
      await recordActivity(
        { schoolId: school.id, actor: { system: "Migration" }, action: "Migration Previewed", subject: { type: "MisMigration", id: migrationId, label: `${migration.fromMis ?? "?"} → ${info.mis ?? "?"}` }, details: summary as Prisma.InputJsonValue },
        tx,
      );
    },
    { timeout: 120_000 },
  );
  return summary;
}

/** A new work email that already signs in someone else can't become this person's sign-in: it goes to review. */
async function markEmailConflicts(db: Db, changes: EmailChangePreview[]) {
  const wanted = changes.flatMap((c) => (c.to ? [c.to] : []));
  if (wanted.length === 0) return changes;
  const holders = await db.user.findMany({ where: { email: { in: wanted } }, select: { email: true, personLinks: { select: { personId: true } } } });
  // The holder's people in every school: a member of staff shared with another school already signs in with it.
  const peopleOf = new Map(holders.map((h) => [h.email, h.personLinks.map((l) => l.personId)]));
  return changes.map((c) => ({ ...c, conflict: !!c.to && peopleOf.has(c.to) && !peopleOf.get(c.to)!.includes(c.personId) }));
}
