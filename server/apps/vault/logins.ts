// Saved passwords on launcher tiles: a user's username and password for an app without single
// sign-on. Only their owner reaches them: every function here takes the caller's own user id,
// and nothing reads another user's rows (admins included). Revealing needs a recent
// re-authentication (reauth.ts).
import type { Db } from "../../db";
import { roleAtSchool } from "../../schools/access";
import { UserFacingError } from "../../user-facing-error";
import { audienceAt, visibleAppsWhere } from "../tiles";
import { dataKeyFor, existingDataKey, open, seal } from "./keys";
import { assertRecentlyAuthenticated } from "./reauth";

const NOT_YOURS = "That app isn't on your launcher.";

/** The app if it is on this user's launcher now (live, at a school of theirs, for their audience). */
async function appOnLauncherOf(db: Db, userId: string, appId: string) {
  const app = await db.launcherApp.findFirst({ where: { id: appId, archivedAt: null }, select: { schoolId: true } });
  const role = app && (await roleAtSchool(db, userId, app.schoolId));
  if (!app || !role) return null;
  return db.launcherApp.findFirst({ where: { id: appId, ...visibleAppsWhere(app.schoolId, await audienceAt(db, userId, app.schoolId, role)) }, select: { id: true, schoolId: true, name: true } });
}

/** Which of the user's apps at the school have a saved login (never the login itself). */
export async function savedLoginApps(db: Db, userId: string, schoolId: string) {
  return db.savedAppLogin.findMany({ where: { userId, schoolId, app: { archivedAt: null } }, select: { appId: true, updatedAt: true }, orderBy: { appId: "asc" } });
}

/** Saves (or replaces) the user's login for an app on their launcher. */
export async function saveLogin(db: Db, userId: string, appId: string, login: { username: string; password: string }): Promise<{ appId: string }> {
  const app = await appOnLauncherOf(db, userId, appId);
  if (!app) throw new UserFacingError("NOT_FOUND", NOT_YOURS);
  const key = await dataKeyFor(db, userId);
  const sealed = {
    usernameEnc: seal(key, login.username, { userId, appId, field: "username" }),
    passwordEnc: seal(key, login.password, { userId, appId, field: "password" }),
  };
  await db.savedAppLogin.upsert({ where: { userId_appId: { userId, appId } }, create: { userId, appId, schoolId: app.schoolId, ...sealed }, update: sealed });
  return { appId };
}

/** The user's own login for an app, opened, after a recent re-authentication on this browser. */
export async function revealLogin(db: Db, userId: string, sessionKey: string | null, appId: string, now = new Date()): Promise<{ username: string; password: string }> {
  await assertRecentlyAuthenticated(db, userId, sessionKey, now);
  const row = await db.savedAppLogin.findUnique({ where: { userId_appId: { userId, appId } }, select: { usernameEnc: true, passwordEnc: true } });
  const key = row && (await existingDataKey(db, userId));
  if (!row || !key || !(await appOnLauncherOf(db, userId, appId))) throw new UserFacingError("NOT_FOUND", "There is no saved password for that app.");
  return { username: open(key, row.usernameEnc, { userId, appId, field: "username" }), password: open(key, row.passwordEnc, { userId, appId, field: "password" }) };
}

export async function forgetLogin(db: Db, userId: string, appId: string): Promise<{ forgotten: boolean }> {
  const { count } = await db.savedAppLogin.deleteMany({ where: { userId, appId } });
  return { forgotten: count > 0 };
}
