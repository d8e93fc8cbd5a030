// What a Google/Microsoft sign-in leaves behind: the "Sign-in Refused" line (where, about whom,
// why), the refused identity kept for User Matching, and the "Signed In" line at each school
// (written for the auth-sso mutation part; see tests/MUTANTS.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { decideSsoSignIn, logSsoSignIn } from "@/server/auth/sso";
import { provisionStaffAccounts } from "@/server/users/provision";
import { createSchool } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";

const tag = `${process.pid}`;
let n = 0;
const identity = (email: string | null, over: Partial<{ provider: string; sub: string; verified: boolean; name: string | null }> = {}) => ({
  provider: over.provider ?? "google",
  providerAccountId: over.sub ?? `log-${tag}-${++n}`,
  email,
  emailVerified: over.verified ?? true,
  name: over.name === undefined ? "Someone" : over.name,
});

describe("sign-in decisions in the activity log", () => {
  let schoolId: string;
  const domain = `log-${tag}.example`;
  async function staffWithAccount(email: string, school = schoolId) {
    const person = await createStaffPerson(db, school, { email });
    await db.$transaction((tx) => provisionStaffAccounts(tx, school, [person.id]));
    return { person, user: await db.user.findUniqueOrThrow({ where: { personId: person.id } }) };
  }
  const refusals = (where: object) => db.activityEvent.findMany({ where: { action: "Sign-in Refused", ...where }, orderBy: [{ at: "asc" }, { id: "asc" }] });

  beforeAll(async () => {
    schoolId = (await db.school.create({ data: { name: `Log School ${tag}`, ssoDomains: [domain] } })).id;
  });
  afterAll(() => db.$disconnect());

  it("logs a disabled account's refusal at each of its schools, about the account", async () => {
    const second = (await createSchool(db)).id;
    const { user, person } = await staffWithAccount(`leaver@${domain}`);
    await db.schoolMembership.create({ data: { userId: user.id, schoolId: second, role: "STAFF" } });
    const sub = `g-leaver-${tag}`;
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "google", providerAccountId: sub } });
    await db.person.update({ where: { id: person.id }, data: { archivedAt: new Date() } });
    expect(await decideSsoSignIn(db, identity(`Leaver.Alias@${domain}`, { sub }))).toEqual({ ok: false, reason: "account disabled" });
    const events = await refusals({ subjectId: user.id });
    expect(events.map((e) => e.schoolId).sort()).toEqual([schoolId, second].sort());
    for (const e of events) {
      expect(e).toMatchObject({ actorLabel: "Sign-in", subjectType: "User", subjectLabel: `leaver@${domain}` });
      expect(e.details).toEqual({ method: "Google", identityEmail: `Leaver.Alias@${domain}`, reason: "account disabled" });
    }
  });

  it("logs an unknown identity at the schools that claimed its domain, or nowhere in particular, and keeps it for matching", async () => {
    const email = `Nobody@${domain}`;
    const first = identity(email, { provider: "microsoft-entra-id", verified: false, name: "First Name" });
    expect(await decideSsoSignIn(db, first)).toEqual({ ok: false, reason: "not linked to anyone" });
    const [event] = await refusals({ subjectLabel: email });
    expect(event).toMatchObject({ schoolId, subjectType: "Identity", subjectId: null, details: { method: "Microsoft", identityEmail: email, reason: "not linked to anyone" } });
    const key = { provider_providerAccountId: { provider: first.provider, providerAccountId: first.providerAccountId } };
    const kept = await db.unmatchedIdentity.findUniqueOrThrow({ where: key });
    expect(kept).toMatchObject({ email: `nobody@${domain}`, emailVerified: false, name: "First Name", attempts: 1 });

    // The same identity again: counted, and its latest claims kept.
    await decideSsoSignIn(db, { ...first, email: `NOBODY.else@${domain}`, name: "Second Name", emailVerified: true });
    const again = await db.unmatchedIdentity.findUniqueOrThrow({ where: key });
    expect(again).toMatchObject({ email: `nobody.else@${domain}`, emailVerified: true, name: "Second Name", attempts: 2 });
    expect(again.lastSeenAt.getTime()).toBeGreaterThan(kept.lastSeenAt.getTime());
    expect(again.firstSeenAt).toEqual(kept.firstSeenAt);

    // A domain no school claims: one line with no school; no email at all: named by its provider.
    const stray = `stray@unclaimed-${tag}.example`;
    await decideSsoSignIn(db, identity(stray));
    expect((await refusals({ subjectLabel: stray })).map((e) => e.schoolId)).toEqual([null]);
    const anonymous = identity(null, { provider: "microsoft-entra-id", name: null });
    await decideSsoSignIn(db, anonymous);
    const [unnamed] = await refusals({ subjectLabel: "Microsoft identity" });
    expect(unnamed).toMatchObject({ schoolId: null, subjectType: "Identity", details: { method: "Microsoft", identityEmail: null, reason: "not linked to anyone" } });
    expect(await db.unmatchedIdentity.findUniqueOrThrow({ where: { provider_providerAccountId: { provider: anonymous.provider, providerAccountId: anonymous.providerAccountId } } })).toMatchObject({ email: null, name: null });
  });

  it("logs a Lite refusal of a matching email at the schools it matched, about the identity, and links nothing", async () => {
    const lite = await db.school.create({ data: { name: `Log Lite ${tag}`, ssoDomains: [`lite-${domain}`], liteMode: true } });
    const { user } = await staffWithAccount(`teacher@lite-${domain}`, lite.id);
    expect(await decideSsoSignIn(db, identity(`teacher@lite-${domain}`))).toEqual({ ok: false, reason: "school uses Staffroom Lite", lite: true });
    const [event] = await refusals({ subjectLabel: `teacher@lite-${domain}` });
    expect(event).toMatchObject({ schoolId: lite.id, subjectType: "Identity", details: { reason: "school uses Staffroom Lite" } });
    expect(await db.account.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.unmatchedIdentity.count({ where: { email: `teacher@lite-${domain}` } })).toBe(0);
  });

  it("links a matched identity with its email in lower case and logs where it matched", async () => {
    const { user } = await staffWithAccount(`matched@${domain}`);
    const id = identity(`Matched@${domain.toUpperCase()}`);
    expect(await decideSsoSignIn(db, id)).toEqual({ ok: true, userId: user.id, how: "matched by email" });
    const event = await db.activityEvent.findFirstOrThrow({ where: { action: "Identity Matched", subjectId: user.id } });
    expect(event).toMatchObject({ schoolId, actorLabel: "Sign-in", details: { provider: "Google", identityEmail: `Matched@${domain.toUpperCase()}`, how: "verified email at sign-in" } });
  });

  it("logs a successful sign-in once at each of the account's schools, or once without a school", async () => {
    const second = (await createSchool(db)).id;
    const { user } = await staffWithAccount(`signed.in@${domain}`);
    await db.schoolMembership.create({ data: { userId: user.id, schoolId: second, role: "STAFF" } });
    await logSsoSignIn(db, user.id, "microsoft-entra-id");
    const events = await db.activityEvent.findMany({ where: { action: "Signed In", subjectId: user.id } });
    expect(events.map((e) => e.schoolId).sort()).toEqual([schoolId, second].sort());
    for (const e of events) expect(e).toMatchObject({ actorLabel: "Sign-in", subjectType: "User", subjectLabel: `signed.in@${domain}`, details: { method: "Microsoft" } });

    const loner = await db.user.create({ data: { email: `loner-${tag}@example.org` } });
    await logSsoSignIn(db, loner.id, "google");
    expect((await db.activityEvent.findMany({ where: { action: "Signed In", subjectId: loner.id } })).map((e) => e.schoolId)).toEqual([null]);
    const before = await db.activityEvent.count({ where: { action: "Signed In" } });
    await logSsoSignIn(db, "no-such-user", "google");
    expect(await db.activityEvent.count({ where: { action: "Signed In" } })).toBe(before);
  });
});
