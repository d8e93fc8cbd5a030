// User Matching's service in detail: the table's search, order, pages and columns; the refusals
// of a hand link; unlinking; what "Match all by email" logs; the trust dashboard's count of
// refused sign-ins; domain lists (written for the mutants tests/integration/matching.test.ts let
// through; see tests/MUTANTS.md).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { decideSsoSignIn } from "@/server/auth/sso";
import type { Prisma } from "@/server/generated/prisma/client";
import { claimDomains } from "@/server/matching/domains";
import { startSession, sessionIsActive } from "@/server/auth/sessions";
import {
  getSsoDomains,
  linkIdentityToPerson,
  listStaffMatching,
  listUnmatchedIdentities,
  matchAllByEmail,
  parseDomains,
  personDisplayName,
  setSsoDomains,
  unlinkIdentity,
  unmatchedCounts,
} from "@/server/matching/service";
import { provisionStaffAccounts } from "@/server/users/provision";
import { createSchool, createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";

let n = 0;
const tag = `${process.pid}`;
const identity = (email: string, provider = "google") => ({ provider, providerAccountId: `ms-${tag}-${++n}`, email, emailVerified: true, name: `Name ${n}` });

/**
 * Another admin's transaction, its writes made but not committed: `commit` lets it finish. `pid` is
 * its database backend, so a test can wait until the code under test is blocked behind it.
 */
async function heldOpen(work: (tx: Prisma.TransactionClient) => Promise<void>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let ready!: (pid: number) => void;
  const started = new Promise<number>((resolve) => (ready = resolve));
  const done = db.$transaction(
    async (tx) => {
      const [{ pid }] = await tx.$queryRaw<[{ pid: number }]>`SELECT pg_backend_pid() AS pid`;
      await work(tx);
      ready(pid);
      await released;
    },
    { timeout: 60_000 },
  );
  const pid = await Promise.race([started, done.then(() => -1)]);
  return { pid, commit: () => (release(), done) };
}

/** Resolves once a database session waits on a lock `pid` holds, or once `running` settles (it never blocked). */
async function blockedBehind(pid: number, running: Promise<unknown>) {
  let settled = false;
  running.then(
    () => (settled = true),
    () => (settled = true),
  );
  const waiting = async () => (await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${pid}::int = ANY(pg_blocking_pids(pid))`)[0]!.n;
  while (!settled && (await waiting()) === 0) await new Promise((resolve) => setImmediate(resolve));
}

describe("User Matching service", () => {
  let schoolId: string;
  let actor: { userId: string; label: string };
  const domain = `svc-${tag}.example`;

  /** A current member of staff, provisioned as the sync does: an account when they have an email. */
  async function staff(email: string | null, names: { forename?: string; surname?: string } = {}, school = schoolId) {
    const person = await createStaffPerson(db, school, { email, ...names });
    await db.$transaction((tx) => provisionStaffAccounts(tx, school, [person.id]));
    return { person, user: email ? await db.user.findUniqueOrThrow({ where: { personId: person.id } }) : null };
  }

  beforeAll(async () => {
    // A stand-in for a database failure other than a lost race: inserting a sign-in whose
    // subject starts "db-failure-" fails (this file's database is its own).
    await db.$executeRawUnsafe(`CREATE FUNCTION test_account_failure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."providerAccountId" LIKE 'db-failure-%' THEN RAISE EXCEPTION 'stand-in database failure'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER test_account_failure BEFORE INSERT ON "Account" FOR EACH ROW EXECUTE FUNCTION test_account_failure()`);
    schoolId = (await createSchool(db)).id;
    const admin = await createUser(db, { schoolId, role: "SCHOOL_ADMIN" });
    actor = { userId: admin.id, label: admin.email };
    await staff(`head@${domain}`, { forename: "Hedda", surname: "Zimmer" });
    await setSsoDomains(db, { schoolId, actor, domains: [domain] });
  });
  afterAll(() => db.$disconnect());

  it("names a person surname first, with initials when the MIS has them", () => {
    expect(personDisplayName({ surname: "Lovelace", forename: "Ada", initials: "AL" })).toBe("Lovelace, Ada (AL)");
    expect(personDisplayName({ surname: "Lovelace", forename: "Ada", initials: null })).toBe("Lovelace, Ada");
  });

  it("searches current staff by surname, forename or email, in name order, a page at a time, with each account's state", async () => {
    const school = (await createSchool(db)).id;
    const make = async (forename: string, surname: string, email: string | null) => (await staff(email, { forename, surname }, school)).person;
    const b = await make("Bea", "Quill", `bea.quill@${domain}`);
    const a2 = await make("Zed", "Abbot", `zed@${domain}`);
    const a1 = await make("Amy", "Abbot", `amy.x@${domain}`);
    await createStaffPerson(db, school, { forename: "Gone", surname: "Abbot", archived: true });
    const pupilLike = await db.person.create({ data: { schoolId: school, kind: "PUPIL", forename: "Pip", surname: "Abbot" } });
    const all = await listStaffMatching(db, school, { filter: "all", page: 1, pageSize: 10 });
    expect(all.rows.map((r) => r.personId)).toEqual([a1.id, a2.id, b.id]);
    expect(all.rows.map((r) => r.personId)).not.toContain(pupilLike.id);
    expect(all.total).toBe(3);
    expect((await listStaffMatching(db, school, { filter: "all", page: 2, pageSize: 2 })).rows.map((r) => r.personId)).toEqual([b.id]);
    expect((await listStaffMatching(db, school, { filter: "all", page: 1, pageSize: 2 })).total).toBe(3);

    const ids = async (search: string) => (await listStaffMatching(db, school, { search, filter: "all", page: 1, pageSize: 10 })).rows.map((r) => r.personId);
    expect(await ids("  abbot ")).toEqual([a1.id, a2.id]);
    expect(await ids("BEA")).toEqual([b.id]);
    expect(await ids("AMY.X@")).toEqual([a1.id]);
    expect(await ids("   ")).toEqual([a1.id, a2.id, b.id]);

    // The row's account: its email, whether it has a password, whether it is disabled; identities by provider.
    const user = await db.user.findUniqueOrThrow({ where: { personId: b.id } });
    await db.user.update({ where: { id: user.id }, data: { passwordHash: "$argon2id$stand-in", disabledAt: new Date() } });
    const ms = await db.account.create({ data: { userId: user.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: `ms-row-${tag}`, email: `b@${domain}` } });
    const g = await db.account.create({ data: { userId: user.id, type: "oidc", provider: "google", providerAccountId: `g-row-${tag}`, email: null } });
    const row = (await listStaffMatching(db, school, { search: "quill", filter: "all", page: 1, pageSize: 10 })).rows[0]!;
    expect(row).toEqual({
      personId: b.id,
      displayName: "Quill, Bea",
      jobTitle: null,
      email: `bea.quill@${domain}`,
      account: { userId: user.id, email: user.email, hasPassword: true, disabled: true },
      identities: [
        { accountId: g.id, provider: "google", providerLabel: "Google", email: null },
        { accountId: ms.id, provider: "microsoft-entra-id", providerLabel: "Microsoft", email: `b@${domain}` },
      ],
      conflicts: [],
    });
    const other = (await listStaffMatching(db, school, { search: "zed", filter: "all", page: 1, pageSize: 10 })).rows[0]!;
    expect(other.account).toMatchObject({ hasPassword: false, disabled: false });
    expect(other.identities).toEqual([]);
  });

  it("counts an email shared by three staff as two others for each", async () => {
    const school = (await createSchool(db)).id;
    for (const email of [`trio@${domain}`, `TRIO@${domain}`, `Trio@${domain}`]) await createStaffPerson(db, school, { email });
    await createStaffPerson(db, school, { email: `trio@${domain}`, archived: true });
    const rows = (await listStaffMatching(db, school, { filter: "conflicts", page: 1, pageSize: 10 })).rows;
    expect(rows.map((r) => r.conflicts)).toEqual([0, 1, 2].map(() => ["Email shared with 2 other staff members"]));
  });

  it("lists refused identities newest first with what the admin needs, and none for a school without domains", async () => {
    await decideSsoSignIn(db, identity(`first.refused@${domain}`));
    await decideSsoSignIn(db, { ...identity(`second.refused@${domain}`, "microsoft-entra-id"), emailVerified: false });
    const listed = (await listUnmatchedIdentities(db, schoolId)).filter((r) => r.email?.endsWith("refused@" + domain));
    expect(listed.map((r) => r.email)).toEqual([`second.refused@${domain}`, `first.refused@${domain}`]);
    expect(listed[0]).toEqual({
      id: expect.any(String),
      provider: "microsoft-entra-id",
      providerLabel: "Microsoft",
      email: `second.refused@${domain}`,
      emailVerified: false,
      name: expect.stringMatching(/^Name /),
      attempts: 1,
      lastSeenAt: expect.any(Date),
    });
    expect(await listUnmatchedIdentities(db, (await createSchool(db)).id)).toEqual([]);
  });

  it("refuses to link an identity it does not show, to someone not current staff here, or to a disabled account; a lost race says so", async () => {
    await decideSsoSignIn(db, identity(`link.me@${domain}`));
    const pending = (await listUnmatchedIdentities(db, schoolId)).find((r) => r.email === `link.me@${domain}`)!;
    const { person, user } = await staff(`target@${domain}`, { forename: "Tia", surname: "Target" });

    // Another school (without the domain) does not see the identity.
    const elsewhere = (await createSchool(db)).id;
    await expect(linkIdentityToPerson(db, { schoolId: elsewhere, actor, identityId: pending.id, personId: person.id })).rejects.toThrow("That sign-in is no longer waiting for a match. Refresh the page.");
    const archived = await createStaffPerson(db, schoolId, { archived: true });
    const notStaff = await db.person.create({ data: { schoolId, kind: "PUPIL", forename: "Pupil", surname: "Person" } });
    const otherSchoolsStaff = await createStaffPerson(db, elsewhere);
    for (const personId of [archived.id, notStaff.id, otherSchoolsStaff.id])
      await expect(linkIdentityToPerson(db, { schoolId, actor, identityId: pending.id, personId })).rejects.toThrow("That person is not current staff at this school.");

    await db.user.update({ where: { id: user!.id }, data: { disabledAt: new Date() } });
    await expect(linkIdentityToPerson(db, { schoolId, actor, identityId: pending.id, personId: person.id })).rejects.toThrow("Target, Tia has no active Staffroom account yet. Run Sync Data first.");
    await db.user.update({ where: { id: user!.id }, data: { disabledAt: null } });
    // A Microsoft sign-in on the person does not stop a Google one being linked.
    await db.account.create({ data: { userId: user!.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: `ms-target-${tag}` } });

    // Someone else linked the same identity a moment ago (the row is still waiting).
    const racer = await staff(`racer@${domain}`);
    await db.account.create({ data: { userId: racer.user!.id, type: "oidc", provider: pending.provider, providerAccountId: (await db.unmatchedIdentity.findUniqueOrThrow({ where: { id: pending.id } })).providerAccountId } });
    await expect(linkIdentityToPerson(db, { schoolId, actor, identityId: pending.id, personId: person.id })).rejects.toThrow("That sign-in has just been linked to someone. Refresh the page.");
    await db.account.deleteMany({ where: { userId: racer.user!.id } });

    expect(await linkIdentityToPerson(db, { schoolId, actor, identityId: pending.id, personId: person.id })).toEqual({ personName: "Target, Tia" });
    const linked = await db.account.findFirstOrThrow({ where: { userId: user!.id, provider: "google" } });
    expect(linked).toMatchObject({ email: `link.me@${domain}`, type: "oidc" });
    expect(await db.unmatchedIdentity.count({ where: { id: pending.id } })).toBe(0);
    const event = await db.activityEvent.findFirstOrThrow({ where: { schoolId, action: "Identity Linked", subjectId: user!.id } });
    expect(event).toMatchObject({ actorUserId: actor.userId, subjectType: "User", subjectLabel: `target@${domain}`, details: { provider: "Google", identityEmail: `link.me@${domain}`, how: "linked by an administrator" } });
  });

  it("unlinks an identity: its sessions end and the log says which", async () => {
    const { user } = await staff(`unlink@${domain}`);
    const account = await db.account.create({ data: { userId: user!.id, type: "oidc", provider: "microsoft-entra-id", providerAccountId: `ms-unlink-${tag}`, email: `u.alias@${domain}` } });
    const sid = await startSession(db, user!.id, "test browser");
    expect(await sessionIsActive(db, user!.id, sid)).toBe(true);
    expect(await unlinkIdentity(db, { schoolId, actor, accountId: account.id })).toEqual({ provider: "Microsoft" });
    expect(await db.account.count({ where: { id: account.id } })).toBe(0);
    expect(await sessionIsActive(db, user!.id, sid)).toBe(false);
    const event = await db.activityEvent.findFirstOrThrow({ where: { schoolId, action: "Identity Unlinked", subjectId: user!.id } });
    expect(event).toMatchObject({ subjectType: "User", subjectLabel: `unlink@${domain}`, details: { provider: "Microsoft", identityEmail: `u.alias@${domain}` } });
    await expect(unlinkIdentity(db, { schoolId, actor, accountId: account.id })).rejects.toThrow("That sign-in is not linked to anyone at this school.");
  });

  it("logs each bulk match run with its figures, links in first-seen order, and counts an identity it cannot link as unmatched", async () => {
    const school = (await createSchool(db)).id;
    const bulk = `bulk-${tag}.example`;
    const user = (await staff(`solo@${bulk}`, {}, school)).user!;
    // Two refused identities for the same person and provider: the first seen is linked, the
    // second then finds the person already has a Google sign-in. The first seen is written last
    // (its first sighting corrected), so only the order by first sighting takes it first.
    const early = identity(`solo@${bulk}`);
    const late = identity(`SOLO@${bulk}`);
    await decideSsoSignIn(db, early);
    await decideSsoSignIn(db, late);
    await db.unmatchedIdentity.update({ where: { provider_providerAccountId: { provider: "google", providerAccountId: early.providerAccountId } }, data: { firstSeenAt: new Date(Date.now() - 60_000) } });
    // A refused identity on a domain the school has not claimed is none of its business.
    await decideSsoSignIn(db, identity(`solo@elsewhere-${tag}.example`));
    await setSsoDomains(db, { schoolId: school, actor, domains: [bulk] });
    expect(await matchAllByEmail(db, { schoolId: school, actor })).toEqual({ matched: 1, ambiguous: 0, unmatched: 1 });
    expect((await db.account.findFirstOrThrow({ where: { userId: user.id } })).providerAccountId).toBe(early.providerAccountId);
    const event = await db.activityEvent.findFirstOrThrow({ where: { schoolId: school, action: "Bulk Match Run" } });
    expect(event).toMatchObject({ actorUserId: actor.userId, subjectType: "School", subjectId: school, details: { matched: 1, ambiguous: 0, unmatched: 1 } });
    expect(await db.activityEvent.findFirstOrThrow({ where: { schoolId: school, action: "Identity Matched" } })).toMatchObject({ details: { how: "match all by email", provider: "Google" } });
  });

  it("counts each school's refused identities on its own domains for the trust dashboard", async () => {
    const a = await db.school.create({ data: { name: `Count A ${tag}`, ssoDomains: [`count-a-${tag}.example`, "gmail.com"] } });
    const b = await db.school.create({ data: { name: `Count B ${tag}`, ssoDomains: [`count-b-${tag}.example`, `count-a-${tag}.example`] } });
    const none = await db.school.create({ data: { name: `Count C ${tag}`, ssoDomains: [] } });
    for (const email of [`x@count-a-${tag}.example`, `y@count-a-${tag}.example`, `z@count-b-${tag}.example`, `w@gmail.com`, `v@sub.count-a-${tag}.example`])
      await db.unmatchedIdentity.create({ data: { provider: "google", providerAccountId: `count-${tag}-${email}`, email, emailVerified: true } });
    const counts = await unmatchedCounts(db, [a, b, none]);
    expect(counts).toEqual(new Map([[a.id, 2], [b.id, 3]]));
    expect(await unmatchedCounts(db, [none, { id: "x", ssoDomains: ["gmail.com"] }])).toEqual(new Map());
    // The same figure the school's own list shows.
    expect((await listUnmatchedIdentities(db, b.id)).length).toBe(3);
  });

  it("reads and replaces the school's domains, logging the new list", async () => {
    expect(await getSsoDomains(db, schoolId)).toEqual({ domains: [domain] });
    const second = `second-${tag}.example`;
    await staff(`someone@${second}`);
    expect(await setSsoDomains(db, { schoolId, actor, domains: [`@${second}`, domain] })).toEqual({ domains: [second, domain].sort() });
    expect(await getSsoDomains(db, schoolId)).toEqual({ domains: [second, domain].sort() });
    const event = await db.activityEvent.findFirstOrThrow({ where: { schoolId, action: "Matching Domains Changed" }, orderBy: { at: "desc" } });
    expect(event).toMatchObject({ actorUserId: actor.userId, subjectType: "School", subjectId: schoolId, details: { domains: [second, domain].sort() } });
    // Dropping a domain frees the claim; keeping one keeps it.
    await setSsoDomains(db, { schoolId, actor, domains: [domain] });
    expect(await db.ssoDomainClaim.count({ where: { domain: second } })).toBe(0);
    expect(await db.ssoDomainClaim.count({ where: { domain } })).toBe(1);
    await expect(setSsoDomains(db, { schoolId, actor, domains: ["not a domain"] })).rejects.toMatchObject({ code: "BAD_REQUEST", message: '"not a domain" is not an email domain (for example oakfield.sch.uk).' });
    expect(await getSsoDomains(db, schoolId)).toEqual({ domains: [domain] });
  });

  it("accepts real domain shapes only", () => {
    for (const ok of ["a.io", "sub.school.sch.uk", "x-y.org", "9.example", `${"a".repeat(63)}.com`]) expect(parseDomains([ok])).toEqual({ domains: [ok] });
    for (const bad of ["-x.org", "x-.org", "x.o", "x..org", "x.org.", "x_y.org", "x.123", `${"a".repeat(64)}.com`, `${"a.".repeat(126)}com`, "ex ample.org", "a.org extra"])
      expect(parseDomains([bad])).toHaveProperty("error");
    expect(parseDomains(["b.org", "a.org", "B.org"])).toEqual({ domains: ["a.org", "b.org"] });
    expect(parseDomains(["  ", "@"])).toEqual({ domains: [] });
    // A leading "@" is dropped; an address typed instead of a domain is refused, not glued together.
    expect(parseDomains(["@Oakfield.sch.uk"])).toEqual({ domains: ["oakfield.sch.uk"] });
    expect(parseDomains(["head@oakfield.sch.uk"])).toEqual({ error: '"head@oakfield.sch.uk" is not an email domain (for example oakfield.sch.uk).' });
    expect(parseDomains(["ok.org", " Bad "])).toEqual({ error: '"Bad" is not an email domain (for example oakfield.sch.uk).' });
  });

  it("finds staff by forename alone, keeps namesakes and their sign-ins in a stable order across pages, and shows an account without an email as blank", async () => {
    const school = (await createSchool(db)).id;
    // Two Sam Reeds, the later id written first: only the order by id puts them in id order.
    const reed2 = await db.person.create({ data: { id: `reed-${tag}-2`, schoolId: school, kind: "STAFF", forename: "Sam", surname: "Reed", email: `s.reed.two@${domain}` } });
    const reed1 = await db.person.create({ data: { id: `reed-${tag}-1`, schoolId: school, kind: "STAFF", forename: "Sam", surname: "Reed", email: `s.reed.one@${domain}` } });
    const imogen = await createStaffPerson(db, school, { forename: "Imogen", surname: "Pryce", email: `ip@${domain}` });
    const ids = async (opts: { search?: string; page?: number; pageSize?: number }) =>
      (await listStaffMatching(db, school, { filter: "all", page: 1, pageSize: 10, ...opts })).rows.map((r) => r.personId);
    expect(await ids({ search: "IMOG" })).toEqual([imogen.id]);
    expect(await ids({})).toEqual([imogen.id, reed1.id, reed2.id]);
    expect(await ids({ page: 1, pageSize: 2 })).toEqual([imogen.id, reed1.id]);
    expect(await ids({ page: 2, pageSize: 2 })).toEqual([reed2.id]);

    // An account without an email (never a staff account's usual state) shows a blank one; two
    // sign-ins of one provider (a conflict) are listed in id order, the later id written first.
    const user = await db.user.create({ data: { email: null, personId: imogen.id } });
    await db.account.create({ data: { id: `acct-${tag}-2`, userId: user.id, type: "oidc", provider: "google", providerAccountId: `two-${tag}` } });
    await db.account.create({ data: { id: `acct-${tag}-1`, userId: user.id, type: "oidc", provider: "google", providerAccountId: `one-${tag}` } });
    const row = (await listStaffMatching(db, school, { search: "imogen", filter: "all", page: 1, pageSize: 10 })).rows[0]!;
    expect(row.account).toEqual({ userId: user.id, email: "", hasPassword: false, disabled: false });
    expect(row.identities.map((i) => i.accountId)).toEqual([`acct-${tag}-1`, `acct-${tag}-2`]);
    expect(row.conflicts).toEqual(["Has more than one Google sign-in linked"]);
  });

  it("links the very sign-in the admin picked, and finds none under an id it does not list", async () => {
    const { person, user } = await staff(`picked@${domain}`, { forename: "Pia", surname: "Picked" });
    const other = identity(`other.pick@${domain}`);
    const chosen = identity(`chosen.pick@${domain}`);
    await decideSsoSignIn(db, other);
    await decideSsoSignIn(db, chosen);
    await expect(linkIdentityToPerson(db, { schoolId, actor, identityId: `no-such-identity-${tag}`, personId: person.id })).rejects.toThrow(
      "That sign-in is no longer waiting for a match. Refresh the page.",
    );
    expect(await db.account.count({ where: { userId: user!.id } })).toBe(0);
    const pendingOf = (i: { providerAccountId: string }) => db.unmatchedIdentity.findUnique({ where: { provider_providerAccountId: { provider: "google", providerAccountId: i.providerAccountId } } });
    await linkIdentityToPerson(db, { schoolId, actor, identityId: (await pendingOf(chosen))!.id, personId: person.id });
    expect((await db.account.findFirstOrThrow({ where: { userId: user!.id } })).providerAccountId).toBe(chosen.providerAccountId);
    expect(await pendingOf(chosen)).toBeNull();
    expect(await pendingOf(other)).not.toBeNull();
  });

  it("reports a database failure while linking as itself, not as a sign-in someone else just linked; Match all stops on it too", async () => {
    const { person, user } = await staff(`failing@${domain}`, { forename: "Fay", surname: "Failing" });
    const failing = { ...identity(`failing@${domain}`), providerAccountId: `db-failure-${tag}-1` };
    await db.unmatchedIdentity.create({ data: { provider: failing.provider, providerAccountId: failing.providerAccountId, email: failing.email, emailVerified: true } });
    const pending = await db.unmatchedIdentity.findUniqueOrThrow({ where: { provider_providerAccountId: { provider: "google", providerAccountId: failing.providerAccountId } } });
    const linking = linkIdentityToPerson(db, { schoolId, actor, identityId: pending.id, personId: person.id });
    await expect(linking).rejects.toThrow(/stand-in database failure/);
    await expect(linking).rejects.not.toThrow("That sign-in has just been linked to someone.");
    // The identity's email is the person's, so Match all tries to link it and meets the same failure.
    await expect(matchAllByEmail(db, { schoolId, actor })).rejects.toThrow(/stand-in database failure/);
    expect(await db.account.count({ where: { userId: user!.id } })).toBe(0);
    expect(await db.unmatchedIdentity.count({ where: { id: pending.id } })).toBe(1);
  });

  it("counts a sign-in another admin links while Match all runs as unmatched, and leaves it with them", async () => {
    const school = (await createSchool(db)).id;
    const raceDomain = `race-${tag}.example`;
    const user = (await staff(`racy@${raceDomain}`, {}, school)).user!;
    const otherUser = await createUser(db, { schoolId: school });
    await setSsoDomains(db, { schoolId: school, actor, domains: [raceDomain] });
    const racy = identity(`racy@${raceDomain}`);
    await db.unmatchedIdentity.create({ data: { provider: racy.provider, providerAccountId: racy.providerAccountId, email: racy.email, emailVerified: true } });
    // The other admin's link is written, not committed, when Match all reads the waiting list.
    const other = await heldOpen(async (tx) => {
      await tx.account.create({ data: { userId: otherUser.id, type: "oidc", provider: racy.provider, providerAccountId: racy.providerAccountId } });
      await tx.unmatchedIdentity.deleteMany({ where: { provider: racy.provider, providerAccountId: racy.providerAccountId } });
    });
    const ours = matchAllByEmail(db, { schoolId: school, actor });
    await blockedBehind(other.pid, ours);
    await other.commit();
    expect(await ours).toEqual({ matched: 0, ambiguous: 0, unmatched: 1 });
    expect((await db.account.findFirstOrThrow({ where: { providerAccountId: racy.providerAccountId } })).userId).toBe(otherUser.id);
    expect(await db.account.count({ where: { userId: user.id } })).toBe(0);
    const event = await db.activityEvent.findFirstOrThrow({ where: { schoolId: school, action: "Bulk Match Run" } });
    expect(event.details).toEqual({ matched: 0, ambiguous: 0, unmatched: 1 });
  });

  it("of two admins saving the domain list at once, the later save starts from the earlier one's list, so claims always match the list", async () => {
    const school = (await createSchool(db)).id;
    const [kept, theirs, ours] = [`kept-${tag}.example`, `theirs-${tag}.example`, `ours-${tag}.example`] as const;
    for (const d of [kept, theirs, ours]) await createStaffPerson(db, school, { email: `head@${d}` });
    await setSsoDomains(db, { schoolId: school, actor, domains: [kept] });
    // The other admin adds `theirs`: claimed and listed, not yet committed.
    const other = await heldOpen(async (tx) => {
      await claimDomains(tx, { schoolId: school, actor, added: [theirs], removed: [] });
      await tx.school.update({ where: { id: school }, data: { ssoDomains: [kept, theirs] } });
    });
    // This admin's page showed [kept]; they add `ours`, so their list drops `theirs`.
    const saving = setSsoDomains(db, { schoolId: school, actor, domains: [kept, ours] });
    await blockedBehind(other.pid, saving);
    await other.commit();
    expect(await saving).toEqual({ domains: [kept, ours].sort() });
    expect(await getSsoDomains(db, school)).toEqual({ domains: [kept, ours].sort() });
    const claims = await db.ssoDomainClaim.findMany({ where: { ownerKey: `school:${school}` }, orderBy: { domain: "asc" } });
    expect(claims.map((c) => c.domain)).toEqual([kept, ours].sort());
  });

  it("claims only the domains being added, not again those the school already lists", async () => {
    const school = (await createSchool(db)).id;
    const [kept, added] = [`listed-${tag}.example`, `added-${tag}.example`] as const;
    for (const d of [kept, added]) await createStaffPerson(db, school, { email: `head@${d}` });
    await setSsoDomains(db, { schoolId: school, actor, domains: [kept] });
    // Support then moved the school into a trust: its claim is still held in the school's own name,
    // which a fresh claim of the kept domain would take for another owner's.
    const trust = await db.trust.create({ data: { name: `Claims trust ${tag}` } });
    await db.school.update({ where: { id: school }, data: { trustId: trust.id } });
    expect(await setSsoDomains(db, { schoolId: school, actor, domains: [kept, added] })).toEqual({ domains: [added, kept].sort() });
    expect(await db.ssoDomainClaim.findUnique({ where: { domain: added } })).toMatchObject({ ownerKey: trust.id, claimedBySchoolId: school });
    expect(await db.ssoDomainClaim.findUnique({ where: { domain: kept } })).toMatchObject({ ownerKey: `school:${school}` });
  });
});
