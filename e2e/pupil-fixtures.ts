// A school of its own for the pupil sign-in specs (not connected to Wonde, so no other spec's sync
// or migration touches it): a teacher, and a pupil with known credentials in a class. People are
// written here as the sync would have (product code never writes people).
import type { Db } from "../server/db";

export const PUPIL_SCHOOL = "Hazel Grove Primary School";
export const PUPIL_TEACHER = { email: "teacher@hazelgrove.example", password: "hazel-grove-e2e-password-3" };

export const PUPIL = {
  forename: "Pip",
  surname: "Tester",
  username: "pip.e2e",
  password: "applecloudtiger42",
  /** Indexes into the picture grid, in order. */
  pictures: [0, 5, 10, 15],
  badgeSecret: "e2e-badge-secret-with-more-than-128-bits-of-text",
  className: "3P Hazel",
};

export async function seedPupilFixtures(db: Db) {
  // Imported here: server modules read the environment when first loaded (see auth-stand-ins.ts).
  const { hashPassword } = await import("../server/auth/password");
  const { storedCredentials } = await import("../server/accounts/credentials");
  const school = await db.school.create({ data: { name: PUPIL_SCHOOL } });
  await db.pupilSignInYearGroup.create({ data: { schoolId: school.id, ncYear: "3", methods: ["PASSWORD", "PICTURE", "BADGE"] } });
  await db.user.create({
    data: { email: PUPIL_TEACHER.email, name: "Hazel Teacher", passwordHash: await hashPassword(PUPIL_TEACHER.password), memberships: { create: { schoolId: school.id, role: "STAFF" } } },
  });
  const person = await db.person.create({ data: { schoolId: school.id, kind: "PUPIL", forename: PUPIL.forename, surname: PUPIL.surname, ncYear: "3" } });
  await db.class.create({ data: { schoolId: school.id, name: PUPIL.className, pupils: { create: { personId: person.id } } } });
  const user = await db.user.create({ data: { name: `${PUPIL.forename} ${PUPIL.surname}`, personId: person.id, memberships: { create: { schoolId: school.id, role: "PUPIL" } } } });
  const credentials = await storedCredentials(person.id, { password: PUPIL.password, pictures: PUPIL.pictures, badgeSecret: PUPIL.badgeSecret });
  await db.pupilAccount.create({ data: { personId: person.id, schoolId: school.id, userId: user.id, username: PUPIL.username, ...credentials, issuedAt: new Date() } });
}
