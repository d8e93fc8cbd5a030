import type { Db } from "@/server/db";
import type { PupilSignInMethod } from "@/server/generated/prisma/client";
import { alignPupilAccounts } from "@/server/accounts/provision";

let counter = 0;

/** A pupil Person as the sync engine would have written it (tests only: product code never writes people). */
export async function createPupilPerson(db: Db, schoolId: string, opts: { forename?: string; surname?: string; ncYear?: string; upn?: string } = {}) {
  const n = ++counter;
  return db.person.create({
    data: { schoolId, kind: "PUPIL", forename: opts.forename ?? `Pupil${n}`, surname: opts.surname ?? `Surname${n}`, ncYear: opts.ncYear ?? "7", upn: opts.upn ?? null },
  });
}

/** Turns pupil sign-in on for a year group, as Settings → Pupil sign-in does. */
export async function enableYearGroup(db: Db, schoolId: string, ncYear = "7", methods: PupilSignInMethod[] = ["PASSWORD", "PICTURE", "BADGE"]) {
  await db.pupilSignInYearGroup.upsert({ where: { schoolId_ncYear: { schoolId, ncYear } }, create: { schoolId, ncYear, methods }, update: { methods } });
}

/** A pupil with an active account (all three methods), returning the account row. */
export async function createPupilWithAccount(db: Db, schoolId: string, opts: { forename?: string; ncYear?: string } = {}) {
  await enableYearGroup(db, schoolId, opts.ncYear ?? "7");
  const person = await createPupilPerson(db, schoolId, opts);
  await alignPupilAccounts(db, schoolId);
  return db.pupilAccount.findUniqueOrThrow({ where: { personId: person.id } });
}
