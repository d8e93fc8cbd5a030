// Trust people for the trust spec and the accessibility spec.
import type { Db } from "../server/db";

/** The central team of a trust with no school yet: it connects the emulator's trust token (three academies, Hillcrest pending). */
export const NORTHERN_LIGHTS = { name: "Northern Lights Academy Trust", token: "trust-token" } as const;
export const NORTHERN_LIGHTS_ADMIN = { email: "data.lead@northernlights.example", password: "northern-lights-e2e-1" } as const;

/** A trust admin and a trust viewer of the demo trust (Oakfield's), for the accessibility spec's /trust stops. */
export const OAK_TRUST = { name: "Oak Learning Trust" } as const;
export const OAK_TRUST_ADMIN = { email: "central@oaklearning.example", password: "oak-trust-admin-e2e-1" } as const;
export const OAK_TRUST_VIEWER = { email: "safety@oaklearning.example", password: "oak-trust-viewer-e2e-1" } as const;

export async function seedTrustFixtures(db: Db) {
  // Imported here: server modules read the environment when first loaded (see auth-stand-ins.ts).
  const { hashPassword } = await import("../server/auth/password");
  const northernLights = await db.trust.create({ data: { name: NORTHERN_LIGHTS.name } });
  await db.user.create({ data: { email: NORTHERN_LIGHTS_ADMIN.email, name: "Northern Lights Data Lead", passwordHash: await hashPassword(NORTHERN_LIGHTS_ADMIN.password), trustId: northernLights.id } });
  const oak = await db.trust.findFirstOrThrow({ where: { name: OAK_TRUST.name } });
  await db.user.create({ data: { email: OAK_TRUST_ADMIN.email, name: "Oak Central Team", passwordHash: await hashPassword(OAK_TRUST_ADMIN.password), trustId: oak.id } });
  await db.user.create({
    data: { email: OAK_TRUST_VIEWER.email, name: "Oak Health and Safety", passwordHash: await hashPassword(OAK_TRUST_VIEWER.password), trustId: oak.id, trustRole: "TRUST_VIEWER" },
  });
}
