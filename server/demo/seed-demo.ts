// The demo trust, school and admin for development and the e2e tests.
// Safe to run repeatedly: it only creates what is missing.
import { randomBytes } from "node:crypto";
import type { Db } from "../db";
import { hashPassword } from "../auth/password";
import { recordActivity } from "../activity/record";
import { encryptSecret } from "../crypto";

/** The emulator's demo school (emulator/schools.ts OAKFIELD_ID) and its no-configuration token. */
export const DEMO_WONDE_SCHOOL_ID = "A1930499544";
export const DEMO_WONDE_TOKEN = "demo";

export const DEMO_ADMIN_EMAIL = "admin@oakfield.example";
export const DEMO_SCHOOL_NAME = "Oakfield Primary School";
const DEMO_YEAR_GROUPS = ["R", "1", "2", "3", "4", "5", "6"];

/** A few launcher tiles (Settings → Apps), so My apps has something on it for staff and pupils. */
const DEMO_TILES = [
  { name: "Staff Handbook", url: "https://handbook.oakfield.example/", icon: "📘", forStaff: true, forPupils: false },
  { name: "Times Tables", url: "https://timestables.oakfield.example/", icon: "✖️", forStaff: true, forPupils: true, yearGroups: ["3", "4", "5", "6"] },
  { name: "Phonics Play", url: "https://phonics.oakfield.example/", icon: "🔤", forStaff: true, forPupils: true, yearGroups: ["R", "1", "2"] },
  { name: "Reading Library", url: "https://library.oakfield.example/", icon: "📚", forStaff: true, forPupils: true },
];

/**
 * Creates the demo trust, school (connected to the emulated Wonde school, so
 * "Sync Data" works out of the box) and admin.
 */
export async function seedDemo(db: Db, password = process.env.DEMO_ADMIN_PASSWORD) {
  const existing = await db.user.findUnique({ where: { email: DEMO_ADMIN_EMAIL }, select: { id: true } });
  if (existing) return null;
  const adminPassword = password ?? `oakfield-${randomBytes(6).toString("base64url")}`;
  await db.$transaction(async (tx) => {
    const trust = await tx.trust.create({ data: { name: "Oak Learning Trust" } });
    const school = await tx.school.create({
      data: { name: DEMO_SCHOOL_NAME, trustId: trust.id, wondeId: DEMO_WONDE_SCHOOL_ID, wondeTokenEnc: encryptSecret(DEMO_WONDE_TOKEN) },
    });
    const admin = await tx.user.create({
      data: {
        email: DEMO_ADMIN_EMAIL,
        name: "Demo Admin",
        passwordHash: await hashPassword(adminPassword),
        memberships: { create: { schoolId: school.id, role: "SCHOOL_ADMIN" } },
      },
    });
    await recordActivity({ schoolId: school.id, actor: { system: "Seed" }, action: "Account Created", subject: { type: "User", id: admin.id, label: admin.email } }, tx);
    // Pupil sign-in is off on a new school; the demo shows it on, every method in every year group.
    await tx.pupilSignInYearGroup.createMany({ data: DEMO_YEAR_GROUPS.map((ncYear) => ({ schoolId: school.id, ncYear, methods: ["PASSWORD", "PICTURE", "BADGE"] })) });
    await tx.launcherApp.createMany({ data: DEMO_TILES.map((tile) => ({ ...tile, schoolId: school.id })) });
  });
  return { email: DEMO_ADMIN_EMAIL, password: adminPassword };
}

