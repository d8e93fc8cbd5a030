import { TRPCError } from "@trpc/server";
import type { Db } from "@/server/db";
import type { PersonKind } from "@/server/generated/prisma/client";
import { recordActivity, type Actor } from "@/server/activity/record";
import { maskedUpn } from "@/server/identity/rules";
import { searchPeople } from "@/server/people/list";
import { personLabel } from "@/server/sync/write-people";

export const KIND: Record<string, PersonKind> = { student: "PUPIL", employee: "STAFF" };
const NOUN: Record<PersonKind, string> = { PUPIL: "pupils", STAFF: "staff" };

export const actorName = (actor: Actor) => ("userId" in actor ? actor.label : actor.system);

/** The review item of this school's migration that is waiting for a decision. */
async function openReviewItem(db: Db, schoolId: string, candidateId: string) {
  const candidate = await db.migrationCandidate.findFirst({ where: { id: candidateId, migration: { schoolId } }, include: { migration: true } });
  if (!candidate || candidate.outcome !== "REVIEW") throw new TRPCError({ code: "NOT_FOUND", message: "That review item doesn't exist." });
  if (candidate.migration.status !== "PREVIEWED") throw new TRPCError({ code: "PRECONDITION_FAILED", message: "This migration is no longer waiting for review." });
  return candidate;
}

/** Old records taken in this migration (matched automatically, or chosen in review), with who took them. */
async function claims(db: Db, migrationId: string, except?: string) {
  const rows = await db.migrationCandidate.findMany({
    where: { migrationId, ...(except ? { id: { not: except } } : {}), OR: [{ outcome: "MATCHED" }, { outcome: "REVIEW", resolution: { not: null } }] },
    select: { outcome: true, personId: true, resolution: true, label: true },
  });
  return rows.flatMap((row) => {
    const personId = row.outcome === "MATCHED" ? row.personId : row.resolution;
    return personId && personId !== "new" ? [{ personId, label: row.label }] : [];
  });
}

const claimedIn = async (db: Db, migrationId: string, except?: string) => new Map((await claims(db, migrationId, except)).map((c) => [c.personId, c.label]));

/** Refuses to apply when two decisions (saved at the same moment) claim one old record. */
export async function assertClaimedOnce(db: Db, migrationId: string) {
  const seen = new Map<string, string>();
  for (const claim of await claims(db, migrationId)) {
    const other = seen.get(claim.personId);
    if (other) throw new TRPCError({ code: "CONFLICT", message: `${other} and ${claim.label} are both kept as the same old record: change one of the choices in review.` });
    seen.set(claim.personId, claim.label);
  }
}

/**
 * The admin's decision on a review item: one of the proposed people, any
 * unclaimed current record of the same kind found through the search, or a
 * new person. An old record can belong to one new record only.
 */
export async function resolveCandidate(db: Db, schoolId: string, candidateId: string, resolution: string, actor: Actor) {
  const candidate = await openReviewItem(db, schoolId, candidateId);
  const kind = KIND[candidate.entity]!;
  const proposed = ((candidate.options as { personId: string }[] | null) ?? []).some((o) => o.personId === resolution);
  if (resolution !== "new") {
    if (!proposed) {
      const person = await db.person.findFirst({ where: { id: resolution, schoolId, kind, archivedAt: null }, select: { id: true } });
      if (!person) throw new TRPCError({ code: "BAD_REQUEST", message: `That record isn't one of this school's current ${NOUN[kind]}: search again, or mark the record as new.` });
    }
    const takenBy = (await claimedIn(db, candidate.migrationId, candidateId)).get(resolution);
    if (takenBy) throw new TRPCError({ code: "CONFLICT", message: `That old record is already claimed by ${takenBy}. Each old record can be kept by one person only: choose another, or mark this record as new.` });
  }
  const by = actorName(actor);
  await db.$transaction(async (tx) => {
    await tx.migrationCandidate.update({ where: { id: candidateId }, data: { resolution, resolvedBy: by } });
    await recordActivity(
      {
        schoolId,
        actor,
        action: "Migration Review Resolved",
        subject: { type: "MigrationCandidate", id: candidateId, label: candidate.label },
        details: { resolution, rule: candidate.rule, reason: `chosen by ${by}${proposed || resolution === "new" ? "" : " (found by search)"}` },
      },
      tx,
    );
  });
}

/**
 * The search box of a review item: current records of the same kind that no
 * other item of this migration has claimed, by name or email.
 */
export async function unclaimedRecords(db: Db, schoolId: string, input: { candidateId: string; search: string; limit: number }) {
  const candidate = await openReviewItem(db, schoolId, input.candidateId);
  const claimed = await claimedIn(db, candidate.migrationId, candidate.id);
  const people = await db.person.findMany({
    where: { schoolId, kind: KIND[candidate.entity], archivedAt: null, id: { notIn: [...claimed.keys()] }, ...searchPeople(input.search) },
    orderBy: [{ surname: "asc" }, { forename: "asc" }, { id: "asc" }],
    take: input.limit,
    select: { id: true, forename: true, surname: true, initials: true, dateOfBirth: true, upn: true, email: true },
  });
  return people.map((p) => ({
    personId: p.id,
    label: personLabel(p),
    dateOfBirth: p.dateOfBirth?.toISOString().slice(0, 10) ?? null,
    hint: p.email ?? (p.upn ? `UPN ${maskedUpn(p.upn)}` : null),
  }));
}
