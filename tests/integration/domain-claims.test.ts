import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { claimDomains } from "@/server/matching/domains";
import { createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";

// claimDomains' proof and release rules one by one (written for the mutants that survived
// StrykerJS on server/matching/domains.ts; see tests/MUTANTS.md).

let n = 0;
const unique = (label: string) => `${label}-${process.pid}-${++n}`;
const claim = (schoolId: string, actor: Parameters<typeof claimDomains>[1]["actor"], added: string[], removed: string[] = []) =>
  db.$transaction((tx) => claimDomains(tx, { schoolId, actor, added, removed }));
const claimOf = (domain: string) => db.ssoDomainClaim.findUnique({ where: { domain } });

describe("claiming sign-in domains", () => {
  afterAll(() => db.$disconnect());

  it("takes current staff on the domain itself as proof, not staff elsewhere or archived", async () => {
    const school = await db.school.create({ data: { name: unique("School") } });
    const domain = `${unique("staffed")}.sch.uk`;
    await createStaffPerson(db, school.id, { email: `teacher@${unique("elsewhere")}.org` });
    await createStaffPerson(db, school.id, { email: `left@${domain}`, archived: true });
    await expect(claim(school.id, { system: "Test" }, [domain])).rejects.toThrow(/can't confirm/);
    await createStaffPerson(db, school.id, { email: `Head@${domain.toUpperCase()}` });
    await claim(school.id, { system: "Test" }, [domain]);
    expect(await claimOf(domain)).toMatchObject({ ownerKey: `school:${school.id}`, claimedBySchoolId: school.id, proof: "staff emails in the MIS" });
  });

  it("takes the administrator's verified email or a linked identity's email on the domain as proof, nothing else", async () => {
    const school = await db.school.create({ data: { name: unique("School") } });
    const domain = `${unique("admins")}.org.uk`;
    const unverified = await createUser(db, { schoolId: school.id, role: "SCHOOL_ADMIN", email: `${unique("admin")}@${domain}` });
    await expect(claim(school.id, { userId: unverified.id, label: "Unverified" }, [domain])).rejects.toThrow(/can't confirm/);

    const elsewhere = await db.user.create({ data: { email: `${unique("admin")}@${unique("other")}.org`, emailVerified: new Date() } });
    await expect(claim(school.id, { userId: elsewhere.id, label: "Elsewhere" }, [domain])).rejects.toThrow(/can't confirm/);

    // A Microsoft identity without an email, then a Google one on the domain.
    await db.account.create({ data: { userId: elsewhere.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: unique("ms"), email: null } });
    await db.account.create({ data: { userId: elsewhere.id, type: "oidc", provider: "google", providerAccountId: unique("g"), email: `admin@${domain}` } });
    await claim(school.id, { userId: elsewhere.id, label: "Elsewhere" }, [domain]);
    expect(await claimOf(domain)).toMatchObject({ ownerKey: `school:${school.id}`, proof: "administrator's verified email" });
  });

  it("frees a domain no school of its owner lists any more, and keeps one another school of the trust still lists", async () => {
    const trustId = (await db.trust.create({ data: { name: unique("Trust") } })).id;
    const domain = `${unique("shared")}.sch.uk`;
    const first = await db.school.create({ data: { name: unique("School"), trustId, ssoDomains: [domain] } });
    const second = await db.school.create({ data: { name: unique("School"), trustId, ssoDomains: [domain] } });
    await createStaffPerson(db, first.id, { email: `head@${domain}` });
    await claim(first.id, { system: "Test" }, [domain]);

    await claim(first.id, { system: "Test" }, [], [domain]);
    expect(await claimOf(domain)).toMatchObject({ ownerKey: trustId });

    await db.school.update({ where: { id: second.id }, data: { ssoDomains: [] } });
    await claim(first.id, { system: "Test" }, [], [domain]);
    expect(await claimOf(domain)).toBeNull();

    // A school outside a trust frees its own claim, and only its own.
    const alone = await db.school.create({ data: { name: unique("School") } });
    const other = `${unique("other")}.sch.uk`;
    await db.ssoDomainClaim.create({ data: { domain: other, ownerKey: "someone-else", claimedBySchoolId: first.id, proof: "staff emails in the MIS" } });
    await claim(alone.id, { system: "Test" }, [], [other]);
    expect(await claimOf(other)).toMatchObject({ ownerKey: "someone-else" });
  });

  it("of two claims racing for one domain, a school of the same owner shares it and another owner's is refused", async () => {
    for (const sameOwner of [true, false]) {
      const trustId = (await db.trust.create({ data: { name: unique("Trust") } })).id;
      const domain = `${unique("race")}.sch.uk`;
      const school = await db.school.create({ data: { name: unique("School"), trustId } });
      await createStaffPerson(db, school.id, { email: `head@${domain}` });
      // The rival's claim is inserted but not committed when ours looks, so ours reaches the INSERT and waits on it.
      let commitRival!: () => void;
      const rivalMayCommit = new Promise<void>((resolve) => (commitRival = resolve));
      let rivalInserted!: () => void;
      const inserted = new Promise<void>((resolve) => (rivalInserted = resolve));
      const rival = db.$transaction(
        async (tx) => {
          await tx.ssoDomainClaim.create({ data: { domain, ownerKey: sameOwner ? trustId : "another-trust", claimedBySchoolId: school.id, proof: "staff emails in the MIS" } });
          rivalInserted();
          await rivalMayCommit;
        },
        { timeout: 120_000 },
      );
      await inserted;
      const ours = db.$transaction((tx) => claimDomains(tx, { schoolId: school.id, actor: { system: "Test" }, added: [domain], removed: [] }), { timeout: 120_000 });
      const outcome = ours.then(
        () => "claimed",
        (error: Error) => error.message,
      );
      // Wait until our INSERT is blocked on the rival's row, then let the rival commit.
      while ((await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      commitRival();
      await rival;
      if (sameOwner) expect(await outcome).toBe("claimed");
      else expect(await outcome).toMatch(/already a sign-in domain of another school or trust/);
    }
  });
});
