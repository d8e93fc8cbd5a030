import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { activityExportResponse, csvCell } from "@/server/activity/export";
import { createSchool, createUser } from "../helpers/fixtures";
import { addEvents } from "./events";

const at = (iso: string) => new Date(iso);
const BOM = "\uFEFF";
const HEADER = "When,Action,Subject,Subject type,Person kind,Details,By,Event ID";

/** The CSV's lines without the byte-order mark, and each line's cells up to the Event ID. */
async function csvLines(response: Response) {
  // Response.text() would drop the byte-order mark: decode keeping it.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith(BOM)).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);
  return text.slice(1, -2).split("\r\n");
}
const withoutId = (line: string) => line.replace(/,[^,]+$/, "");

describe("CSV cells", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    ["Smith, John", '"Smith, John"'],
    ['He said "hi"', '"He said ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    [" padded ", '" padded "'],
    ["=HYPERLINK(\"http://evil\")", '"\'=HYPERLINK(""http://evil"")"'],
    ["+44 1638 438094", "'+44 1638 438094"],
    ["-1+1", "'-1+1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["a=b", "a=b"],
  ])("writes %j as %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe("GET /api/activity/export", () => {
  let schoolId: string;
  let adminId: string;
  let staffId: string;
  let otherAdminId: string;
  const exportUrl = (query: string) => new URL(`http://staffroom.test/api/activity/export?${query}`);
  const NOW = at("2026-11-23T10:00:00Z");

  beforeAll(async () => {
    schoolId = (await db.school.create({ data: { name: "St. Mary's C of E Primary" } })).id;
    const otherSchoolId = (await createSchool(db)).id;
    adminId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id;
    staffId = (await createUser(db, { schoolId, role: "STAFF" })).id;
    otherAdminId = (await createUser(db, { schoolId: otherSchoolId, role: "SCHOOL_ADMIN" })).id;
    await addEvents(db, schoolId, [
      { action: "User Created", subjectLabel: "O'Brien, Siobhán (SO)", details: { kind: "PUPIL" }, at: at("2026-07-01T13:05:09Z") },
      { action: "User Updated", subjectLabel: '=HYPERLINK("http://evil.example","Click")', details: { kind: "STAFF", changed: ["email", "jobTitle"] }, at: at("2026-11-23T09:30:00Z") },
      { action: "Signed In", actorLabel: "Sign-in", subjectType: "User", subjectLabel: "head@school.example", details: { method: "password" }, at: at("2026-11-23T09:45:00Z") },
    ]);
    await addEvents(db, otherSchoolId, [{ action: "Signed In", subjectLabel: "someone@else.example", at: at("2026-11-23T09:50:00Z") }]);
  });
  afterAll(() => db.$disconnect());

  it("refuses the signed-out, staff, other schools' admins and links without a school", async () => {
    expect((await activityExportResponse(db, null, exportUrl(`schoolId=${schoolId}`))).status).toBe(401);
    expect((await activityExportResponse(db, adminId, exportUrl(""))).status).toBe(400);
    expect((await activityExportResponse(db, staffId, exportUrl(`schoolId=${schoolId}`))).status).toBe(403);
    expect((await activityExportResponse(db, otherAdminId, exportUrl(`schoolId=${schoolId}`))).status).toBe(403);
  });

  it("downloads the school's log, newest first, escaped, guarded against formulas, with British times", async () => {
    const response = await activityExportResponse(db, adminId, exportUrl(`schoolId=${schoolId}`), NOW);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="activity-st-marys-c-of-e-primary-2026-11-23.csv"');
    const lines = await csvLines(response);
    expect(lines[0]).toBe(HEADER);
    expect(lines.slice(1).map(withoutId)).toEqual([
      "23/11/2026 09:45:00,Signed In,head@school.example,User,,Method: password,Sign-in",
      `23/11/2026 09:30:00,User Updated,"'=HYPERLINK(""http://evil.example"",""Click"")",Person,Staff,"Changed: email, job title",Sync`,
      // 13:05 UTC in July is 14:05 in London (BST).
      `01/07/2026 14:05:09,User Created,"O'Brien, Siobhán (SO)",Person,Pupil,,Sync`,
    ]);
    expect(lines.join("\n")).not.toContain("someone@else.example");
  });

  it("applies the page's filters", async () => {
    const byAction = await csvLines(await activityExportResponse(db, adminId, exportUrl(`schoolId=${schoolId}&action=Signed+In`)));
    expect(byAction.slice(1).map((l) => l.split(",")[1])).toEqual(["Signed In"]);
    const byKindAndDate = await csvLines(await activityExportResponse(db, adminId, exportUrl(`schoolId=${schoolId}&kind=PUPIL&from=2026-07-01&to=2026-07-01`)));
    expect(byKindAndDate.slice(1).map((l) => l.split(",")[1])).toEqual(["User Created"]);
    const nothing = await csvLines(await activityExportResponse(db, adminId, exportUrl(`schoolId=${schoolId}&q=nobody`)));
    expect(nothing).toEqual([HEADER]);
  });

  it("streams a large log in batches, every row once", async () => {
    const bigSchool = (await createSchool(db)).id;
    const bigAdmin = (await createUser(db, { schoolId: bigSchool, role: "SCHOOL_ADMIN" })).id;
    const base = at("2026-10-01T12:00:00Z").getTime();
    // More than two batches, with runs of identical timestamps across the batch edges.
    await addEvents(db, bigSchool, Array.from({ length: 2500 }, (_, i) => ({ subjectLabel: `Pupil ${i}`, at: new Date(base + Math.floor(i / 7) * 1000) })));
    const lines = await csvLines(await activityExportResponse(db, bigAdmin, exportUrl(`schoolId=${bigSchool}`)));
    const ids = lines.slice(1).map((l) => l.split(",").at(-1));
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
  });
});
