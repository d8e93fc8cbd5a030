import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { activityExportResponse } from "@/server/activity/export";
import { createUser } from "../helpers/fixtures";
import { addEvents } from "./events";

// What the activity export route answers besides the rows: refusals in words, the file's name
// and the headers that keep a browser from caching or sniffing it.

const NOW = new Date("2026-11-23T10:00:00Z");
const url = (query: string) => new URL(`http://staffroom.test/api/activity/export?${query}`);

describe("activity export response", () => {
  let schoolId: string;
  let adminId: string;
  beforeAll(async () => {
    schoolId = (await db.school.create({ data: { name: "St. Mary's  C_of_E -- Primary!" } })).id;
    adminId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id;
    await addEvents(db, schoolId, [{ action: "Sync Completed", subjectType: null, subjectLabel: null, details: {}, at: new Date("2026-11-23T09:00:00Z") }]);
  });
  afterAll(() => db.$disconnect());

  it("explains each refusal in plain text", async () => {
    const staffId = (await createUser(db, { schoolId, role: "STAFF" })).id;
    for (const [response, status, message] of [
      [await activityExportResponse(db, null, url(`schoolId=${schoolId}`), NOW), 401, "Please sign in."],
      [await activityExportResponse(db, adminId, url(""), NOW), 400, "Which school? The link is missing its schoolId."],
      [await activityExportResponse(db, staffId, url(`schoolId=${schoolId}`), NOW), 403, "Only this school's administrators can export the activity log."],
      // An id of 101 characters is refused unread; one of 100 is looked up, and is no school of theirs.
      [await activityExportResponse(db, adminId, url(`schoolId=${"s".repeat(101)}`), NOW), 400, "Which school? The link is missing its schoolId."],
      [await activityExportResponse(db, adminId, url(`schoolId=${"s".repeat(100)}`), NOW), 403, "Only this school's administrators can export the activity log."],
    ] as const) {
      expect(response.status).toBe(status);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toBe(message);
    }
  });

  it("says which filters in the link are not valid", async () => {
    const response = await activityExportResponse(db, adminId, url(`schoolId=${schoolId}&from=yesterday`), NOW);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^The export's filters aren't valid \(.*from.*\)\. Change them on the Activity page and export again\.$/);
  });

  it("names the file after the school and the day, and is neither cached nor sniffed", async () => {
    const response = await activityExportResponse(db, adminId, url(`schoolId=${schoolId}`), NOW);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="activity-st-marys-c-of-e-primary-2026-11-23.csv"');
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    // An event with no subject has empty cells, not "null".
    const [, row] = (await response.text()).trim().split("\r\n");
    expect(row!.split(",").slice(1, 4)).toEqual(["Sync Completed", "", ""]);
  });

  it("falls back to a plain name when the school's has no letters or digits", async () => {
    const symbols = (await db.school.create({ data: { name: "★ ✿ ★" } })).id;
    const admin = (await createUser(db, { schoolId: symbols, role: "SCHOOL_ADMIN" })).id;
    const response = await activityExportResponse(db, admin, url(`schoolId=${symbols}`), NOW);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="activity-school-2026-11-23.csv"');
  });
});
