import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { decideSsoSignIn } from "@/server/auth/sso";
import { linkIdentityToPerson, listStaffMatching, listUnmatchedIdentities, matchAllByEmail, parseDomains, setSsoDomains, unlinkIdentity } from "@/server/matching/service";
import { provisionStaffAccounts } from "@/server/users/provision";
import { createSchool, createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";

let n = 0;
const identity = (email: string, provider = "google") => ({ provider, providerAccountId: `m-${++n}`, email, emailVerified: true, name: null });

describe("User Matching", () => {
  let schoolId: string;
  let otherSchoolId: string;
  let actor: { userId: string; label: string };
  async function staff(email: string | null, names: { forename?: string; surname?: string } = {}) {
    const person = await createStaffPerson(db, schoolId, { email, ...names });
    await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, [person.id]));
    return person;
  }
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    otherSchoolId = (await createSchool(db)).id;
    const admin = await createUser(db, { schoolId, role: "SCHOOL_ADMIN" });
    actor = { userId: admin.id, label: admin.email };
  });
  afterAll(() => db.$disconnect());

  it("links a refused identity by hand, then unlinks it; both are logged", async () => {
    const person = await staff("ada@match.example", { forename: "Ada", surname: "Lovelace" });
    await setSsoDomains(db, { schoolId, actor, domains: ["match.example"] });
    // An alias nobody has: refused, then waiting for a match at this school only.
    const alias = { ...identity("a.lovelace@match.example"), name: "Ada L" };
    expect((await decideSsoSignIn(db, alias)).ok).toBe(false);
    const waiting = await listUnmatchedIdentities(db, schoolId);
    const pending = waiting.find((w) => w.email === "a.lovelace@match.example")!;
    expect(pending).toMatchObject({ providerLabel: "Google", attempts: 1 });
    expect((await listUnmatchedIdentities(db, otherSchoolId)).length).toBe(0);

    expect(await linkIdentityToPerson(db, { schoolId, actor, identityId: pending.id, personId: person.id })).toEqual({ personName: "Lovelace, Ada" });
    expect(await decideSsoSignIn(db, alias)).toMatchObject({ ok: true, how: "linked" });
    const row = (await listStaffMatching(db, schoolId, { search: "lovelace", filter: "all", page: 1, pageSize: 10 })).rows[0]!;
    expect(row.identities).toEqual([expect.objectContaining({ provider: "google", email: "a.lovelace@match.example" })]);

    // Another school's admin can't unlink it.
    await expect(unlinkIdentity(db, { schoolId: otherSchoolId, actor, accountId: row.identities[0]!.accountId })).rejects.toThrow(/not linked to anyone at this school/);
    await unlinkIdentity(db, { schoolId, actor, accountId: row.identities[0]!.accountId });
    expect((await decideSsoSignIn(db, alias)).ok).toBe(false);
    const actions = (await db.activityEvent.findMany({ where: { schoolId, subjectLabel: "ada@match.example" }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["Identity Linked", "Identity Unlinked"]));
  });

  it("refuses to give a person a second identity of one provider, or to link someone without an account", async () => {
    const person = await staff("grace@match.example");
    const noAccount = await createStaffPerson(db, schoolId, { email: null, forename: "No", surname: "Account" });
    await db.account.create({ data: { userId: (await db.user.findUniqueOrThrow({ where: { personId: person.id } })).id, type: "oidc", provider: "google", providerAccountId: `g-${person.id}` } });
    await decideSsoSignIn(db, { ...identity("g.hopper@match.example") });
    const pending = (await listUnmatchedIdentities(db, schoolId)).find((w) => w.email === "g.hopper@match.example")!;
    await expect(linkIdentityToPerson(db, { schoolId, actor, identityId: pending.id, personId: person.id })).rejects.toThrow(/already has a Google sign-in linked/);
    await expect(linkIdentityToPerson(db, { schoolId, actor, identityId: pending.id, personId: noAccount.id })).rejects.toThrow(/has no active Staffroom account yet/);
  });

  it("matches all by email: verified, exact, one person only; reports what it left", async () => {
    const school = (await createSchool(db)).id;
    const local = { ...actor };
    const one = await createStaffPerson(db, school, { email: "one@bulk.example" });
    const twinA = await createStaffPerson(db, school, { email: "shared@bulk.example" });
    const twinB = await createStaffPerson(db, school, { email: "SHARED@bulk.example" });
    const noEmail = await createStaffPerson(db, school, { email: null });
    await db.$transaction((tx) => provisionStaffAccounts(tx, school, [one.id, twinA.id, twinB.id, noEmail.id]));
    // twinB has its own account under another address, so the shared email points at two accounts.
    await db.user.create({ data: { email: "twin.b@bulk.example", personId: twinB.id, memberships: { create: { schoolId: school } } } });
    // Refused before the domain was allowed:
    for (const email of ["ONE@bulk.example", "shared@bulk.example", "nobody@bulk.example"]) await decideSsoSignIn(db, identity(email, "microsoft-entra-id"));
    await setSsoDomains(db, { schoolId: school, actor: local, domains: ["@Bulk.Example"] });

    expect(await matchAllByEmail(db, { schoolId: school, actor: local })).toEqual({ matched: 1, ambiguous: 1, unmatched: 1 });
    const listed = await listStaffMatching(db, school, { filter: "all", page: 1, pageSize: 10 });
    expect(listed.rows.find((r) => r.personId === one.id)!.identities.map((i) => i.providerLabel)).toEqual(["Microsoft"]);
    // The twins have accounts but no sign-in linked; the one without a work email has no account.
    expect(listed.counts).toEqual({ all: 4, noSso: 2, noAccount: 1, conflicts: 2 });
    const conflicts = await listStaffMatching(db, school, { filter: "conflicts", page: 1, pageSize: 10 });
    expect(conflicts.rows.map((r) => r.personId).sort()).toEqual([twinA.id, twinB.id].sort());
    expect(conflicts.rows[0]!.conflicts).toEqual(["Email shared with 1 other staff member"]);
    const noSso = await listStaffMatching(db, school, { filter: "no-sso", page: 1, pageSize: 10 });
    expect(noSso.rows.map((r) => r.personId).sort()).toEqual([twinA.id, twinB.id].sort());
    const noAccount = await listStaffMatching(db, school, { filter: "no-account", page: 1, pageSize: 10 });
    expect(noAccount.rows.map((r) => r.personId)).toEqual([noEmail.id]);
  });

  it("shows a person with two identities of one provider as a conflict", async () => {
    const person = await staff("two@match.example");
    const user = await db.user.findUniqueOrThrow({ where: { personId: person.id } });
    for (const sub of ["x1", "x2"]) await db.account.create({ data: { userId: user.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: `${sub}-${person.id}` } });
    const rows = (await listStaffMatching(db, schoolId, { filter: "conflicts", page: 1, pageSize: 50 })).rows;
    expect(rows.find((r) => r.personId === person.id)?.conflicts).toEqual(["Has more than one Microsoft sign-in linked"]);
  });

  it("cleans domain lists and names a bad entry", () => {
    expect(parseDomains([" Oakfield.SCH.uk ", "@oakfield.org", "oakfield.org", ""])).toEqual({ domains: ["oakfield.org", "oakfield.sch.uk"] });
    expect(parseDomains(["oakfield"])).toEqual({ error: '"oakfield" is not an email domain (for example oakfield.sch.uk).' });
  });
});
