import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { decideSsoSignIn, identityFromProvider } from "@/server/auth/sso";
import { provisionStaffAccounts } from "@/server/users/provision";
import { createStaffPerson } from "../helpers/people";

let n = 0;
const identity = (email: string | null, opts: { provider?: string; verified?: boolean; sub?: string } = {}) => ({
  provider: opts.provider ?? "google",
  providerAccountId: opts.sub ?? `sub-${++n}`,
  email,
  emailVerified: opts.verified ?? true,
  name: "Someone",
});

describe("Google / Microsoft sign-in decisions", () => {
  let schoolId: string;
  async function staffWithAccount(email: string) {
    const person = await createStaffPerson(db, schoolId, { email });
    await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, [person.id]));
    return { person, user: await db.user.findUniqueOrThrow({ where: { personId: person.id } }) };
  }
  beforeAll(async () => {
    schoolId = (await db.school.create({ data: { name: "SSO School", ssoDomains: ["sso.example"] } })).id;
  });
  afterAll(() => db.$disconnect());

  it("lets a linked identity in", async () => {
    const { user } = await staffWithAccount("linked@sso.example");
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "google", providerAccountId: "g-linked" } });
    expect(await decideSsoSignIn(db, identity("whatever@elsewhere.example", { sub: "g-linked" }))).toEqual({ ok: true, userId: user.id, how: "linked" });
  });

  it("matches a verified email at an allowed domain automatically, case-insensitively, and links it", async () => {
    const { user } = await staffWithAccount("Auto.Match@sso.example");
    const id = identity("AUTO.MATCH@SSO.EXAMPLE", { provider: "microsoft-entra-id" });
    expect(await decideSsoSignIn(db, id)).toEqual({ ok: true, userId: user.id, how: "matched by email" });
    expect(await db.account.findUnique({ where: { provider_providerAccountId: { provider: id.provider, providerAccountId: id.providerAccountId } } })).toMatchObject({ userId: user.id, email: "auto.match@sso.example" });
    expect(await db.activityEvent.count({ where: { schoolId, action: "Identity Matched", subjectId: user.id } })).toBe(1);
    // Next time it is simply linked.
    expect(await decideSsoSignIn(db, id)).toMatchObject({ ok: true, how: "linked" });
  });

  it("lets in both of two tabs signing in with the same new identity at once, linking it once", async () => {
    const { user } = await staffWithAccount("two.tabs@sso.example");
    const id = identity("two.tabs@sso.example", { sub: "g-two-tabs" });
    // Both find the identity unlinked and match the email; the second link then hits the first's.
    const decisions = await Promise.all([decideSsoSignIn(db, id), decideSsoSignIn(db, id)]);
    expect(decisions.map((d) => d.ok && d.userId)).toEqual([user.id, user.id]);
    expect(decisions.map((d) => d.ok && d.how).sort()).toEqual(["linked", "matched by email"]);
    expect(await db.account.count({ where: { userId: user.id, provider: "google" } })).toBe(1);
  });

  it("gives up on a link that fails for another reason than a race, instead of retrying it forever", async () => {
    await staffWithAccount("oversized@sso.example");
    // A subject identifier too long for the database's index (far past OpenID Connect's 255
    // characters): the link fails every time, and the sign-in ends with that error.
    const id = identity("oversized@sso.example", { sub: randomBytes(6000).toString("base64") });
    await expect(decideSsoSignIn(db, id)).rejects.toThrow(/account\.create/);
  }, 20_000);

  it("refuses an unverified email, a domain not on the list, and an unknown address, and remembers them for the admin", async () => {
    await staffWithAccount("unverified@sso.example");
    await staffWithAccount("listed.elsewhere@other.example");
    const cases = [identity("unverified@sso.example", { verified: false }), identity("listed.elsewhere@other.example"), identity("stranger@sso.example")];
    for (const id of cases) {
      expect(await decideSsoSignIn(db, id)).toEqual({ ok: false, reason: "not linked to anyone" });
      expect(await db.unmatchedIdentity.count({ where: { providerAccountId: id.providerAccountId } })).toBe(1);
    }
    const refused = await db.activityEvent.findMany({ where: { action: "Sign-in Refused", subjectLabel: "stranger@sso.example" } });
    expect(refused.map((e) => e.schoolId)).toEqual([schoolId]);
    expect(await db.user.count({ where: { email: "stranger@sso.example" } })).toBe(0);
  });

  it("refuses when the email belongs to two accounts, or the person already has that provider", async () => {
    const a = await createStaffPerson(db, schoolId, { email: "twins@sso.example" });
    await db.user.create({ data: { email: "twins@sso.example", personId: a.id, memberships: { create: { schoolId } } } });
    const b = await createStaffPerson(db, schoolId, { email: "TWINS@sso.example" });
    await db.user.create({ data: { email: "twin.b@sso.example", personId: b.id, memberships: { create: { schoolId } } } });
    expect(await decideSsoSignIn(db, identity("twins@sso.example"))).toEqual({ ok: false, reason: "email matches more than one account" });

    const { user } = await staffWithAccount("has.google@sso.example");
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "google", providerAccountId: "g-first" } });
    expect(await decideSsoSignIn(db, identity("has.google@sso.example"))).toEqual({ ok: false, reason: "account already has another Google sign-in" });
  });

  it("refuses a linked identity whose person has left", async () => {
    const { user, person } = await staffWithAccount("leaver@sso.example");
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "google", providerAccountId: "g-leaver" } });
    await db.person.update({ where: { id: person.id }, data: { archivedAt: new Date() } });
    expect(await decideSsoSignIn(db, identity("leaver@sso.example", { sub: "g-leaver" }))).toEqual({ ok: false, reason: "account disabled" });
  });

  it("trusts Microsoft emails only from a single-tenant issuer or with xms_edov", () => {
    const account = { provider: "microsoft-entra-id", providerAccountId: "m1" };
    const profile = { sub: "m1", email: "a@sso.example", name: "A" };
    expect(identityFromProvider(account, profile, "https://login.microsoftonline.com/common/v2.0").emailVerified).toBe(false);
    expect(identityFromProvider(account, { ...profile, xms_edov: true }, "https://login.microsoftonline.com/common/v2.0").emailVerified).toBe(true);
    expect(identityFromProvider(account, profile, "https://login.microsoftonline.com/0d9e5a4b-tenant/v2.0").emailVerified).toBe(true);
    expect(identityFromProvider({ provider: "google", providerAccountId: "g" }, { ...profile, email_verified: false }).emailVerified).toBe(false);
    expect(identityFromProvider({ provider: "google", providerAccountId: "g" }, { ...profile, email_verified: true }).emailVerified).toBe(true);
  });
});
