import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { loginCardsFor } from "@/server/accounts/cards";
import { decryptSecret } from "@/server/crypto";
import { startSession, sessionIsActive } from "@/server/auth/sessions";
import { alignPupilAccounts } from "@/server/accounts/provision";
import { reissueCredentials } from "@/server/accounts/reissue";
import { checkPupilBadge, checkPupilPassword, checkPupilPicture } from "@/server/accounts/sign-in";
import { registerSharedDevice } from "@/server/accounts/shared-device";
import { CHILD_SAFE_WORDS, offensiveReason } from "@/server/accounts/words";
import { createSchool, createUser } from "../helpers/fixtures";
import { createPupilPerson, createPupilWithAccount, enableYearGroup } from "../helpers/pupils";

let deviceCounter = 0;
const newDevice = () => `device-${process.pid}-${++deviceCounter}`;

async function currentCredentials(personId: string) {
  const row = await db.pupilAccount.findUniqueOrThrow({ where: { personId } });
  return { username: row.username, password: decryptSecret(row.passwordEnc!), secret: decryptSecret(row.badgeEnc!), pictures: decryptSecret(row.pictureEnc!).split("-").map(Number) };
}

describe("the child-safe word list", () => {
  it("has no unsuitable word, and no pair of words that is unkind or hides a rude word when run together", () => {
    expect(new Set(CHILD_SAFE_WORDS).size).toBe(CHILD_SAFE_WORDS.length);
    expect(CHILD_SAFE_WORDS.length).toBeGreaterThanOrEqual(150);
    const problems: string[] = [];
    for (const a of CHILD_SAFE_WORDS) {
      if (offensiveReason([a])) problems.push(`${a}: ${offensiveReason([a])}`);
      for (const b of CHILD_SAFE_WORDS) if (a !== b && offensiveReason([a, b])) problems.push(`${a}+${b}: ${offensiveReason([a, b])}`);
    }
    expect(problems).toEqual([]);
  });

  it("catches what it is there to catch", () => {
    expect(offensiveReason(["pen", "island"])).toMatch(/penis/);
    expect(offensiveReason(["roll", "sausage"])).toMatch(/unkind/);
    expect(offensiveReason(["apple", "tiger"])).toBeNull();
  });
});

describe("pupil sign-in", () => {
  afterAll(() => db.$disconnect());

  it("signs in with username + password (any case or spacing), and with the badge", async () => {
    const school = await createSchool(db);
    const account = await createPupilWithAccount(db, school.id, { forename: "Maya" });
    const { username, password, secret } = await currentCredentials(account.personId);
    const spaced = password.replace(/(\d\d)$/, " $1").toUpperCase();
    expect(await checkPupilPassword(db, { username: ` ${username.toUpperCase()} `, password: spaced, device: newDevice() })).toMatchObject({ ok: true, user: { id: account.userId } });
    expect(await checkPupilBadge(db, { secret, device: newDevice() })).toMatchObject({ ok: true, user: { id: account.userId } });
    expect(await checkPupilBadge(db, { secret: secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"), device: newDevice() })).toEqual({ ok: false, reason: "invalid" });
    expect(await db.activityEvent.count({ where: { schoolId: school.id, action: "Signed In", subjectId: account.userId } })).toBe(2);
  });

  it("takes picture passwords only on a device set up by staff, after the pupil is chosen", async () => {
    const school = await createSchool(db);
    const account = await createPupilWithAccount(db, school.id);
    const { pictures } = await currentCredentials(account.personId);
    const teacher = await createUser(db, { schoolId: school.id });
    expect(await checkPupilPicture(db, { deviceToken: undefined, personId: account.personId, sequence: pictures })).toEqual({ ok: false, reason: "invalid" });
    const token = await registerSharedDevice(db, { userId: teacher.id, label: teacher.email, schoolId: school.id }, "Class 3 iPad");
    expect(await checkPupilPicture(db, { deviceToken: token, personId: account.personId, sequence: pictures.map((p, i) => (i === 0 ? (p + 1) % 16 : p)) })).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPupilPicture(db, { deviceToken: token, personId: account.personId, sequence: pictures })).toMatchObject({ ok: true });
    // A device of another school can't sign this pupil in.
    const other = await createSchool(db);
    const otherToken = await registerSharedDevice(db, { userId: (await createUser(db, { schoolId: other.id })).id, label: "x", schoolId: other.id }, "Elsewhere");
    expect(await checkPupilPicture(db, { deviceToken: otherToken, personId: account.personId, sequence: pictures })).toEqual({ ok: false, reason: "invalid" });
  });

  it("re-issue stops the old password, badge and pictures at once and ends sessions; the log says who", async () => {
    const school = await createSchool(db);
    const account = await createPupilWithAccount(db, school.id);
    const admin = await createUser(db, { schoolId: school.id, role: "SCHOOL_ADMIN" });
    const old = await currentCredentials(account.personId);
    const session = await startSession(db, account.userId, null);
    expect(await sessionIsActive(db, account.userId, session)).toBe(true);

    expect(await reissueCredentials(db, { userId: admin.id, label: admin.email, schoolId: school.id }, { personId: account.personId })).toEqual({ reissued: 1 });
    const fresh = await currentCredentials(account.personId);
    expect(fresh.username).toBe(old.username);
    expect(fresh.password).not.toBe(old.password);
    expect(await checkPupilPassword(db, { username: old.username, password: old.password, device: newDevice() })).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPupilBadge(db, { secret: old.secret, device: newDevice() })).toEqual({ ok: false, reason: "invalid" });
    expect(await sessionIsActive(db, account.userId, session)).toBe(false);
    expect(await checkPupilPassword(db, { username: fresh.username, password: fresh.password, device: newDevice() })).toMatchObject({ ok: true });
    expect(await checkPupilBadge(db, { secret: fresh.secret, device: newDevice() })).toMatchObject({ ok: true });
    const cards = [];
    for await (const card of loginCardsFor(db, { userId: admin.id, schoolId: school.id }, { ncYear: "7" })) cards.push(card);
    expect(cards[0]!.password).toBe(fresh.password);
    expect(await db.activityEvent.findFirst({ where: { schoolId: school.id, action: "Pupil Credentials Re-issued", subjectId: account.personId } })).toMatchObject({ actorUserId: admin.id, actorLabel: admin.email });

    // A teacher who doesn't teach the pupil can't.
    const teacher = await createUser(db, { schoolId: school.id });
    await expect(reissueCredentials(db, { userId: teacher.id, label: teacher.email, schoolId: school.id }, { personId: account.personId })).rejects.toThrow(/classes you teach/);
  });

  it("locks an account after 5 wrong tries and a device after 20, with the right password refused meanwhile", async () => {
    const school = await createSchool(db);
    const first = await createPupilWithAccount(db, school.id);
    const { username, password } = await currentCredentials(first.personId);
    const device = newDevice();
    for (let i = 0; i < 5; i++) expect(await checkPupilPassword(db, { username, password: `wrong${i}`, device })).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPupilPassword(db, { username, password, device })).toEqual({ ok: false, reason: "locked" });
    expect(await checkPupilPassword(db, { username, password, device: newDevice() })).toEqual({ ok: false, reason: "locked" });

    // Another pupil on the same device is unaffected, until the device itself has failed 20 times.
    const second = await createPupilWithAccount(db, school.id);
    const secondCreds = await currentCredentials(second.personId);
    const shared = newDevice();
    for (let i = 0; i < 20; i++) await checkPupilPassword(db, { username: `nobody.${i}x2`, password: "guess", device: shared });
    expect(await checkPupilPassword(db, { username: secondCreds.username, password: secondCreds.password, device: shared })).toEqual({ ok: false, reason: "locked" });
    expect(await checkPupilPassword(db, { username: secondCreds.username, password: secondCreds.password, device: newDevice() })).toMatchObject({ ok: true });
  });

  it("keeps usernames through an MIS migration and never gives one to anybody else", async () => {
    const school = await createSchool(db);
    await enableYearGroup(db, school.id, "7");
    const pupil = await createPupilPerson(db, school.id, { upn: "A123456789012" });
    await db.externalId.create({ data: { schoolId: school.id, entity: "student", externalId: "sims-1", personId: pupil.id } });
    await alignPupilAccounts(db, school.id);
    const before = await db.pupilAccount.findUniqueOrThrow({ where: { personId: pupil.id } });

    // The migration: the MIS id changes, the person (matched by UPN) stays.
    await db.externalId.updateMany({ where: { personId: pupil.id }, data: { supersededAt: new Date() } });
    await db.externalId.create({ data: { schoolId: school.id, entity: "student", externalId: "arbor-1", personId: pupil.id } });
    await alignPupilAccounts(db, school.id);
    const after = await db.pupilAccount.findUniqueOrThrow({ where: { personId: pupil.id } });
    expect(after).toMatchObject({ username: before.username, userId: before.userId, passwordHash: before.passwordHash, archivedAt: null });

    // The pupil leaves: the account is archived and its credentials cleared, the username stays reserved.
    await db.person.update({ where: { id: pupil.id }, data: { archivedAt: new Date() } });
    expect(await alignPupilAccounts(db, school.id)).toMatchObject({ archived: 1 });
    expect(await db.pupilAccount.findUniqueOrThrow({ where: { personId: pupil.id } })).toMatchObject({ username: before.username, passwordHash: null, badgeHash: null });
    const newcomer = await createPupilPerson(db, school.id);
    const user = await db.user.create({ data: { name: "Newcomer" } });
    await expect(db.pupilAccount.create({ data: { personId: newcomer.id, schoolId: school.id, userId: user.id, username: before.username } })).rejects.toThrow();

    // Back again (re-admitted): the same username, new credentials.
    await db.person.update({ where: { id: pupil.id }, data: { archivedAt: null } });
    expect(await alignPupilAccounts(db, school.id)).toMatchObject({ restored: 1 });
    const back = await db.pupilAccount.findUniqueOrThrow({ where: { personId: pupil.id } });
    expect(back.username).toBe(before.username);
    expect(back.passwordHash).not.toBe(before.passwordHash);
  });
});
