// Staffroom Lite (MyLogin Lite): a school that signs everyone in with Staffroom's own credentials.
// Google/Microsoft sign-in and User Matching are off for it; identities already linked are kept,
// unused, so turning Lite off again brings them back as they were.
import { recordActivity, type Actor } from "../activity/record";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { UserFacingError } from "../user-facing-error";
import { applySchoolSettings } from "./effective-settings";

export const LITE_REFUSAL = "User matching is switched off: this school uses Staffroom Lite, where everyone signs in with a Staffroom username and password.";

export async function isLiteSchool(db: Db, schoolId: string): Promise<boolean> {
  const school = await db.school.findUnique({ where: { id: schoolId }, select: { liteMode: true } });
  return school?.liteMode ?? false;
}

/** For User Matching's services: refused while the school is on Lite. */
export async function assertNotLite(db: Db, schoolId: string): Promise<void> {
  if (await isLiteSchool(db, schoolId)) throw new UserFacingError("FORBIDDEN", LITE_REFUSAL);
}

/**
 * Turns Lite on or off as the school's own choice (null: follows its trust's default again),
 * logged when it changes; setting it to what it already is logs nothing.
 */
export async function setLiteMode(db: Db, schoolId: string, actor: Actor, choice: boolean | null): Promise<{ liteMode: boolean }> {
  return db.$transaction(async (tx) => {
    const { before, after } = await applySchoolSettings(tx, schoolId, { liteMode: choice });
    if (before.liteMode !== after.liteMode) await recordLiteChange(tx, schoolId, actor, after.liteMode);
    return { liteMode: after.liteMode };
  });
}

/** "Lite Mode On/Off" in the school's log, with how many linked sign-ins are kept unused. */
export async function recordLiteChange(tx: Prisma.TransactionClient, schoolId: string, actor: Actor, on: boolean) {
  const school = await tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { name: true } });
  const linked = await tx.account.count({ where: { user: { memberships: { some: { schoolId } } } } });
  await recordActivity(
    { schoolId, actor, action: on ? "Lite Mode On" : "Lite Mode Off", subject: { type: "School", id: schoolId, label: school.name }, details: { linkedSignIns: linked, kept: true } },
    tx,
  );
}

/**
 * Whether a Google/Microsoft sign-in must be refused for this account: every school it belongs
 * to (its own memberships, and its trust's schools for a trust admin) is on Lite.
 */
export async function allSchoolsLite(db: Pick<Db, "school">, userId: string): Promise<boolean> {
  const where = { OR: [{ memberships: { some: { userId } } }, { trust: { users: { some: { id: userId } } } }] };
  const [schools, lite] = await Promise.all([db.school.count({ where }), db.school.count({ where: { ...where, liteMode: true } })]);
  return schools > 0 && schools === lite;
}
