import { createHash } from "node:crypto";
import type { Db } from "../db";
import { recordActivity } from "../activity/record";
import { dummyPasswordHash, verifyPassword } from "../auth/password";
import { passwordMatches, pictureMatches } from "./credentials";
import { badgeHashOf, normaliseUsername, PICTURE_GRID, PICTURE_LENGTH } from "./secrets";
import { yearGroupMethods } from "./settings";
import { clearPupilFailures, reservePupilAttempt } from "./throttle";

// The three ways a pupil signs in. Each is throttled per device and per account before anything
// is checked, and answers "invalid" the same way whether or not the account exists.

export type PupilSignInResult = { ok: true; user: { id: string; name: string | null } } | { ok: false; reason: "invalid" | "locked" };
type Method = "password" | "picture" | "badge";

const accountSelect = {
  personId: true,
  schoolId: true,
  userId: true,
  username: true,
  passwordHash: true,
  pictureHash: true,
  archivedAt: true,
  user: { select: { name: true, disabledAt: true } },
  person: { select: { ncYear: true, archivedAt: true } },
} as const;

type Candidate = {
  personId: string;
  schoolId: string;
  userId: string;
  username: string;
  passwordHash: string | null;
  pictureHash: string | null;
  archivedAt: Date | null;
  user: { name: string | null; disabledAt: Date | null };
  person: { ncYear: string | null; archivedAt: Date | null };
};

/** An account that may sign in now with this method: live, and the method on for the pupil's year group. */
async function mayUse(db: Db, account: Candidate, method: "PASSWORD" | "PICTURE" | "BADGE"): Promise<boolean> {
  if (account.archivedAt || account.user.disabledAt || account.person.archivedAt) return false;
  const methods = await yearGroupMethods(db, account.schoolId);
  return methods.get(account.person.ncYear ?? "")?.includes(method) ?? false;
}

async function log(db: Db, account: Candidate | null, method: Method, action: "Signed In" | "Sign-in Failed" | "Sign-in Refused", reason?: string) {
  await recordActivity(
    {
      schoolId: account?.schoolId ?? null,
      actor: { system: "Sign-in" },
      action,
      subject: { type: "User", id: account?.userId ?? null, label: account ? `${account.user.name ?? "Pupil"} (${account.username})` : "unknown pupil" },
      details: { method: `pupil ${method}`, ...(reason ? { reason } : {}) },
    },
    db,
  );
}

async function finish(db: Db, device: string, account: Candidate, method: Method): Promise<PupilSignInResult> {
  await clearPupilFailures(db, { device, personId: account.personId });
  await log(db, account, method, "Signed In");
  return { ok: true, user: { id: account.userId, name: account.user.name } };
}

/** Username + password. Usernames are unique per school, so the password decides between schools. */
export async function checkPupilPassword(db: Db, input: { username: string; password: string; device: string }): Promise<PupilSignInResult> {
  const candidates = await db.pupilAccount.findMany({ where: { username: normaliseUsername(input.username) }, select: accountSelect, take: 5 });
  const attempt = await reservePupilAttempt(db, { device: input.device, personIds: candidates.map((c) => c.personId) });
  if (!attempt.ok) {
    await log(db, candidates[0] ?? null, "password", "Sign-in Refused", "locked after repeated failures");
    return { ok: false, reason: "locked" };
  }
  if (candidates.length === 0) await verifyPassword(await dummyPasswordHash(), input.password);
  for (const account of candidates)
    if ((await passwordMatches(account, input.password)) && (await mayUse(db, account, "PASSWORD"))) return finish(db, input.device, account, "password");
  await log(db, candidates[0] ?? null, "password", "Sign-in Failed", candidates.length ? "wrong password" : "no such username");
  return { ok: false, reason: "invalid" };
}

/** A badge's secret, from its QR code. 192 random bits: only the device is worth throttling, but the account is counted too. */
export async function checkPupilBadge(db: Db, input: { secret: string; device: string }): Promise<PupilSignInResult> {
  const account = input.secret ? await db.pupilAccount.findUnique({ where: { badgeHash: badgeHashOf(input.secret) }, select: accountSelect }) : null;
  const attempt = await reservePupilAttempt(db, { device: input.device, personIds: account ? [account.personId] : [] });
  if (!attempt.ok) {
    await log(db, account, "badge", "Sign-in Refused", "locked after repeated failures");
    return { ok: false, reason: "locked" };
  }
  if (account && (await mayUse(db, account, "BADGE"))) return finish(db, input.device, account, "badge");
  await log(db, account, "badge", "Sign-in Failed", account ? "badge not in use" : "unknown or re-issued badge");
  return { ok: false, reason: "invalid" };
}

/** SHA-256 of a shared device's cookie token, as PupilSharedDevice stores it. */
export const deviceTokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** The shared device this browser was set up as, if it still is one. */
export async function sharedDeviceFor(db: Db, token: string | undefined) {
  if (!token) return null;
  return db.pupilSharedDevice.findFirst({ where: { tokenHash: deviceTokenHash(token), revokedAt: null }, select: { id: true, schoolId: true, label: true } });
}

/**
 * Picture password on a shared device: the device (set up by staff) names the school, the pupil
 * chose their class and name, then four pictures. Without the device nothing is checked.
 */
export async function checkPupilPicture(db: Db, input: { deviceToken: string | undefined; personId: string; sequence: number[] }): Promise<PupilSignInResult> {
  const device = await sharedDeviceFor(db, input.deviceToken);
  if (!device) return { ok: false, reason: "invalid" };
  const account = await db.pupilAccount.findFirst({ where: { personId: input.personId, schoolId: device.schoolId }, select: accountSelect });
  const attempt = await reservePupilAttempt(db, { device: device.id, personIds: account ? [account.personId] : [] });
  if (!attempt.ok) {
    await log(db, account, "picture", "Sign-in Refused", "locked after repeated failures");
    return { ok: false, reason: "locked" };
  }
  const wellFormed = input.sequence.length === PICTURE_LENGTH && input.sequence.every((i) => Number.isInteger(i) && i >= 0 && i < PICTURE_GRID.length);
  if (account && wellFormed && pictureMatches(account.personId, account, input.sequence) && (await mayUse(db, account, "PICTURE"))) {
    await db.pupilSharedDevice.update({ where: { id: device.id }, data: { lastUsedAt: new Date() } });
    return finish(db, device.id, account, "picture");
  }
  await log(db, account, "picture", "Sign-in Failed", account ? "wrong pictures" : "no such pupil on this device's school");
  return { ok: false, reason: "invalid" };
}
