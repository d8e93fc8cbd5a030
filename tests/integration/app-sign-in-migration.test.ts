// The promise behind Staffroom as the apps' identity provider: an app sees the same user before
// and after the school moves MIS. A pupil signs in to an app (openid-client) while the school is
// on SIMS, the emulator moves the school to Arbor (every Wonde id changes), the migration is
// applied, and the app gets the same `sub` for the pupil.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OAKFIELD_ID } from "@/emulator/schools";
import { alignPupilAccounts } from "@/server/accounts/provision";
import { decryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { applyMigration } from "@/server/migrations/apply";
import { resolveCandidate } from "@/server/migrations/review";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createUser } from "../helpers/fixtures";
import { Browser, signInToApp, startProvider } from "../helpers/oidc-relying-party";
import { enableYearGroup } from "../helpers/pupils";
import { connectedSchool, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

const ADMIN = { system: "Test admin" };

describe("an app's sub through an MIS migration", () => {
  let emulator: RunningEmulator;
  let provider: Awaited<ReturnType<typeof startProvider>>;
  beforeAll(async () => {
    emulator = await startEmulator({ seed: "migration" });
    provider = await startProvider(db);
  });
  afterAll(async () => {
    await provider.close();
    await emulator.close();
    await db.$disconnect();
  });

  it("gives the app the same sub (and name) for a pupil before and after SIMS → Arbor", async () => {
    const schoolId = (await connectedSchool(db, OAKFIELD_ID)).id;
    expect((await runSync(db, emulator, schoolId)).status).toBe("SUCCEEDED");
    const pupil = await db.person.findFirstOrThrow({ where: { schoolId, kind: "PUPIL", upn: { not: null }, ncYear: { not: null } }, orderBy: { surname: "asc" } });
    await enableYearGroup(db, schoolId, pupil.ncYear!);
    await alignPupilAccounts(db, schoolId);
    const account = await db.pupilAccount.findUniqueOrThrow({ where: { personId: pupil.id } });
    const credentials = { username: account.username, password: decryptSecret(account.passwordEnc!) };

    const adminId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id;
    const redirectUri = "http://127.0.0.1:9/callback";
    const saved = await appRouter.createCaller(contextFor(db, adminId)).signInApps.save({
      schoolId,
      appId: null,
      fields: { name: "Times Tables", url: "https://tables.example/", icon: null, forStaff: false, forPupils: true, yearGroups: [], classIds: [] },
      signIn: { redirectUris: [redirectUri], postLogoutRedirectUris: [], backchannelLogoutUri: null, initiateLoginUri: null, scopes: [], pairwiseSubject: false },
    });
    const app = { clientId: saved.clientId, clientSecret: saved.clientSecret!, redirectUri };
    const before = (await signInToApp(provider.issuer, app, new Browser(provider.origin), { signIn: credentials })).claims;
    expect(before.sub).toBe(pupil.id);
    const wondeIdsBefore = await db.externalId.findMany({ where: { personId: pupil.id, supersededAt: null }, select: { externalId: true } });

    emulator.state.migrateSchool(OAKFIELD_ID, { to: "Arbor" });
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("PAUSED");
    const migration = await db.misMigration.findFirstOrThrow({ where: { schoolId }, orderBy: { detectedAt: "desc" }, include: { candidates: true } });
    for (const item of migration.candidates.filter((c) => c.outcome === "REVIEW"))
      await resolveCandidate(db, schoolId, item.id, (item.options as { personId: string }[])[0]!.personId, ADMIN);
    await applyMigration(db, schoolId, migration.id, ADMIN);
    expect((await runSync(db, emulator, schoolId, { mode: "incremental" })).status).toBe("SUCCEEDED");

    // Every Wonde id of the pupil changed; the app's sub did not.
    const wondeIdsAfter = await db.externalId.findMany({ where: { personId: pupil.id, supersededAt: null }, select: { externalId: true } });
    expect(wondeIdsAfter.length).toBeGreaterThan(0);
    expect(wondeIdsAfter.map((e) => e.externalId)).not.toEqual(expect.arrayContaining(wondeIdsBefore.map((e) => e.externalId)));
    const after = (await signInToApp(provider.issuer, app, new Browser(provider.origin), { signIn: credentials })).claims;
    expect(after.sub).toBe(before.sub);
    // The school's URN, as the sync read it from Wonde (a number in this feed), is a claim.
    expect(after.staffroom_school_urn).toBe(String(emulator.state.school(OAKFIELD_ID)!.spec.urn));
    expect(after.name).toBe(before.name);
  });
});
