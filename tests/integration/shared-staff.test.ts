import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmployeeRec } from "@/emulator/model";
import { forgetSavedLoginsOf } from "@/server/apps/vault/forget";
import { saveLogin } from "@/server/apps/vault/logins";
import { hashPassword } from "@/server/auth/password";
import { checkPasswordSignIn } from "@/server/auth/credentials";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { refreshStaffOnSignIn } from "@/server/sync/refresh-on-sign-in";
import { appRouter } from "@/server/trpc/root";
import { disableAccountsOfArchived } from "@/server/users/provision";
import { contextFor, createUser } from "../helpers/fixtures";
import { refusal } from "../helpers/refusal";
import { emulatorClient, runSync, smallSchools, startEmulator, type RunningEmulator } from "../helpers/sync";

// Issue 16, staff who work in several schools of a trust: one account with a person link and a
// membership per school. The same work email links at sync; the same teacher number is proposed
// to the trust admin, who confirms it (or not) on the Shared staff page; each school's record
// stays that school's, refreshed from its own MIS; incidents stay in the school they were logged in.

const [one, two, other] = smallSchools(3, 30);
const asUser = (userId: string) => appRouter.createCaller(contextFor(db, userId));

describe("staff who work in several schools", () => {
  let emulator: RunningEmulator;
  const configuredBaseUrl = env.WONDE_BASE_URL;
  let schoolOne: string;
  let schoolTwo: string;
  let otherSchool: string;
  let trustAdminId: string;
  let otherTrustAdminId: string;
  /** The same work email in schools one and two. */
  let sameEmail: { one: EmployeeRec; two: EmployeeRec };
  /** The same teacher number in schools one and two (and in the other trust's school). */
  let sameNumber: { one: EmployeeRec; two: EmployeeRec; other: EmployeeRec };

  const personOf = (schoolId: string, employee: EmployeeRec) =>
    db.person.findFirstOrThrow({ where: { schoolId, externalIds: { some: { externalId: employee.id } } }, include: { userLink: { include: { user: true } } } });

  beforeAll(async () => {
    emulator = await startEmulator({ seed: "shared-staff", schools: [one!, two!, other!] });
    env.WONDE_BASE_URL = emulator.url;
    const current = (wondeId: string) => emulator.state.school(wondeId)!.employees.filter((e) => e.current && e.contact.emailWork);
    const [a1, b1] = current(one!.id);
    const [a2, b2] = current(two!.id);
    const [c3] = current(other!.id);
    a2!.contact.emailWork = a1!.contact.emailWork;
    for (const e of [b1!, b2!, c3!]) e.teacherNumber = "7712345";
    // Nobody else shares a teacher number by chance.
    for (const e of [a1!, a2!]) e.teacherNumber = null;
    sameEmail = { one: a1!, two: a2! };
    sameNumber = { one: b1!, two: b2!, other: c3! };

    const trust = await db.trust.create({ data: { name: "Riverside Schools Trust" } });
    const otherTrust = await db.trust.create({ data: { name: "Hilltop Academies" } });
    const connect = (spec: typeof one, trustId: string) => db.school.create({ data: { name: spec!.name, wondeId: spec!.id, wondeTokenEnc: "unused: the tests pass a client", trustId } });
    schoolOne = (await connect(one, trust.id)).id;
    schoolTwo = (await connect(two, trust.id)).id;
    otherSchool = (await connect(other, otherTrust.id)).id;
    for (const schoolId of [schoolOne, schoolTwo, otherSchool]) expect((await runSync(db, emulator, schoolId)).status).toBe("SUCCEEDED");
    trustAdminId = (await db.user.create({ data: { email: "data@riverside-trust.example.org", trustId: trust.id } })).id;
    otherTrustAdminId = (await db.user.create({ data: { email: "data@hilltop.example.org", trustId: otherTrust.id } })).id;
  }, 180_000);
  afterAll(async () => {
    env.WONDE_BASE_URL = configuredBaseUrl;
    await emulator?.close();
    await db.$disconnect();
  });

  it("links the same work email in two schools of the trust to one account at sync, with a person and a membership per school, logged at both", async () => {
    const [p1, p2] = [await personOf(schoolOne, sameEmail.one), await personOf(schoolTwo, sameEmail.two)];
    expect(p1.userLink?.userId).toBeDefined();
    expect(p2.userLink?.userId).toBe(p1.userLink!.userId);
    // Each school's record is that school's: its own name from its own MIS.
    expect([p1.forename, p2.forename]).toEqual([sameEmail.one.forename, sameEmail.two.forename]);
    const userId = p1.userLink!.userId;
    expect(await db.userPersonLink.findMany({ where: { userId }, select: { schoolId: true, personId: true }, orderBy: { personId: "asc" } })).toEqual(
      [
        { schoolId: schoolOne, personId: p1.id },
        { schoolId: schoolTwo, personId: p2.id },
      ].sort((x, y) => x.personId.localeCompare(y.personId)),
    );
    expect((await db.schoolMembership.findMany({ where: { userId }, select: { schoolId: true, role: true } })).sort((x, y) => x.schoolId.localeCompare(y.schoolId))).toEqual(
      [
        { schoolId: schoolOne, role: "STAFF" },
        { schoolId: schoolTwo, role: "STAFF" },
      ].sort((x, y) => x.schoolId.localeCompare(y.schoolId)),
    );
    const linked = await db.activityEvent.findMany({ where: { action: "Shared Staff Linked" }, select: { schoolId: true, actorLabel: true, subjectId: true } });
    expect(linked).toEqual(expect.arrayContaining([{ schoolId: schoolOne, actorLabel: "Sync", subjectId: p1.id }, { schoolId: schoolTwo, actorLabel: "Sync", subjectId: p2.id }]));
    // The trust admin sees it among the confirmed pairs, linked by the sync.
    const { confirmed } = await asUser(trustAdminId).sharedStaff.list();
    expect(confirmed.find((c) => [c.a.personId, c.b.personId].includes(p1.id))).toMatchObject({ rules: ["WORK_EMAIL"], decidedBy: "Sync" });
  });

  it("signs in once, switches school, and each school's incident stays in that school", async () => {
    const p1 = await personOf(schoolOne, sameEmail.one);
    const userId = p1.userLink!.userId;
    await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword("a shared teacher's password 1") } });
    const signIn = await checkPasswordSignIn(db, { email: p1.userLink!.user.email!, password: "a shared teacher's password 1" });
    expect(signIn).toMatchObject({ ok: true, user: { id: userId } });

    const api = asUser(userId);
    // The school switcher lists both schools.
    expect((await api.me.get()).schools.map((s) => s.schoolId).sort()).toEqual([schoolOne, schoolTwo].sort());
    const logged: Record<string, string> = {};
    for (const schoolId of [schoolOne, schoolTwo]) {
      const pupil = await db.person.findFirstOrThrow({ where: { schoolId, kind: "PUPIL", archivedAt: null }, orderBy: { surname: "asc" } });
      const incident = await api.incidents.create({
        schoolId,
        occurredAt: "2026-11-30T10:15",
        locationDetail: "Playground",
        type: "ACCIDENT_INJURY",
        severity: "MINOR",
        description: "Tripped on the step by the hall.",
        affected: [{ personId: pupil.id, injury: "Graze" }],
        firstAidGiven: false,
        riddorReportable: false,
        actions: [],
      });
      logged[schoolId] = incident.id;
    }
    for (const [schoolId, otherId] of [
      [schoolOne, schoolTwo],
      [schoolTwo, schoolOne],
    ] as const) {
      expect((await db.incident.findUniqueOrThrow({ where: { id: logged[schoolId] } })).schoolId).toBe(schoolId);
      const mine = await api.incidents.list({ schoolId });
      expect(mine.rows.map((r) => r.id)).toEqual([logged[schoolId]]);
      expect(await refusal(() => api.incidents.get({ schoolId, incidentId: logged[otherId]! }))).toBe("NOT_FOUND");
    }
  });

  it("refreshes each school's own record from its own MIS at sign-in", async () => {
    const p1 = await personOf(schoolOne, sameEmail.one);
    const p2 = await personOf(schoolTwo, sameEmail.two);
    await db.person.updateMany({ where: { id: { in: [p1.id, p2.id] } }, data: { surname: "Stale", contentHash: null } });
    const result = await refreshStaffOnSignIn(db, p1.userLink!.userId, { client: emulatorClient(emulator) });
    expect(result).toMatchObject({ status: "refreshed", counts: { updated: 2 } });
    expect((await db.person.findUniqueOrThrow({ where: { id: p1.id } })).surname).toBe(sameEmail.one.surname);
    expect((await db.person.findUniqueOrThrow({ where: { id: p2.id } })).surname).toBe(sameEmail.two.surname);
    for (const schoolId of [schoolOne, schoolTwo]) expect(await db.syncRun.count({ where: { schoolId, trigger: "SIGN_IN", status: "SUCCEEDED" } })).toBe(1);
  });

  it("proposes the same teacher number to the trust admin, who confirms it: one account, logged at both schools; undo puts both accounts back", async () => {
    const [p1, p2, p3] = [await personOf(schoolOne, sameNumber.one), await personOf(schoolTwo, sameNumber.two), await personOf(otherSchool, sameNumber.other)];
    // Different emails, so two accounts until the trust admin decides.
    expect(p1.userLink!.userId).not.toBe(p2.userLink!.userId);
    const api = asUser(trustAdminId);
    const { proposed } = await api.sharedStaff.list();
    expect(proposed).toHaveLength(1);
    expect(proposed[0]).toMatchObject({ rules: ["TEACHER_NUMBER"], evidence: { teacherNumber: "7712345" }, undone: false });
    expect([proposed[0]!.a.personId, proposed[0]!.b.personId].sort()).toEqual([p1.id, p2.id].sort());
    // The other trust's member of staff with that number is never proposed to this trust.
    expect(JSON.stringify(proposed)).not.toContain(p3.id);

    const [older, newer] = p1.userLink!.user.createdAt <= p2.userLink!.user.createdAt ? [p1, p2] : [p2, p1];
    await db.user.update({ where: { id: newer.userLink!.userId }, data: { passwordHash: await hashPassword("the newer account's password 1") } });
    await db.account.create({ data: { userId: newer.userLink!.userId, type: "oidc", provider: "google", providerAccountId: "google-shared-1", email: newer.email } });
    const result = await api.sharedStaff.confirm({ personAId: p1.id, personBId: p2.id });
    expect(result.account).toBe(older.userLink!.user.email);

    const keptId = older.userLink!.userId;
    expect((await personOf(newer.schoolId, newer.schoolId === schoolOne ? sameNumber.one : sameNumber.two)).userLink?.userId).toBe(keptId);
    expect((await db.schoolMembership.findMany({ where: { userId: keptId }, select: { schoolId: true } })).map((m) => m.schoolId).sort()).toEqual([schoolOne, schoolTwo].sort());
    // The account folded in: disabled, without its school, its Google sign-in now the kept account's.
    expect((await db.user.findUniqueOrThrow({ where: { id: newer.userLink!.userId } })).disabledAt).not.toBeNull();
    expect(await db.schoolMembership.count({ where: { userId: newer.userLink!.userId } })).toBe(0);
    expect(await checkPasswordSignIn(db, { email: newer.userLink!.user.email!, password: "the newer account's password 1" })).toMatchObject({ ok: false });
    expect((await db.account.findUniqueOrThrow({ where: { provider_providerAccountId: { provider: "google", providerAccountId: "google-shared-1" } } })).userId).toBe(keptId);
    const events = await db.activityEvent.findMany({ where: { action: "Shared Staff Confirmed" }, select: { schoolId: true, subjectId: true, actorUserId: true, details: true } });
    expect(events.map((e) => [e.schoolId, e.subjectId, e.actorUserId]).sort()).toEqual(
      [
        [schoolOne, p1.id, trustAdminId],
        [schoolTwo, p2.id, trustAdminId],
      ].sort(),
    );
    expect(events[0]!.details).toMatchObject({ rule: "same teacher number", teacherNumber: "7712345" });
    const listed = await api.sharedStaff.list();
    expect(listed.proposed).toHaveLength(0);
    const pair = listed.confirmed.find((c) => c.rules[0] === "TEACHER_NUMBER")!;
    expect(pair.decidedBy).toBe("data@riverside-trust.example.org");

    await api.sharedStaff.undo({ pairId: pair.pairId });
    expect((await personOf(newer.schoolId, newer.schoolId === schoolOne ? sameNumber.one : sameNumber.two)).userLink?.userId).toBe(newer.userLink!.userId);
    expect((await db.user.findUniqueOrThrow({ where: { id: newer.userLink!.userId } })).disabledAt).toBeNull();
    expect(await db.schoolMembership.findMany({ where: { userId: newer.userLink!.userId }, select: { schoolId: true, role: true } })).toEqual([{ schoolId: newer.schoolId, role: "STAFF" }]);
    expect((await db.account.findUniqueOrThrow({ where: { provider_providerAccountId: { provider: "google", providerAccountId: "google-shared-1" } } })).userId).toBe(newer.userLink!.userId);
    expect((await db.schoolMembership.findMany({ where: { userId: keptId }, select: { schoolId: true } })).map((m) => m.schoolId)).toEqual([older.schoolId]);
    expect(await db.activityEvent.count({ where: { action: "Shared Staff Undone", schoolId: { in: [schoolOne, schoolTwo] } } })).toBe(2);
    const again = await api.sharedStaff.list();
    expect(again.proposed).toHaveLength(1);
    expect(again.proposed[0]!.undone).toBe(true);

    await api.sharedStaff.reject({ personAId: p2.id, personBId: p1.id });
    expect((await api.sharedStaff.list()).proposed).toHaveLength(0);
    expect(await db.activityEvent.count({ where: { action: "Shared Staff Rejected", schoolId: { in: [schoolOne, schoolTwo] } } })).toBe(2);
  });

  it("keeps the same-email account alive when one school archives them, ending only that school's membership", async () => {
    const p2 = await personOf(schoolTwo, sameEmail.two);
    const userId = p2.userLink!.userId;
    // A saved password at each school: only the school they left forgets its own.
    const appAt = (schoolId: string) => db.launcherApp.create({ data: { schoolId, name: "Maths Hub", url: "https://maths.example.org" } });
    const [appOne, appTwo] = [await appAt(schoolOne), await appAt(schoolTwo)];
    for (const app of [appOne, appTwo]) await saveLogin(db, userId, app.id, { username: "j.smith", password: "correct horse" });
    await db.person.update({ where: { id: p2.id }, data: { archivedAt: new Date() } });
    await db.$transaction(async (tx) => {
      await disableAccountsOfArchived(tx, schoolTwo, [p2.id]);
      await forgetSavedLoginsOf(tx, [p2.id]);
    });
    expect((await db.savedAppLogin.findMany({ where: { userId }, select: { appId: true } })).map((l) => l.appId)).toEqual([appOne.id]);
    expect(await db.userDataKey.count({ where: { userId } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).disabledAt).toBeNull();
    expect((await db.schoolMembership.findMany({ where: { userId }, select: { schoolId: true } })).map((m) => m.schoolId)).toEqual([schoolOne]);
    expect(await db.activityEvent.count({ where: { action: "Membership Ended", schoolId: schoolTwo, subjectId: userId } })).toBe(1);
  });

  it("refuses the Shared staff page to school admins, staff and trust viewers, and keeps each trust's admin to their own trust", async () => {
    const schoolAdmin = await createUser(db, { schoolId: schoolOne, role: "SCHOOL_ADMIN" });
    const staff = await createUser(db, { schoolId: schoolOne, role: "STAFF" });
    const viewer = await db.user.create({ data: { email: "safety@riverside-trust.example.org", trustId: (await db.school.findUniqueOrThrow({ where: { id: schoolOne } })).trustId, trustRole: "TRUST_VIEWER" } });
    for (const userId of [schoolAdmin.id, staff.id, viewer.id]) {
      expect(await refusal(() => asUser(userId).sharedStaff.list())).toBe("FORBIDDEN");
      expect(await refusal(() => asUser(userId).sharedStaff.confirm({ personAId: "a", personBId: "b" }))).toBe("FORBIDDEN");
    }
    const p1 = await personOf(schoolOne, sameNumber.one);
    const p2 = await personOf(schoolTwo, sameNumber.two);
    const p3 = await personOf(otherSchool, sameNumber.other);
    // Another trust's admin sees none of this trust's staff, and can't decide about them.
    const theirs = await asUser(otherTrustAdminId).sharedStaff.list();
    expect(JSON.stringify(theirs)).not.toMatch(new RegExp([p1.id, p2.id, p1.surname, p2.surname].join("|")));
    expect(await refusal(() => asUser(otherTrustAdminId).sharedStaff.confirm({ personAId: p1.id, personBId: p2.id }))).toBe("NOT_FOUND");
    expect(await refusal(() => asUser(otherTrustAdminId).sharedStaff.confirm({ personAId: p1.id, personBId: p3.id }))).toBe("NOT_FOUND");
    const confirmed = (await asUser(trustAdminId).sharedStaff.list()).confirmed;
    expect(await refusal(() => asUser(otherTrustAdminId).sharedStaff.undo({ pairId: confirmed[0]!.pairId }))).toBe("NOT_FOUND");
    // Nor across trusts from this side: the other trust's record is never a pair.
    expect(await refusal(() => asUser(trustAdminId).sharedStaff.confirm({ personAId: p1.id, personBId: p3.id }))).toBe("NOT_FOUND");
  });
});
