// The automatic matching rule case by case (server/matching/identities.ts): public mail
// domains, accounts without a person, staff in two schools, a leaver's old address, one school's
// "Match all", and where a link and a refusal are logged (written for the matching-identities
// mutation part; see tests/MUTANTS.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { linkIdentity, matchByEmail, schoolsForIdentityEmail } from "@/server/matching/identities";
import { provisionStaffAccounts } from "@/server/users/provision";
import { createStaffPerson } from "../helpers/people";

const tag = `${process.pid}`;
let n = 0;
const identity = (email: string | null, provider = "google") => ({ provider, providerAccountId: `mbe-${tag}-${++n}`, email, emailVerified: true, name: null });

describe("matching an identity by its verified email", () => {
  const domain = `mbe-${tag}.example`;
  let schoolA: string;
  let schoolB: string;

  async function staffWithAccount(schoolId: string, email: string) {
    const person = await createStaffPerson(db, schoolId, { email });
    await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, [person.id]));
    return { person, user: await db.user.findUniqueOrThrow({ where: { personId: person.id } }) };
  }

  beforeAll(async () => {
    schoolA = (await db.school.create({ data: { name: `MBE A ${tag}`, ssoDomains: [domain] } })).id;
    schoolB = (await db.school.create({ data: { name: `MBE B ${tag}`, ssoDomains: [domain] } })).id;
  });
  afterAll(() => db.$disconnect());

  it("never matches on a public mail domain, even one a school lists", async () => {
    const school = await db.school.create({ data: { name: `MBE Gmail ${tag}`, ssoDomains: ["gmail.com"] } });
    await staffWithAccount(school.id, `mbe.${tag}@gmail.com`);
    expect(await matchByEmail(db, identity(`mbe.${tag}@gmail.com`))).toEqual({ kind: "no match" });
    expect(await schoolsForIdentityEmail(db, `mbe.${tag}@gmail.com`)).toEqual([]);
  });

  it("matches an account that has no MIS person by its own address, trimmed and in any case, among many accounts", async () => {
    // A school of its own, whose five staff accounts were made first: the query must look for
    // the address, not take the first few accounts of the school.
    const busyDomain = `busy-${domain}`;
    const busy = (await db.school.create({ data: { name: `MBE Busy ${tag}`, ssoDomains: [busyDomain] } })).id;
    for (let i = 0; i < 5; i++) await staffWithAccount(busy, `staff${i}@${busyDomain}`);
    const admin = await db.user.create({ data: { email: `office@${busyDomain}`, memberships: { create: { schoolId: busy, role: "SCHOOL_ADMIN" } } } });
    expect(await matchByEmail(db, identity(` Office@${busyDomain.toUpperCase()} `))).toEqual({ kind: "match", userId: admin.id, schoolIds: [busy] });
  });

  it("matches an account's own address when its MIS person's address differs", async () => {
    const { user, person } = await staffWithAccount(schoolA, `account.own@${domain}`);
    await db.person.update({ where: { id: person.id }, data: { email: `person.other@${domain}` } });
    expect(await matchByEmail(db, identity(`account.own@${domain}`))).toEqual({ kind: "match", userId: user.id, schoolIds: [schoolA] });
  });

  it("matches the MIS address of either of an account's current people when the two differ", async () => {
    const { user, person } = await staffWithAccount(schoolA, `two.people@${domain}`);
    await db.person.update({ where: { id: person.id }, data: { email: `at.a@${domain}` } });
    const atB = await createStaffPerson(db, schoolB, { email: `at.b@${domain}` });
    await db.userPersonLink.create({ data: { userId: user.id, schoolId: schoolB, personId: atB.id } });
    await db.schoolMembership.create({ data: { userId: user.id, schoolId: schoolB, role: "STAFF" } });
    expect(await matchByEmail(db, identity(`at.b@${domain}`))).toMatchObject({ kind: "match", userId: user.id });
  });

  it("does not match an account whose only person is not staff", async () => {
    const user = await db.user.create({ data: { email: `not.staff@${domain}`, memberships: { create: { schoolId: schoolA, role: "STAFF" } } } });
    const pupil = await db.person.create({ data: { schoolId: schoolA, kind: "PUPIL", forename: "Pia", surname: "Pupil", email: `not.staff@${domain}` } });
    await db.userPersonLink.create({ data: { userId: user.id, schoolId: schoolA, personId: pupil.id } });
    expect(await matchByEmail(db, identity(`not.staff@${domain}`))).toEqual({ kind: "no match" });
  });

  it("matches staff in two schools at both, or at one school only when asked", async () => {
    const { user, person } = await staffWithAccount(schoolA, `shared@${domain}`);
    const second = await createStaffPerson(db, schoolB, { email: `shared@${domain}` });
    await db.userPersonLink.create({ data: { userId: user.id, schoolId: schoolB, personId: second.id } });
    await db.schoolMembership.create({ data: { userId: user.id, schoolId: schoolB, role: "STAFF" } });
    const both = await matchByEmail(db, identity(`shared@${domain}`));
    expect(both).toMatchObject({ kind: "match", userId: user.id });
    expect((both as { schoolIds: string[] }).schoolIds.sort()).toEqual([schoolA, schoolB].sort());
    expect(await matchByEmail(db, identity(`shared@${domain}`), schoolB)).toEqual({ kind: "match", userId: user.id, schoolIds: [schoolB] });
    // A school the account is not in finds nobody.
    const elsewhere = (await db.school.create({ data: { name: `MBE C ${tag}`, ssoDomains: [domain] } })).id;
    expect(await matchByEmail(db, identity(`shared@${domain}`), elsewhere)).toEqual({ kind: "no match" });
    expect(person.id).not.toBe(second.id);
  });

  it("does not match the address of a school the person has left, while they work on at another", async () => {
    const { user, person } = await staffWithAccount(schoolA, `now@${domain}`);
    const old = await createStaffPerson(db, schoolB, { email: `left.behind@${domain}`, archived: true });
    await db.userPersonLink.create({ data: { userId: user.id, schoolId: schoolB, personId: old.id } });
    await db.schoolMembership.create({ data: { userId: user.id, schoolId: schoolB, role: "STAFF" } });
    expect(await matchByEmail(db, identity(`left.behind@${domain}`))).toEqual({ kind: "no match" });
    expect(await matchByEmail(db, identity(`now@${domain}`))).toMatchObject({ kind: "match", userId: user.id });
    expect(person.id).not.toBe(old.id);
  });

  it("matches a current person's MIS address when the account's own address differs", async () => {
    const { user, person } = await staffWithAccount(schoolA, `own@${domain}`);
    await db.person.update({ where: { id: person.id }, data: { email: `MIS.Address@${domain}` } });
    expect(await matchByEmail(db, identity(`mis.address@${domain}`))).toEqual({ kind: "match", userId: user.id, schoolIds: [schoolA] });
    // Another provider's identity on the account does not stop this one.
    await db.account.create({ data: { userId: user.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: `mbe-ms-${tag}` } });
    expect(await matchByEmail(db, identity(`mis.address@${domain}`))).toMatchObject({ kind: "match" });
    expect(await matchByEmail(db, identity(`mis.address@${domain}`, "microsoft-entra-id"))).toEqual({ kind: "already has identity", userId: user.id });
  });

  it("refuses an unverified or missing email", async () => {
    await staffWithAccount(schoolA, `unverified@${domain}`);
    expect(await matchByEmail(db, { ...identity(`unverified@${domain}`), emailVerified: false })).toEqual({ kind: "no match" });
    expect(await matchByEmail(db, identity(null))).toEqual({ kind: "no match" });
    expect(await matchByEmail(db, identity("no-domain"))).toEqual({ kind: "no match" });
  });

  it("links an identity, forgets it as refused, and logs it at each school given", async () => {
    const { user } = await staffWithAccount(schoolA, `linked@${domain}`);
    const id = identity(`Linked@${domain}`, "microsoft-entra-id");
    await db.unmatchedIdentity.create({ data: { provider: id.provider, providerAccountId: id.providerAccountId, email: `linked@${domain}`, emailVerified: true } });
    const bystander = await db.unmatchedIdentity.create({ data: { provider: id.provider, providerAccountId: `${id.providerAccountId}-other`, email: `other@${domain}`, emailVerified: true } });
    const account = await db.$transaction((tx) =>
      linkIdentity(tx, { userId: user.id, identity: id, actor: { system: "Test" }, action: "Identity Matched", schoolIds: [schoolA, schoolB], how: "by test" }),
    );
    expect(await db.account.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ userId: user.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: id.providerAccountId, email: `linked@${domain}` });
    expect(await db.unmatchedIdentity.count({ where: { providerAccountId: id.providerAccountId } })).toBe(0);
    // Only that identity: another refused one still waits for a match.
    expect(await db.unmatchedIdentity.count({ where: { id: bystander.id } })).toBe(1);
    const events = await db.activityEvent.findMany({ where: { action: "Identity Matched", subjectId: user.id } });
    expect(events.map((e) => e.schoolId).sort()).toEqual([schoolA, schoolB].sort());
    for (const e of events) expect(e).toMatchObject({ actorLabel: "Test", subjectType: "User", subjectLabel: `linked@${domain}`, details: { provider: "Microsoft", identityEmail: `Linked@${domain}`, how: "by test" } });

    const noEmail = identity(null);
    const bare = await db.$transaction((tx) => linkIdentity(tx, { userId: user.id, identity: noEmail, actor: { system: "Test" }, action: "Identity Linked", schoolIds: [], how: "by test" }));
    expect((await db.account.findUniqueOrThrow({ where: { id: bare.id } })).email).toBeNull();
  });

  it("names the schools that claimed a refused identity's domain, and none without one", async () => {
    expect((await schoolsForIdentityEmail(db, ` Someone@${domain.toUpperCase()}`)).sort()).toEqual(expect.arrayContaining([schoolA, schoolB]));
    expect(await schoolsForIdentityEmail(db, null)).toEqual([]);
    expect(await schoolsForIdentityEmail(db, "no-domain")).toEqual([]);
    expect(await schoolsForIdentityEmail(db, `x@unclaimed-${tag}.example`)).toEqual([]);
  });
});
