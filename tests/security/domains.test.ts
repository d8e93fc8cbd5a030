// Finding 4: any school could type any email domain, oakfield.sch.uk or gmail.com, then see
// Oakfield's refused sign-ins and link an Oakfield identity to one of its own people.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { decideSsoSignIn } from "@/server/auth/sso";
import { listUnmatchedIdentities, matchAllByEmail, setSsoDomains } from "@/server/matching/service";
import { provisionStaffAccounts } from "@/server/users/provision";
import { createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";

let n = 0;
const identity = (email: string) => ({ provider: "google", providerAccountId: `dom-${++n}`, email, emailVerified: true, name: "Someone" });
const unique = (label: string) => `${label}-${process.pid}-${++n}`;

async function schoolInTrust(trustId: string) {
  const school = await db.school.create({ data: { name: unique("School"), trustId } });
  const admin = await createUser(db, { schoolId: school.id, role: "SCHOOL_ADMIN" });
  return { id: school.id, actor: { userId: admin.id, label: admin.email } };
}

describe("claimed sign-in domains", () => {
  const oakDomain = `${unique("oakfield")}.sch.uk`;
  let oak: Awaited<ReturnType<typeof schoolInTrust>>;
  let other: Awaited<ReturnType<typeof schoolInTrust>>;
  let oakTrustId: string;

  beforeAll(async () => {
    oakTrustId = (await db.trust.create({ data: { name: "Oak Trust" } })).id;
    oak = await schoolInTrust(oakTrustId);
    other = await schoolInTrust((await db.trust.create({ data: { name: "Other Trust" } })).id);
    // Oakfield's MIS has staff on its domain: that is its proof.
    const head = await createStaffPerson(db, oak.id, { email: `head@${oakDomain}` });
    await db.$transaction((tx) => provisionStaffAccounts(tx, oak.id, [head.id]));
    await setSsoDomains(db, { schoolId: oak.id, actor: oak.actor, domains: [oakDomain] });
  });
  afterAll(() => db.$disconnect());

  it("refuses another trust's claim on a domain that is already claimed, even with staff on it", async () => {
    await createStaffPerson(db, other.id, { email: `impostor@${oakDomain}` });
    await expect(setSsoDomains(db, { schoolId: other.id, actor: other.actor, domains: [oakDomain] })).rejects.toThrow(/already a sign-in domain of another school or trust/);
    expect((await db.school.findUniqueOrThrow({ where: { id: other.id } })).ssoDomains).toEqual([]);
  });

  it.each(["gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.com", "icloud.com", "btinternet.com"])("never lets anyone claim %s", async (domain) => {
    await createStaffPerson(db, other.id, { email: `someone@${domain}` });
    await expect(setSsoDomains(db, { schoolId: other.id, actor: other.actor, domains: [domain] })).rejects.toThrow(/public email service/);
  });

  it("refuses a domain with no proof, and accepts one the admin's verified email is on", async () => {
    const domain = `${unique("unproven")}.org.uk`;
    await expect(setSsoDomains(db, { schoolId: other.id, actor: other.actor, domains: [domain] })).rejects.toThrow(/can't confirm/);
    await db.user.update({ where: { id: other.actor.userId }, data: { email: `admin@${domain}`, emailVerified: new Date() } });
    expect(await setSsoDomains(db, { schoolId: other.id, actor: other.actor, domains: [domain] })).toEqual({ domains: [domain] });
  });

  it("lets another school of the same trust use the trust's domain", async () => {
    const sibling = await schoolInTrust(oakTrustId);
    expect(await setSsoDomains(db, { schoolId: sibling.id, actor: sibling.actor, domains: [oakDomain] })).toEqual({ domains: [oakDomain] });
  });

  it("shows a refused sign-in only to the school that claimed its domain", async () => {
    // The other school's MIS has a person with this exact Oakfield address: still not theirs to see.
    await createStaffPerson(db, other.id, { email: `teacher@${oakDomain}` });
    await decideSsoSignIn(db, identity(`teacher@${oakDomain}`));
    expect((await listUnmatchedIdentities(db, oak.id)).map((i) => i.email)).toContain(`teacher@${oakDomain}`);
    expect((await listUnmatchedIdentities(db, other.id)).map((i) => i.email)).not.toContain(`teacher@${oakDomain}`);
    await matchAllByEmail(db, { schoolId: other.id, actor: other.actor });
    expect(await db.account.count({ where: { email: `teacher@${oakDomain}` } })).toBe(0);
  });

  it("shows nobody a refused sign-in from a public mail domain", async () => {
    await createStaffPerson(db, oak.id, { email: "oak.teacher@gmail.com" });
    await decideSsoSignIn(db, identity("oak.teacher@gmail.com"));
    expect((await listUnmatchedIdentities(db, oak.id)).map((i) => i.email)).not.toContain("oak.teacher@gmail.com");
  });
});
