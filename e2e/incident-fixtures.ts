// The incident spec's teacher and the Resend webhook secret e2e/server.ts gives the app.
import type { Db } from "../server/db";

/** A member of staff (not an admin) with a password, who logs incidents. */
export const TEACHER = { email: "teacher.incidents@oakfield.example", password: "e2e-teacher-password-7", name: "Tess Teacher" };

/** Resend's webhook signing secret in the app under test (whsec_ + base64). */
export const RESEND_WEBHOOK_SECRET = `whsec_${Buffer.from("e2e-resend-webhook-secret-0123").toString("base64")}`;

export async function seedIncidentFixtures(db: Db, schoolName: string) {
  // Imported here: server modules read the environment when first loaded (see auth-stand-ins.ts).
  const { hashPassword } = await import("../server/auth/password");
  const school = await db.school.findFirstOrThrow({ where: { name: schoolName }, select: { id: true } });
  await db.user.create({
    data: { email: TEACHER.email, name: TEACHER.name, passwordHash: await hashPassword(TEACHER.password), memberships: { create: { schoolId: school.id, role: "STAFF" } } },
  });
}
