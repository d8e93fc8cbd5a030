// A school of its own for the app sign-in spec: its admin, and a pupil with known credentials
// (and a fixed person id, which an app signed in through Staffroom sees as `sub`). People are
// written here as the sync would have.
import type { Db } from "../server/db";

export const ROWAN_SCHOOL = "Rowan Oak Academy";
export const ROWAN_ADMIN = { email: "admin@rowanoak.example", password: "rowan-oak-e2e-password-5" };
export const ROWAN_PUPIL = { personId: "e2e-rowan-pupil-person", forename: "Rowan", surname: "Appleby", username: "rowan.e2e", password: "ashwillowfinch52" };

export async function seedAppSignInFixtures(db: Db) {
  // Imported here: server modules read the environment when first loaded (see auth-stand-ins.ts).
  const { hashPassword } = await import("../server/auth/password");
  const { storedCredentials } = await import("../server/accounts/credentials");
  const school = await db.school.create({ data: { name: ROWAN_SCHOOL } });
  await db.user.create({ data: { email: ROWAN_ADMIN.email, name: "Rowan Admin", passwordHash: await hashPassword(ROWAN_ADMIN.password), memberships: { create: { schoolId: school.id, role: "SCHOOL_ADMIN" } } } });
  await db.pupilSignInYearGroup.create({ data: { schoolId: school.id, ncYear: "5", methods: ["PASSWORD"] } });
  const pupil = await db.person.create({ data: { id: ROWAN_PUPIL.personId, schoolId: school.id, kind: "PUPIL", forename: ROWAN_PUPIL.forename, surname: ROWAN_PUPIL.surname, ncYear: "5" } });
  const user = await db.user.create({ data: { name: `${ROWAN_PUPIL.forename} ${ROWAN_PUPIL.surname}`, personId: pupil.id, memberships: { create: { schoolId: school.id, role: "PUPIL" } } } });
  const credentials = await storedCredentials(pupil.id, { password: ROWAN_PUPIL.password, pictures: null, badgeSecret: null });
  await db.pupilAccount.create({ data: { personId: pupil.id, schoolId: school.id, userId: user.id, username: ROWAN_PUPIL.username, ...credentials, issuedAt: new Date() } });
}
