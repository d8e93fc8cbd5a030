import jsQR from "jsqr";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginCardsResponse } from "@/server/accounts/cards-response";
import { findUsableToken } from "@/server/auth/password-tokens";
import { db } from "@/server/db";
import { staffSignInCsvResponse } from "@/server/users/staff-sign-in-list";
import { createSchool, createUser } from "../helpers/fixtures";
import { createStaffPerson } from "../helpers/people";
import { pdfImages } from "../helpers/pdf-images";
import { createPupilPerson, enableYearGroup } from "../helpers/pupils";
import { alignPupilAccounts } from "@/server/accounts/provision";
import { loginCardsFor } from "@/server/accounts/cards";

describe("login cards and staff sign-in links", () => {
  let schoolId: string;
  let classId: string;
  let teacherId: string;
  let otherTeacherId: string;
  let adminId: string;
  const cardsUrl = (params: Record<string, string>) => new URL(`http://localhost/api/login-cards?${new URLSearchParams({ schoolId, ...params })}`);

  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    await enableYearGroup(db, schoolId, "7");
    const pupils = await Promise.all(["Ada", "Bo", "Cy"].map((forename, i) => createPupilPerson(db, schoolId, { forename, surname: `Card${i}` })));
    await alignPupilAccounts(db, schoolId);
    const teacherPerson = await createStaffPerson(db, schoolId, { forename: "Tess", surname: "Teacher" });
    teacherId = (await createUser(db, { schoolId })).id;
    await db.user.update({ where: { id: teacherId }, data: { personId: teacherPerson.id } });
    otherTeacherId = (await createUser(db, { schoolId })).id;
    adminId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN", password: "admin-password-123" })).id;
    classId = (await db.class.create({ data: { schoolId, name: "7B Maths", staff: { create: { personId: teacherPerson.id } }, pupils: { create: pupils.slice(0, 2).map((p) => ({ personId: p.id })) } } })).id;
  });
  afterAll(() => db.$disconnect());

  it("streams a class's cards to its teacher, each QR decoding to that pupil's badge sign-in URL", async () => {
    const response = await loginCardsResponse(db, teacherId, cardsUrl({ classId, perPage: "8" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toContain('filename="login-cards-7b-maths.pdf"');
    const pdf = Buffer.from(await response.arrayBuffer());
    const expected = [];
    for await (const card of loginCardsFor(db, { userId: teacherId, schoolId }, { classId })) expected.push(card.badgeUrl);
    expect(expected).toHaveLength(2);
    expect(pdfImages(pdf).map((image) => jsQR(image.rgba, image.width, image.height)?.data)).toEqual(expected);
    expect(await db.activityEvent.count({ where: { schoolId, action: "Login Cards Printed", actorUserId: teacherId } })).toBe(1);
  });

  it("refuses other teachers, teachers for a whole year group, and anyone signed out; admins print a year group", async () => {
    expect((await loginCardsResponse(db, otherTeacherId, cardsUrl({ classId }))).status).toBe(403);
    expect((await loginCardsResponse(db, teacherId, cardsUrl({ ncYear: "7" }))).status).toBe(403);
    expect((await loginCardsResponse(db, null, cardsUrl({ classId }))).status).toBe(401);
    expect((await loginCardsResponse(db, adminId, cardsUrl({}))).status).toBe(400);
    const year = await loginCardsResponse(db, adminId, cardsUrl({ ncYear: "7" }));
    expect(year.status).toBe(200);
    expect(pdfImages(Buffer.from(await year.arrayBuffer()))).toHaveLength(3);
  });

  it("lists staff usernames with working first-time set-up links, never passwords, formula-guarded, for admins only", async () => {
    const school = (await createSchool(db)).id;
    const admin = (await createUser(db, { schoolId: school, role: "SCHOOL_ADMIN", password: "a-secret-password-1", email: "head@csv.example" })).id;
    const person = await createStaffPerson(db, school, { forename: "=HYPERLINK(1)", surname: "Newstaff", email: "new@csv.example" });
    const newcomer = await createUser(db, { schoolId: school, email: "new@csv.example" });
    await db.user.update({ where: { id: newcomer.id }, data: { personId: person.id } });
    const url = new URL(`http://localhost/api/staff-sign-in-links?schoolId=${school}`);

    const response = await staffSignInCsvResponse(db, admin, url);
    expect(response.status).toBe(200);
    const csv = await response.text();
    const [header, ...rows] = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(header).toBe("Name,Username,Status,Set-up link,Link expires");
    expect(csv).not.toContain("a-secret-password-1");
    const newRow = rows.find((r) => r.includes("new@csv.example"))!;
    expect(newRow.startsWith("'=HYPERLINK(1) Newstaff,new@csv.example,Needs to set a password,")).toBe(true);
    const token = /\/invite\/([A-Za-z0-9_-]+)/.exec(newRow)![1]!;
    expect(await findUsableToken(db, token)).toMatchObject({ purpose: "INVITE", user: { id: newcomer.id } });
    expect(rows.find((r) => r.includes("head@csv.example"))).toMatch(/,Has a password,,$/);
    expect(await db.activityEvent.findFirst({ where: { schoolId: school, action: "Staff Sign-in List Exported" }, select: { details: true } })).toMatchObject({ details: { staff: 2, linksIssued: 1 } });

    const staff = (await createUser(db, { schoolId: school, role: "STAFF" })).id;
    expect((await staffSignInCsvResponse(db, staff, url)).status).toBe(403);
    expect((await staffSignInCsvResponse(db, adminId, url)).status).toBe(403);
  });
});
