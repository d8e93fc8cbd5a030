import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { recordActivity, type Actor } from "../activity/record";
import { UserFacingError } from "../user-facing-error";
import { roleAtSchool } from "../schools/access";
import { deviceTokenHash } from "./sign-in";
import { yearGroupMethods } from "./settings";

/**
 * Sets this browser up for shared pupil sign-in (class → name → pictures) at the school: staff
 * do it once per classroom device. Returns the token for the device's cookie; only its hash is kept.
 */
export async function registerSharedDevice(db: Db, caller: { userId: string; label: string; schoolId: string }, label: string): Promise<string> {
  const role = await roleAtSchool(db, caller.userId, caller.schoolId);
  if (!role || role === "PUPIL") throw new UserFacingError("FORBIDDEN", "Only the school's staff can set up a shared device.");
  const token = randomBytes(32).toString("base64url");
  const device = await db.pupilSharedDevice.create({ data: { schoolId: caller.schoolId, tokenHash: deviceTokenHash(token), label: label.trim().slice(0, 80) || "Shared device", createdByUserId: caller.userId } });
  await recordActivity({ schoolId: caller.schoolId, actor: { userId: caller.userId, label: caller.label }, action: "Shared Device Set Up", subject: { type: "PupilSharedDevice", id: device.id, label: device.label } }, db);
  return token;
}

export async function revokeSharedDevice(db: Db, schoolId: string, actor: Actor, deviceId: string) {
  const device = await db.pupilSharedDevice.findFirst({ where: { id: deviceId, schoolId, revokedAt: null }, select: { id: true, label: true } });
  if (!device) throw new UserFacingError("NOT_FOUND", "That device isn't set up for this school.");
  await db.pupilSharedDevice.update({ where: { id: device.id }, data: { revokedAt: new Date() } });
  await recordActivity({ schoolId, actor, action: "Shared Device Removed", subject: { type: "PupilSharedDevice", id: device.id, label: device.label } }, db);
  return { ok: true as const };
}

/** What a shared device shows first: the school's classes that have pupils who sign in with pictures. */
export async function sharedDeviceClasses(db: Db, schoolId: string) {
  const pictureYears = [...(await yearGroupMethods(db, schoolId))].filter(([, m]) => m.includes("PICTURE")).map(([year]) => year);
  return db.class.findMany({
    where: { schoolId, archivedAt: null, pupils: { some: { person: { archivedAt: null, ncYear: { in: pictureYears }, pupilAccount: { archivedAt: null } } } } },
    orderBy: { name: "asc" },
    take: 300,
    select: { id: true, name: true },
  });
}

/** Then the class's names: first name and the surname's initial, nothing more on a shared screen. */
export async function sharedDevicePupils(db: Db, schoolId: string, classId: string) {
  const pictureYears = [...(await yearGroupMethods(db, schoolId))].filter(([, m]) => m.includes("PICTURE")).map(([year]) => year);
  const people = await db.person.findMany({
    where: { schoolId, archivedAt: null, ncYear: { in: pictureYears }, pupilAccount: { archivedAt: null }, classesAttended: { some: { classId, class: { schoolId } } } },
    orderBy: [{ forename: "asc" }, { surname: "asc" }],
    take: 100,
    select: { id: true, forename: true, surname: true },
  });
  return people.map((p) => ({ personId: p.id, name: `${p.forename} ${p.surname.slice(0, 1)}.` }));
}
