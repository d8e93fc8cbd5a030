// Started by e2e/server.ts: local stand-ins for Google, Microsoft and Resend,
// the environment that points `next start` at them, and the staff the specs use.
import type { Db } from "../server/db";
import { hashToken } from "../server/auth/password-tokens";
import { startOidcProvider } from "../tests/helpers/oidc-provider";
import { startResendStandIn } from "../tests/helpers/resend-stand-in";
import { AUTH_ADMIN, AUTH_SCHOOL, EXPIRED_RESET_TOKEN, GOOGLE_OIDC_PORT, MICROSOFT_OIDC_PORT, RESEND_PORT, STAFF } from "./auth-fixtures";

export async function startAuthStandIns(appUrl: string) {
  const [google, microsoft, resend] = await Promise.all([startOidcProvider(GOOGLE_OIDC_PORT), startOidcProvider(MICROSOFT_OIDC_PORT), startResendStandIn(RESEND_PORT)]);
  return {
    env: {
      APP_URL: appUrl,
      AUTH_GOOGLE_ID: "e2e-google-client",
      AUTH_GOOGLE_SECRET: "e2e-google-secret",
      AUTH_GOOGLE_ISSUER: google.issuer,
      AUTH_MICROSOFT_ENTRA_ID_ID: "e2e-microsoft-client",
      AUTH_MICROSOFT_ENTRA_ID_SECRET: "e2e-microsoft-secret",
      AUTH_MICROSOFT_ENTRA_ID_ISSUER: microsoft.issuer,
      RESEND_API_KEY: "re_e2e_test_key",
      RESEND_BASE_URL: resend.url,
    },
    stop: () => Promise.all([google.stop(), microsoft.stop(), resend.stop()]),
  };
}

/** The specs' staff, written as the sync engine would (people) and its account step does (accounts). */
export async function seedAuthFixtures(db: Db) {
  // Imported here, not at the top: server modules read the environment when first loaded,
  // and e2e/server.ts sets it only after its own imports.
  const { provisionStaffAccounts } = await import("../server/users/provision");
  const { hashPassword } = await import("../server/auth/password");
  const passwordHash = await hashPassword(AUTH_ADMIN.password);
  await db.$transaction(async (tx) => {
    const school = await tx.school.create({ data: { name: AUTH_SCHOOL.name, ssoDomains: [AUTH_SCHOOL.domain] } });
    await tx.user.create({
      data: { email: AUTH_ADMIN.email, name: AUTH_ADMIN.name, passwordHash, memberships: { create: { schoolId: school.id, role: "SCHOOL_ADMIN" } } },
    });
    const people = await Promise.all(
      Object.values(STAFF).map((s) => tx.person.create({ data: { schoolId: school.id, kind: "STAFF", forename: s.forename, surname: s.surname, email: s.email, jobTitle: "Teacher" } })),
    );
    await provisionStaffAccounts(tx, school.id, people.map((p) => p.id));
    const userOf = (email: string) => tx.user.findUniqueOrThrow({ where: { email } });
    const grace = await userOf(STAFF.grace.email);
    const alan = await userOf(STAFF.alan.email);
    await tx.account.create({ data: { userId: grace.id, type: "oidc", provider: "google", providerAccountId: STAFF.grace.google, email: STAFF.grace.email } });
    await tx.account.create({ data: { userId: alan.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: STAFF.alan.microsoft, email: STAFF.alan.email } });
    const issued = new Date(Date.now() - 61 * 60_000);
    await tx.passwordToken.create({ data: { userId: alan.id, purpose: "RESET", tokenHash: hashToken(EXPIRED_RESET_TOKEN), createdAt: issued, expiresAt: new Date(issued.getTime() + 60 * 60_000) } });
  });
}
