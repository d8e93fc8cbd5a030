// A school of its own for the login cards spec (not connected to Wonde, so no other spec's sync
// touches it): a teacher who teaches a class, a pupil in it with known credentials, and a tile
// for that pupil's year group. People are written here as the sync would have.
import type { Db } from "../server/db";

export const CARDS_SCHOOL = "Larch Lane Primary School";
export const CARDS_TEACHER = { email: "teacher@larchlane.example", password: "larch-lane-e2e-password-4" };
export const CARDS_PUPIL = { forename: "Lark", surname: "Cardholder", username: "lark.e2e", password: "mapleriverkite37", badgeSecret: "e2e-larch-badge-secret-with-more-than-128-bits" };
export const CARDS_CLASS = "4L Larch";
export const PUPIL_TILE = { name: "Larch Reading", url: "https://reading.larchlane.example/start" };

export async function seedLauncherFixtures(db: Db) {
  // Imported here: server modules read the environment when first loaded (see auth-stand-ins.ts).
  const { hashPassword } = await import("../server/auth/password");
  const { storedCredentials } = await import("../server/accounts/credentials");
  const school = await db.school.create({ data: { name: CARDS_SCHOOL } });
  await db.pupilSignInYearGroup.create({ data: { schoolId: school.id, ncYear: "4", methods: ["PASSWORD", "BADGE"] } });
  const teacherPerson = await db.person.create({ data: { schoolId: school.id, kind: "STAFF", forename: "Linden", surname: "Teacher", email: CARDS_TEACHER.email } });
  await db.user.create({
    data: {
      email: CARDS_TEACHER.email,
      name: "Linden Teacher",
      personId: teacherPerson.id,
      passwordHash: await hashPassword(CARDS_TEACHER.password),
      memberships: { create: { schoolId: school.id, role: "STAFF" } },
    },
  });
  const pupil = await db.person.create({ data: { schoolId: school.id, kind: "PUPIL", forename: CARDS_PUPIL.forename, surname: CARDS_PUPIL.surname, ncYear: "4" } });
  await db.class.create({ data: { schoolId: school.id, name: CARDS_CLASS, staff: { create: { personId: teacherPerson.id } }, pupils: { create: { personId: pupil.id } } } });
  const user = await db.user.create({ data: { name: `${CARDS_PUPIL.forename} ${CARDS_PUPIL.surname}`, personId: pupil.id, memberships: { create: { schoolId: school.id, role: "PUPIL" } } } });
  const credentials = await storedCredentials(pupil.id, { password: CARDS_PUPIL.password, pictures: null, badgeSecret: CARDS_PUPIL.badgeSecret });
  await db.pupilAccount.create({ data: { personId: pupil.id, schoolId: school.id, userId: user.id, username: CARDS_PUPIL.username, ...credentials, issuedAt: new Date() } });
  await db.launcherApp.create({ data: { schoolId: school.id, ...PUPIL_TILE, icon: "📖", forStaff: true, forPupils: true, yearGroups: ["4"] } });
  await db.launcherApp.create({ data: { schoolId: school.id, name: "Year 6 Revision", url: "https://revision.larchlane.example/", forStaff: false, forPupils: true, yearGroups: ["6"] } });
}
