import type { Db } from "../db";
import type { Prisma, PupilSignInMethod } from "../generated/prisma/client";
import { recordActivity, type Actor } from "../activity/record";
import { endAllSessions } from "../auth/sessions";
import { logger } from "../logger";
import { requestAppLogout } from "../oidc/logout";
import { missingCredentials, newCredentials, NO_CREDENTIALS } from "./credentials";
import { newUsername } from "./secrets";
import { yearGroupMethods } from "./settings";

type Tx = Prisma.TransactionClient;
const SYNC: Actor = { system: "Sync" };
const BATCH = 200;

export type PupilAccountCounts = { created: number; restored: number; archived: number; credentialsAdded: number; failed: number };

/**
 * Gives current pupils of enabled year groups an account, and archives the accounts of leavers
 * and of year groups switched off (their credentials are cleared; the username stays theirs).
 * A step of every sync run (server/sync/run.ts) and of saving the settings; idempotent. One
 * pupil that fails is logged and skipped: it never stops the others or the sync.
 */
export async function alignPupilAccounts(db: Db, schoolId: string, actor: Actor = SYNC, now = new Date()): Promise<PupilAccountCounts> {
  const counts: PupilAccountCounts = { created: 0, restored: 0, archived: 0, credentialsAdded: 0, failed: 0 };
  const methods = await yearGroupMethods(db, schoolId);
  const years = [...methods.keys()];
  counts.archived = await archiveAccounts(db, schoolId, years, actor, now);
  // Pupil sign-in is off for every year group (most schools): no pupil needs an account.
  if (years.length === 0) return counts;

  // Current pupils without a live account, a batch at a time (credentials are hashed outside the transaction).
  for (let after = ""; ; ) {
    const pupils = await db.person.findMany({
      where: { schoolId, kind: "PUPIL", archivedAt: null, ncYear: { in: years }, id: { gt: after }, OR: [{ pupilAccount: null }, { pupilAccount: { archivedAt: { not: null } } }] },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, forename: true, surname: true, ncYear: true, pupilAccount: { select: { userId: true } } },
    });
    if (pupils.length === 0) break;
    after = pupils.at(-1)!.id;
    for (const pupil of pupils) {
      try {
        const credentials = await newCredentials(pupil.id, methods.get(pupil.ncYear!) ?? []);
        if (pupil.pupilAccount) {
          await db.$transaction(async (tx) => {
            await tx.pupilAccount.update({ where: { personId: pupil.id }, data: { ...credentials, archivedAt: null, issuedAt: now, issuedById: null } });
            await tx.user.update({ where: { id: pupil.pupilAccount!.userId }, data: { disabledAt: null } });
            await recordActivity({ schoolId, actor, action: "Pupil Account Restored", subject: { type: "Person", id: pupil.id, label: `${pupil.forename} ${pupil.surname}` } }, tx);
          });
          counts.restored++;
        } else {
          await db.$transaction((tx) => createAccount(tx, schoolId, pupil, credentials, actor, now));
          counts.created++;
        }
      } catch (error) {
        counts.failed++;
        logger.warn({ err: error, schoolId, personId: pupil.id }, "A pupil account could not be created");
        await recordActivity({ schoolId, actor, action: "Pupil Account Failed", subject: { type: "Person", id: pupil.id, label: `${pupil.forename} ${pupil.surname}` }, details: { error: error instanceof Error ? error.message : String(error) } }, db).catch(() => {});
      }
    }
  }

  counts.credentialsAdded = await addMissingCredentials(db, schoolId, methods);
  return counts;
}

async function createAccount(tx: Tx, schoolId: string, pupil: { id: string; forename: string; surname: string }, credentials: typeof NO_CREDENTIALS, actor: Actor, now: Date) {
  const username = await freeUsername(tx, schoolId, pupil.forename);
  const user = await tx.user.create({
    data: { email: null, name: `${pupil.forename} ${pupil.surname}`, personId: pupil.id, memberships: { create: { schoolId, role: "PUPIL" } } },
    select: { id: true },
  });
  await tx.pupilAccount.create({ data: { personId: pupil.id, schoolId, userId: user.id, username, ...credentials, issuedAt: now } });
  await recordActivity({ schoolId, actor, action: "Pupil Account Created", subject: { type: "Person", id: pupil.id, label: `${pupil.forename} ${pupil.surname}` }, details: { username } }, tx);
}

/** A username nobody at the school has ever had (archived accounts keep theirs). */
async function freeUsername(tx: Tx, schoolId: string, forename: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const candidate = newUsername(forename);
    if ((await tx.pupilAccount.count({ where: { schoolId, username: candidate } })) === 0) return candidate;
  }
  throw new Error("No free username after 20 attempts");
}

/** Leavers and pupils of year groups switched off: archived, credentials cleared, sessions ended. */
async function archiveAccounts(db: Db, schoolId: string, enabledYears: string[], actor: Actor, now: Date): Promise<number> {
  let archived = 0;
  for (;;) {
    const accounts = await db.pupilAccount.findMany({
      where: { schoolId, archivedAt: null, person: { OR: [{ archivedAt: { not: null } }, { ncYear: null }, { ncYear: { notIn: enabledYears } }] } },
      take: BATCH,
      select: { personId: true, userId: true, username: true, person: { select: { forename: true, surname: true, archivedAt: true } } },
    });
    if (accounts.length === 0) return archived;
    const userIds = accounts.map((a) => a.userId);
    await db.$transaction(async (tx) => {
      await tx.pupilAccount.updateMany({ where: { personId: { in: accounts.map((a) => a.personId) } }, data: { ...NO_CREDENTIALS, archivedAt: now } });
      await tx.user.updateMany({ where: { id: { in: userIds } }, data: { disabledAt: now } });
      await endAllSessions(tx, userIds);
      await tx.activityEvent.createMany({
        data: accounts.map((a) => ({
          schoolId,
          actorUserId: "userId" in actor ? actor.userId : null,
          actorLabel: "userId" in actor ? actor.label : actor.system,
          action: "Pupil Account Archived",
          subjectType: "Person",
          subjectId: a.personId,
          subjectLabel: `${a.person.forename} ${a.person.surname}`,
          details: { username: a.username, reason: a.person.archivedAt ? "left the school" : "pupil sign-in is off for their year group" },
        })),
      });
    });
    // Signed out of the school's apps too (OpenID Connect back-channel logout).
    await requestAppLogout(db, userIds);
    archived += accounts.length;
  }
}

/** A year group that gained a method: its pupils get that credential, the others stay as they are. */
async function addMissingCredentials(db: Db, schoolId: string, methods: Map<string, PupilSignInMethod[]>): Promise<number> {
  let added = 0;
  for (const [ncYear, yearMethods] of methods) {
    const lacking: Prisma.PupilAccountWhereInput[] = yearMethods.map((m) => (m === "PASSWORD" ? { passwordHash: null } : m === "PICTURE" ? { pictureHash: null } : { badgeHash: null }));
    for (;;) {
      const accounts = await db.pupilAccount.findMany({
        where: { schoolId, archivedAt: null, person: { ncYear }, OR: lacking },
        take: BATCH,
        select: { personId: true, passwordHash: true, passwordEnc: true, pictureHash: true, pictureEnc: true, badgeHash: true, badgeEnc: true },
      });
      if (accounts.length === 0) break;
      for (const account of accounts) {
        await db.pupilAccount.update({ where: { personId: account.personId }, data: await missingCredentials(account.personId, account, yearMethods) });
        added++;
      }
    }
  }
  return added;
}
