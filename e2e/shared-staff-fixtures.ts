// A trust with two schools that share a member of staff under two work emails (one teacher
// number), for the Shared staff spec and the accessibility spec. The people are written here as
// the sync would have left them: each school's own record, each with its own account.
import type { Db } from "../server/db";

export const RIVERSIDE = { name: "Riverside Schools Trust", schools: ["Riverside Infant School", "Riverside Junior School"] } as const;
export const RIVERSIDE_ADMIN = { email: "data.lead@riverside-trust.example", password: "riverside-trust-e2e-1", name: "Riverside Data Lead" } as const;
export const SHARED_TEACHER = { forename: "Asha", surname: "Okonkwo-Patel", teacherNumber: "7712345", emails: ["asha.okonkwo-patel@riverside-infant.example", "a.patel@riverside-junior.example"] } as const;

export async function seedSharedStaffFixtures(db: Db) {
  // Imported here: server modules read the environment when first loaded (see auth-stand-ins.ts).
  const { hashPassword } = await import("../server/auth/password");
  const trust = await db.trust.create({ data: { name: RIVERSIDE.name } });
  await db.user.create({ data: { email: RIVERSIDE_ADMIN.email, name: RIVERSIDE_ADMIN.name, passwordHash: await hashPassword(RIVERSIDE_ADMIN.password), trustId: trust.id } });
  for (const [index, name] of RIVERSIDE.schools.entries()) {
    const school = await db.school.create({ data: { name, trustId: trust.id } });
    const email = SHARED_TEACHER.emails[index]!;
    const person = await db.person.create({
      data: { schoolId: school.id, kind: "STAFF", forename: SHARED_TEACHER.forename, surname: SHARED_TEACHER.surname, initials: "AOP", email, teacherNumber: SHARED_TEACHER.teacherNumber, jobTitle: index ? "Class teacher" : "SENCo" },
    });
    await db.user.create({ data: { email, name: `${SHARED_TEACHER.forename} ${SHARED_TEACHER.surname}`, personId: person.id, memberships: { create: { schoolId: school.id, role: "STAFF" } } } });
  }
}
