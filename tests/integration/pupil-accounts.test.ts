import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { loginCardsFor } from "@/server/accounts/cards";
import { alignPupilAccounts } from "@/server/accounts/provision";
import { PICTURE_GRID } from "@/server/accounts/secrets";
import { createSchool, createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";
import { createPupilPerson, enableYearGroup } from "../helpers/pupils";

async function cards(userId: string, schoolId: string, group: { classId: string } | { ncYear: string }) {
  const out = [];
  for await (const card of loginCardsFor(db, { userId, schoolId }, group)) out.push(card);
  return out;
}

describe("pupil accounts", () => {
  afterAll(() => db.$disconnect());

  it("are off on a new school, and created for enabled year groups only", async () => {
    const school = await createSchool(db);
    const year7 = await createPupilPerson(db, school.id, { forename: "Léah", ncYear: "7" });
    const year8 = await createPupilPerson(db, school.id, { ncYear: "8" });
    expect(await alignPupilAccounts(db, school.id)).toMatchObject({ created: 0 });

    await enableYearGroup(db, school.id, "7", ["PASSWORD", "BADGE"]);
    expect(await alignPupilAccounts(db, school.id)).toMatchObject({ created: 1, failed: 0 });
    const account = await db.pupilAccount.findUniqueOrThrow({ where: { personId: year7.id }, include: { user: { include: { memberships: true } } } });
    expect(account.username).toMatch(/^leah\.[a-z2-9]{3}$/);
    expect(account.user.email).toBeNull();
    expect(account.user.memberships).toEqual([expect.objectContaining({ schoolId: school.id, role: "PUPIL" })]);
    expect(account.passwordHash).toMatch(/^\$argon2id\$/);
    expect(account.badgeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(account.pictureHash).toBeNull();
    expect(await db.pupilAccount.count({ where: { personId: year8.id } })).toBe(0);
    // Running again changes nothing.
    expect(await alignPupilAccounts(db, school.id)).toEqual({ created: 0, restored: 0, archived: 0, credentialsAdded: 0, failed: 0 });
  });

  it("print current credentials for a class to its teacher and an admin, never to another teacher", async () => {
    const school = await createSchool(db);
    await enableYearGroup(db, school.id, "7");
    const pupils = await Promise.all(["Amy", "Ben", "Cat"].map((forename, i) => createPupilPerson(db, school.id, { forename, surname: `Zed${i}` })));
    await alignPupilAccounts(db, school.id);
    const teacherPerson = await createStaffPerson(db, school.id);
    const teacher = await createUser(db, { schoolId: school.id });
    await db.user.update({ where: { id: teacher.id }, data: { personId: teacherPerson.id } });
    const other = await createUser(db, { schoolId: school.id });
    const admin = await createUser(db, { schoolId: school.id, role: "SCHOOL_ADMIN" });
    const klass = await db.class.create({ data: { schoolId: school.id, name: "7B Maths", staff: { create: { personId: teacherPerson.id } }, pupils: { create: pupils.slice(0, 2).map((p) => ({ personId: p.id })) } } });

    const printed = await cards(teacher.id, school.id, { classId: klass.id });
    expect(printed.map((c) => c.name)).toEqual(["Amy Zed0", "Ben Zed1"]);
    const [amy] = printed;
    expect(amy).toMatchObject({ group: "7B Maths", username: expect.stringMatching(/^amy\./), password: expect.stringMatching(/^[a-z]+\d\d$/) });
    expect(amy!.pictureSequence).toHaveLength(4);
    for (const picture of amy!.pictureSequence!) expect(PICTURE_GRID).toContain(picture);
    expect(amy!.badgeUrl).toMatch(/\/sign-in\/badge#[A-Za-z0-9_-]{32}$/);
    // Reprinting shows the same credentials: printing never re-issues.
    expect(await cards(admin.id, school.id, { classId: klass.id })).toEqual(printed);
    expect((await cards(admin.id, school.id, { ncYear: "7" })).map((c) => c.group)).toEqual(["Year 7", "Year 7", "Year 7"]);

    await expect(cards(other.id, school.id, { classId: klass.id })).rejects.toThrow(/classes you teach/);
    await expect(cards(teacher.id, school.id, { ncYear: "7" })).rejects.toThrow(/administrators/);
    const elsewhere = await createUser(db, { schoolId: (await createSchool(db)).id, role: "SCHOOL_ADMIN" });
    await expect(cards(elsewhere.id, school.id, { classId: klass.id })).rejects.toThrow(/access to this school/);
  });
});
