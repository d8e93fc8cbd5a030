import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { checkPasswordSignIn } from "@/server/auth/credentials";
import { issuePasswordToken } from "@/server/auth/password-tokens";
import { disableAccountsOfArchived, provisionStaffAccounts } from "@/server/users/provision";
import { createSchool, createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";

describe("accounts for synced staff", () => {
  let schoolId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
  });
  afterAll(() => db.$disconnect());

  it("creates an account with an unusable password for current staff with an email, once", async () => {
    const teacher = await createStaffPerson(db, schoolId, { forename: "Grace", surname: "Hopper", email: "G.Hopper@School.Example" });
    const noEmail = await createStaffPerson(db, schoolId, { email: null });
    const leaver = await createStaffPerson(db, schoolId, { archived: true });
    const pupil = await db.person.create({ data: { schoolId, kind: "PUPIL", forename: "Pip", surname: "Pupil", email: "pip@school.example" } });

    const ids = [teacher.id, noEmail.id, leaver.id, pupil.id];
    expect(await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, ids))).toEqual({ created: 1, joined: 0 });
    expect(await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, ids))).toEqual({ created: 0, joined: 0 });

    const user = await db.user.findUniqueOrThrow({ where: { personId: teacher.id }, include: { memberships: true } });
    expect(user).toMatchObject({ email: "g.hopper@school.example", name: "Grace Hopper", passwordHash: null, disabledAt: null });
    expect(user.memberships.map((m) => [m.schoolId, m.role])).toEqual([[schoolId, "STAFF"]]);
    expect(await db.user.count({ where: { personId: { in: [noEmail.id, leaver.id, pupil.id] } } })).toBe(0);
    expect(await db.activityEvent.count({ where: { schoolId, action: "Account Created", subjectId: user.id } })).toBe(1);

    // Unusable: no password works until they set one.
    expect(await checkPasswordSignIn(db, { email: user.email!, password: "" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("gives an existing account with the same email this school's membership instead of a duplicate", async () => {
    const otherSchool = (await createSchool(db)).id;
    const existing = await createUser(db, { schoolId: otherSchool, email: "shared.teacher@school.example" });
    const person = await createStaffPerson(db, schoolId, { email: "Shared.Teacher@school.example" });
    expect(await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, [person.id]))).toEqual({ created: 0, joined: 1 });
    const user = await db.user.findUniqueOrThrow({ where: { id: existing.id }, include: { memberships: { orderBy: { schoolId: "asc" } } } });
    expect(user.personId).toBe(person.id);
    expect(user.memberships.map((m) => m.schoolId).sort()).toEqual([otherSchool, schoolId].sort());
  });

  it("creates one account when two staff share an email", async () => {
    const a = await createStaffPerson(db, schoolId, { email: "office@school.example" });
    const b = await createStaffPerson(db, schoolId, { email: "OFFICE@school.example" });
    expect(await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, [a.id, b.id]))).toEqual({ created: 1, joined: 0 });
  });

  it("disables leavers' accounts: sign-in refused, sessions and unused links end", async () => {
    const person = await createStaffPerson(db, schoolId, { email: "leaving@school.example" });
    await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, [person.id]));
    const user = await db.user.findUniqueOrThrow({ where: { personId: person.id } });
    const { hashPassword } = await import("@/server/auth/password");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword("a fine long password") } });
    await db.session.create({ data: { sessionToken: `s-${user.id}`, userId: user.id, expires: new Date(Date.now() + 3_600_000) } });
    await issuePasswordToken(db, user.id, "RESET");

    // Not archived yet: nothing happens.
    expect(await db.$transaction((tx) => disableAccountsOfArchived(tx, schoolId, [person.id]))).toEqual({ disabled: 0 });

    await db.person.update({ where: { id: person.id }, data: { archivedAt: new Date() } });
    expect(await db.$transaction((tx) => disableAccountsOfArchived(tx, schoolId, [person.id]))).toEqual({ disabled: 1 });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.disabledAt).not.toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.passwordToken.count({ where: { userId: user.id } })).toBe(0);
    expect(await checkPasswordSignIn(db, { email: user.email!, password: "a fine long password" })).toEqual({ ok: false, reason: "invalid" });
    expect(await db.activityEvent.count({ where: { schoolId, action: "Account Disabled", subjectId: user.id } })).toBe(1);
  });

  it("refuses a password sign-in as soon as the person is archived, even before the account is disabled", async () => {
    const person = await createStaffPerson(db, schoolId, { email: "archived.only@school.example" });
    await db.$transaction((tx) => provisionStaffAccounts(tx, schoolId, [person.id]));
    const { hashPassword } = await import("@/server/auth/password");
    await db.user.update({ where: { personId: person.id }, data: { passwordHash: await hashPassword("a fine long password") } });
    await db.person.update({ where: { id: person.id }, data: { archivedAt: new Date() } });
    expect(await checkPasswordSignIn(db, { email: "archived.only@school.example", password: "a fine long password" })).toEqual({ ok: false, reason: "invalid" });
  });
});
