// Staff who work in several schools of a trust: one account, with one person link and one
// membership per school. Each school's Person stays that school's (its MIS is the source); only
// the account is shared. Two schools' staff records are proposed as one person when they have
// the same work email or the same teacher reference number; the trust admin confirms or refuses
// on the Shared staff page. The sync links same-email records by itself (provisionStaffAccounts),
// unless the trust admin has already decided about that pair.
import type { Db } from "../db";
import type { Prisma, SharedStaffRule } from "../generated/prisma/client";
import { recordActivity, type Actor } from "../activity/record";
import { endAllSessions } from "../auth/sessions";
import { formatPersonName } from "@/lib/person-name";
import { UserFacingError } from "../user-facing-error";

type Tx = Prisma.TransactionClient;

export type SharedStaffEvidence = { email?: string; teacherNumber?: string };

const personSelect = {
  id: true,
  forename: true,
  surname: true,
  initials: true,
  jobTitle: true,
  email: true,
  teacherNumber: true,
  school: { select: { id: true, name: true } },
  userLink: { select: { user: { select: { id: true, email: true } } } },
} satisfies Prisma.PersonSelect;
type PersonRow = Prisma.PersonGetPayload<{ select: typeof personSelect }>;

export type SharedStaffSide = { personId: string; name: string; jobTitle: string | null; email: string | null; teacherNumber: string | null; schoolId: string; schoolName: string; account: string | null };

function side(p: PersonRow): SharedStaffSide {
  return {
    personId: p.id,
    name: formatPersonName(p),
    jobTitle: p.jobTitle,
    email: p.email,
    teacherNumber: p.teacherNumber,
    schoolId: p.school.id,
    schoolName: p.school.name,
    account: p.userLink?.user.email ?? null,
  };
}

/** A pair has one order (its row is unique on it): the smaller id first. */
const ordered = (x: string, y: string): [string, string] => (x < y ? [x, y] : [y, x]);
const pairKey = (x: string, y: string) => ordered(x, y).join(" ");

type Candidate = { personAId: string; personBId: string; rules: SharedStaffRule[]; evidence: SharedStaffEvidence };

/** The rule a decision is filed under: the teacher number when both matched (it needed the admin). */
const recordedRule = (candidate: Candidate): SharedStaffRule => (candidate.rules.includes("TEACHER_NUMBER") ? "TEACHER_NUMBER" : "WORK_EMAIL");

/**
 * Current staff of two different schools of the trust with the same work email or teacher
 * number. Teacher numbers are compared as given, spaces removed; emails case-insensitively.
 */
async function candidatePairs(db: Db | Tx, trustId: string, only?: [string, string]): Promise<Candidate[]> {
  const rows = await db.$queryRaw<{ a: string; b: string; rule: SharedStaffRule; value: string }[]>`
    WITH staff AS (
      SELECT p.id, p."schoolId", lower(btrim(p.email)) AS email, nullif(regexp_replace(p."teacherNumber", '\s', '', 'g'), '') AS "teacherNumber"
      FROM "Person" p JOIN "School" s ON s.id = p."schoolId"
      WHERE s."trustId" = ${trustId} AND p.kind = 'STAFF' AND p."archivedAt" IS NULL
        AND (${only?.[0] ?? null}::text IS NULL OR p.id IN (${only?.[0] ?? null}, ${only?.[1] ?? null}))
    )
    SELECT a.id AS a, b.id AS b, 'WORK_EMAIL'::"SharedStaffRule" AS rule, a.email AS value
    FROM staff a JOIN staff b ON b.email = a.email AND a.id < b.id AND a."schoolId" <> b."schoolId"
    WHERE a.email LIKE '%@%'
    UNION ALL
    SELECT a.id, b.id, 'TEACHER_NUMBER'::"SharedStaffRule", a."teacherNumber"
    FROM staff a JOIN staff b ON b."teacherNumber" = a."teacherNumber" AND a.id < b.id AND a."schoolId" <> b."schoolId"`;
  const byPair = new Map<string, Candidate>();
  for (const row of rows) {
    const key = pairKey(row.a, row.b);
    const pair = byPair.get(key) ?? { personAId: row.a, personBId: row.b, rules: [], evidence: {} };
    pair.rules.push(row.rule);
    if (row.rule === "WORK_EMAIL") pair.evidence.email = row.value;
    else pair.evidence.teacherNumber = row.value;
    byPair.set(key, pair);
  }
  return [...byPair.values()];
}

/** The Shared staff page: proposed pairs with their evidence, and the pairs linked to one account. */
export async function listSharedStaff(db: Db, trustId: string) {
  const [candidates, decided] = await Promise.all([
    candidatePairs(db, trustId),
    db.sharedStaffPair.findMany({ where: { trustId }, orderBy: { decidedAt: "desc" } }),
  ]);
  const decidedByKey = new Map(decided.map((d) => [pairKey(d.personAId, d.personBId), d]));
  const confirmedRows = decided.filter((d) => d.status === "CONFIRMED");
  const ids = new Set([...candidates.flatMap((c) => [c.personAId, c.personBId]), ...confirmedRows.flatMap((d) => [d.personAId, d.personBId])]);
  const people = new Map((await db.person.findMany({ where: { id: { in: [...ids] }, school: { trustId } }, select: personSelect })).map((p) => [p.id, p]));

  const proposed = candidates.flatMap((c) => {
    const status = decidedByKey.get(pairKey(c.personAId, c.personBId))?.status;
    const a = people.get(c.personAId);
    const b = people.get(c.personBId);
    if (!a || !b || status === "CONFIRMED" || status === "REJECTED") return [];
    // Already one account (linked before this page existed, or by hand): nothing to confirm.
    if (a.userLink && a.userLink.user.id === b.userLink?.user.id) return [];
    return [{ a: side(a), b: side(b), rules: c.rules, evidence: c.evidence, undone: status === "UNDONE" }];
  });
  const confirmed = confirmedRows.flatMap((d) => {
    const a = people.get(d.personAId);
    const b = people.get(d.personBId);
    if (!a || !b) return [];
    return [{ pairId: d.id, a: side(a), b: side(b), rules: [d.rule], evidence: d.evidence as SharedStaffEvidence, decidedBy: d.decidedByLabel, decidedAt: d.decidedAt }];
  });
  proposed.sort((x, y) => x.a.name.localeCompare(y.a.name) || x.a.schoolName.localeCompare(y.a.schoolName));
  return { proposed, confirmed };
}

async function pairPeople(tx: Tx, trustId: string, personAId: string, personBId: string) {
  const people = await tx.person.findMany({
    where: { id: { in: [personAId, personBId] }, school: { trustId } },
    select: { ...personSelect, userLink: { select: { user: { select: { id: true, email: true, createdAt: true, personId: true, disabledAt: true } } } } },
  });
  const a = people.find((p) => p.id === personAId);
  const b = people.find((p) => p.id === personBId);
  if (!a || !b) throw new UserFacingError("NOT_FOUND", "Those staff records are not in your trust any more. Refresh the page.");
  return [a, b] as const;
}

type DecisionInput = { trustId: string; actor: { userId: string; label: string }; personAId: string; personBId: string };

/** A pair to decide about: its evidence still holds, both are in the caller's trust, and it isn't confirmed yet. */
async function openProposal(tx: Tx, input: DecisionInput, confirmedMessage: string) {
  const [personAId, personBId] = ordered(input.personAId, input.personBId);
  const candidate = (await candidatePairs(tx, input.trustId, [personAId, personBId]))[0];
  if (!candidate) throw new UserFacingError("NOT_FOUND", "Those two records no longer share a work email or teacher number. Refresh the page.");
  const existing = await tx.sharedStaffPair.findUnique({ where: { personAId_personBId: { personAId, personBId } }, select: { status: true } });
  if (existing?.status === "CONFIRMED") throw new UserFacingError("CONFLICT", confirmedMessage);
  const [a, b] = await pairPeople(tx, input.trustId, personAId, personBId);
  return { personAId, personBId, candidate, rule: recordedRule(candidate), a, b };
}

/**
 * Logs one decision at both schools, each naming only its own person: a school's log never
 * shows another school's people (the evidence matched this school's record too).
 */
async function logAtBothSchools(tx: Tx, actor: Actor, action: string, people: readonly PersonRow[], details: Prisma.InputJsonObject) {
  for (const person of people) {
    await recordActivity({ schoolId: person.school.id, actor, action, subject: { type: "Person", id: person.id, label: formatPersonName(person) }, details }, tx);
  }
}

/** Gives the account a person at the person's school: the link, its primary person if it has none, and a membership. */
async function linkPerson(tx: Tx, user: { id: string; personId: string | null }, person: { id: string; schoolId: string }, role: "STAFF" | "SCHOOL_ADMIN" = "STAFF") {
  await tx.userPersonLink.create({ data: { userId: user.id, schoolId: person.schoolId, personId: person.id } });
  if (!user.personId) await tx.user.update({ where: { id: user.id }, data: { personId: person.id } });
  const membership = await tx.schoolMembership.findUnique({ where: { userId_schoolId: { userId: user.id, schoolId: person.schoolId } }, select: { role: true } });
  if (membership) return { addedMembership: false };
  await tx.schoolMembership.create({ data: { userId: user.id, schoolId: person.schoolId, role } });
  return { addedMembership: true };
}

/** Takes a person's link off an account (clearing its primary person too when it was that one). */
async function unlinkPerson(tx: Tx, userId: string, personId: string) {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { personId: true } });
  if (user.personId === personId) {
    // The trigger drops the primary person's link; another school's person becomes primary.
    await tx.user.update({ where: { id: userId }, data: { personId: null } });
    const next = await tx.userPersonLink.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { personId: true } });
    if (next) await tx.user.update({ where: { id: userId }, data: { personId: next.personId } });
  } else {
    await tx.userPersonLink.deleteMany({ where: { userId, personId } });
  }
}

/**
 * The trust admin confirms that two schools' staff records are one person: one account from
 * then on. With two accounts, the older is kept; the other's person link (and its membership
 * role) moves to it, and when that account has no other school left its Google/Microsoft
 * sign-ins move over too and it is disabled.
 */
export async function confirmSharedStaff(db: Db, input: DecisionInput) {
  return db.$transaction(async (tx) => {
    const { personAId, personBId, candidate, rule, a, b } = await openProposal(tx, input, "That pair is already confirmed. Refresh the page.");
    const userA = a.userLink?.user;
    const userB = b.userLink?.user;
    if (!userA && !userB) throw new UserFacingError("CONFLICT", "Neither of them has a Staffroom account yet. Run Sync Data at their schools first.");

    let kept = userA ?? userB!;
    let linked: typeof a | null = userA ? (userB ? null : b) : a;
    let role: "STAFF" | "SCHOOL_ADMIN" = "STAFF";
    const outcome = { mergedUserId: null as string | null, mergedDisabled: false, movedIdentityIds: [] as string[], addedMembershipSchoolId: null as string | null };
    if (userA && userB && userA.id !== userB.id) {
      const older = userA.createdAt <= userB.createdAt;
      kept = older ? userA : userB;
      const merged = older ? userB : userA;
      linked = older ? b : a;
      // The other account's place at that school (its person, its role) moves to the kept one.
      const membership = { userId_schoolId: { userId: merged.id, schoolId: linked.school.id } };
      if ((await tx.schoolMembership.findUnique({ where: membership, select: { role: true } }))?.role === "SCHOOL_ADMIN") role = "SCHOOL_ADMIN";
      await tx.schoolMembership.deleteMany({ where: { userId: merged.id, schoolId: linked.school.id, role: { in: ["STAFF", "SCHOOL_ADMIN"] } } });
      await unlinkPerson(tx, merged.id, linked.id);
      outcome.mergedUserId = merged.id;
      if ((await tx.userPersonLink.count({ where: { userId: merged.id } })) === 0) {
        const identities = await tx.account.findMany({ where: { userId: merged.id }, select: { id: true } });
        outcome.movedIdentityIds = identities.map((i) => i.id);
        await tx.account.updateMany({ where: { userId: merged.id }, data: { userId: kept.id } });
        await tx.user.update({ where: { id: merged.id }, data: { disabledAt: new Date() } });
        await endAllSessions(tx, merged.id);
        await tx.passwordToken.deleteMany({ where: { userId: merged.id, usedAt: null } });
        outcome.mergedDisabled = true;
      }
    }
    if (linked) {
      const keptUser = await tx.user.findUniqueOrThrow({ where: { id: kept.id }, select: { id: true, personId: true } });
      const { addedMembership } = await linkPerson(tx, keptUser, { id: linked.id, schoolId: linked.school.id }, role);
      if (addedMembership) outcome.addedMembershipSchoolId = linked.school.id;
    }
    const decision = { status: "CONFIRMED" as const, rule, evidence: candidate.evidence, keptUserId: kept.id, linkedPersonId: linked?.id ?? null, ...outcome, decidedById: input.actor.userId, decidedByLabel: input.actor.label, decidedAt: new Date() };
    const pair = await tx.sharedStaffPair.upsert({
      where: { personAId_personBId: { personAId, personBId } },
      create: { trustId: input.trustId, personAId, personBId, ...decision },
      update: decision,
    });
    await logAtBothSchools(tx, input.actor, "Shared Staff Confirmed", [a, b], { rule: ruleLabel(rule), ...candidate.evidence, account: kept.email });
    return { pairId: pair.id, account: kept.email };
  });
}

/** The trust admin says a proposed pair are different people: never proposed again. */
export async function rejectSharedStaff(db: Db, input: DecisionInput) {
  return db.$transaction(async (tx) => {
    const { personAId, personBId, candidate, rule, a, b } = await openProposal(tx, input, "That pair is linked to one account: undo it first.");
    if (a.userLink && a.userLink.user.id === b.userLink?.user.id) throw new UserFacingError("CONFLICT", "They already share one account. Refresh the page.");
    const decision = { status: "REJECTED" as const, rule, evidence: candidate.evidence, decidedById: input.actor.userId, decidedByLabel: input.actor.label, decidedAt: new Date() };
    await tx.sharedStaffPair.upsert({ where: { personAId_personBId: { personAId, personBId } }, create: { trustId: input.trustId, personAId, personBId, ...decision }, update: decision });
    await logAtBothSchools(tx, input.actor, "Shared Staff Rejected", [a, b], { rule: ruleLabel(rule), ...candidate.evidence });
  });
}

/**
 * Takes a confirmation back: the person linked by it leaves the kept account (with the
 * membership it was given), goes back to the account it had (re-enabled, its sign-ins back),
 * and the pair is proposed again. The sync doesn't relink it by email on its own.
 */
export async function undoSharedStaff(db: Db, input: { trustId: string; actor: { userId: string; label: string }; pairId: string }) {
  return db.$transaction(async (tx) => {
    const pair = await tx.sharedStaffPair.findFirst({ where: { id: input.pairId, trustId: input.trustId, status: "CONFIRMED" } });
    if (!pair) throw new UserFacingError("NOT_FOUND", "That pair is not confirmed any more. Refresh the page.");
    const [a, b] = await pairPeople(tx, input.trustId, pair.personAId, pair.personBId);
    if (pair.keptUserId && pair.linkedPersonId) {
      await unlinkPerson(tx, pair.keptUserId, pair.linkedPersonId);
      let role: "STAFF" | "SCHOOL_ADMIN" = "STAFF";
      if (pair.addedMembershipSchoolId) {
        const given = { userId: pair.keptUserId, schoolId: pair.addedMembershipSchoolId, role: { in: ["STAFF" as const, "SCHOOL_ADMIN" as const] } };
        if ((await tx.schoolMembership.findFirst({ where: given, select: { role: true } }))?.role === "SCHOOL_ADMIN") role = "SCHOOL_ADMIN";
        await tx.schoolMembership.deleteMany({ where: given });
      }
      // The kept account may have signed in there: that session must not keep the school.
      await endAllSessions(tx, pair.keptUserId);
      if (pair.mergedUserId) {
        const linkedPerson = pair.linkedPersonId === a.id ? a : b;
        const merged = await tx.user.findUniqueOrThrow({ where: { id: pair.mergedUserId }, select: { id: true, personId: true } });
        await linkPerson(tx, merged, { id: linkedPerson.id, schoolId: linkedPerson.school.id }, role);
        if (pair.movedIdentityIds.length) await tx.account.updateMany({ where: { id: { in: pair.movedIdentityIds }, userId: pair.keptUserId }, data: { userId: merged.id } });
        if (pair.mergedDisabled) await tx.user.update({ where: { id: merged.id }, data: { disabledAt: null } });
      }
    }
    await tx.sharedStaffPair.update({
      where: { id: pair.id },
      data: { status: "UNDONE", keptUserId: null, linkedPersonId: null, mergedUserId: null, mergedDisabled: false, movedIdentityIds: [], addedMembershipSchoolId: null, decidedById: input.actor.userId, decidedByLabel: input.actor.label, decidedAt: new Date() },
    });
    await logAtBothSchools(tx, input.actor, "Shared Staff Undone", [a, b], { rule: ruleLabel(pair.rule) });
  });
}

const ruleLabel = (rule: SharedStaffRule) => (rule === "WORK_EMAIL" ? "same work email" : "same teacher number");

/**
 * The sync's same-email rule: it has just linked `person` (at `schoolId`) to an account that is
 * a person at other schools of the same trust. Each such pair is recorded as confirmed by the
 * sync and logged at both schools, so the Shared staff page lists it and can undo it.
 */
export async function recordEmailLinks(tx: Tx, input: { userId: string; email: string; person: { id: string; schoolId: string } }) {
  const school = await tx.school.findUniqueOrThrow({ where: { id: input.person.schoolId }, select: { trustId: true } });
  if (!school.trustId) return;
  const others = await tx.userPersonLink.findMany({
    where: { userId: input.userId, personId: { not: input.person.id }, school: { trustId: school.trustId } },
    select: { person: { select: personSelect } },
  });
  const self = await tx.person.findUniqueOrThrow({ where: { id: input.person.id }, select: personSelect });
  for (const { person: other } of others) {
    const [personAId, personBId] = ordered(self.id, other.id);
    const decision = { status: "CONFIRMED" as const, rule: "WORK_EMAIL" as const, evidence: { email: input.email }, keptUserId: input.userId, linkedPersonId: self.id, decidedById: null, decidedByLabel: "Sync" };
    await tx.sharedStaffPair.upsert({ where: { personAId_personBId: { personAId, personBId } }, create: { trustId: school.trustId, personAId, personBId, ...decision }, update: decision });
    await logAtBothSchools(tx, { system: "Sync" }, "Shared Staff Linked", [self, other], { rule: ruleLabel("WORK_EMAIL"), email: input.email, account: input.email });
  }
}

/** Whether the trust admin has decided about this person being someone at another school (the sync then leaves them alone). */
export async function hasSharedStaffDecision(tx: Tx, personId: string): Promise<boolean> {
  return (await tx.sharedStaffPair.count({ where: { OR: [{ personAId: personId }, { personBId: personId }], status: { in: ["REJECTED", "UNDONE"] } } })) > 0;
}
