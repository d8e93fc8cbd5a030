import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { activityFiltersFromSearchParams, activityFiltersToSearchParams } from "@/server/activity/filters";
import { summariseDetails } from "@/server/activity/present";
import { activityBatches, activityFacets, decodeCursor, encodeCursor, listActivity, recentActivity, type ActivityFilters } from "@/server/activity/queries";
import { activityFilterOptions, resolveActivityFilters, searchActivity } from "@/server/activity/service";
import { createSchool } from "../helpers/fixtures";
import { addEvents, allIds } from "./events";

const at = (iso: string) => new Date(iso);

describe("activity log queries", () => {
  let schoolId: string;
  let otherSchoolId: string;

  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    otherSchoolId = (await createSchool(db)).id;
    await addEvents(db, schoolId, [
      { action: "User Created", subjectLabel: "Adams, Ada (AA)", details: { kind: "PUPIL" }, at: at("2026-09-01T08:00:00Z") },
      { action: "User Created", subjectLabel: "Brown, Bob (BB)", details: { kind: "STAFF" }, at: at("2026-09-02T08:00:00Z") },
      { action: "User Matched", subjectLabel: "Cole, Cat (CC)", details: { kind: "PUPIL", rule: "UPN", reason: "Same UPN as the existing record" }, at: at("2026-09-03T08:00:00Z") },
      { action: "Signed In", actorLabel: "Sign-in", subjectType: "User", subjectLabel: "head@oakfield.example", details: { method: "Google" }, at: at("2026-09-04T08:00:00Z") },
      { action: "Role Changed", actorLabel: "Helen Head", subjectType: "User", subjectLabel: "100%_off@oakfield.example", details: { from: "Staff", to: "School admin" }, at: at("2026-09-05T08:00:00Z") },
      { action: "User Archived", subjectLabel: "Davies, Dan (DD)", details: { kind: "STAFF", reason: "no longer current in the MIS" }, at: at("2026-09-06T08:00:00Z") },
    ]);
    await addEvents(db, otherSchoolId, [
      { action: "User Created", subjectLabel: "Adams, Other (AO)", details: { kind: "PUPIL" }, actorLabel: "Other Admin", at: at("2026-09-03T09:00:00Z") },
      { action: "Secret Action", subjectLabel: "Brown, Bob (BB)", details: { kind: "STAFF" }, at: at("2026-09-04T09:00:00Z") },
    ]);
  });
  afterAll(() => db.$disconnect());

  const labels = async (filters: ActivityFilters, school = schoolId) => (await listActivity(db, school, { ...filters, limit: 100 })).rows.map((r) => r.subjectLabel);

  it("lists a school's events newest first, with their fields", async () => {
    const page = await listActivity(db, schoolId, { limit: 100 });
    expect(page.nextCursor).toBeNull();
    expect(page.rows.map((r) => r.subjectLabel)).toEqual(["Davies, Dan (DD)", "100%_off@oakfield.example", "head@oakfield.example", "Cole, Cat (CC)", "Brown, Bob (BB)", "Adams, Ada (AA)"]);
    expect(page.rows[0]).toMatchObject({ action: "User Archived", actorLabel: "Sync", at: at("2026-09-06T08:00:00Z"), details: { kind: "STAFF" } });
    expect(page.rows[0]!.at).toBeInstanceOf(Date);
  });

  it("narrows by date range (from inclusive, to exclusive)", async () => {
    expect(await labels({ from: at("2026-09-03T08:00:00Z"), to: at("2026-09-05T08:00:00Z") })).toEqual(["head@oakfield.example", "Cole, Cat (CC)"]);
    expect(await labels({ from: at("2026-09-06T08:00:00.001Z") })).toEqual([]);
  });

  it("narrows by action, one or several", async () => {
    expect(await labels({ actions: ["User Created"] })).toEqual(["Brown, Bob (BB)", "Adams, Ada (AA)"]);
    expect(await labels({ actions: ["Signed In", "Role Changed"] })).toEqual(["100%_off@oakfield.example", "head@oakfield.example"]);
    expect(await labels({ actions: ["Secret Action"] })).toEqual([]);
  });

  it("narrows by person kind", async () => {
    expect(await labels({ personKind: "STAFF" })).toEqual(["Davies, Dan (DD)", "Brown, Bob (BB)"]);
    expect(await labels({ personKind: "PUPIL" })).toEqual(["Cole, Cat (CC)", "Adams, Ada (AA)"]);
  });

  it("narrows by actor", async () => {
    expect(await labels({ actor: "Helen Head" })).toEqual(["100%_off@oakfield.example"]);
    expect(await labels({ actor: "Sign-in" })).toEqual(["head@oakfield.example"]);
    expect(await labels({ actor: "Other Admin" })).toEqual([]);
  });

  it("narrows by free text in the subject, actor or action, case-insensitively and literally", async () => {
    expect(await labels({ text: "BROWN" })).toEqual(["Brown, Bob (BB)"]);
    expect(await labels({ text: "helen" })).toEqual(["100%_off@oakfield.example"]);
    expect(await labels({ text: "matched" })).toEqual(["Cole, Cat (CC)"]);
    // % and _ are not wildcards.
    expect(await labels({ text: "100%_" })).toEqual(["100%_off@oakfield.example"]);
    expect(await labels({ text: "%" })).toEqual(["100%_off@oakfield.example"]);
    expect(await labels({ text: "a_a" })).toEqual([]);
  });

  it("combines filters (MyLogin's check: staff created since the migration date)", async () => {
    expect(await labels({ actions: ["User Created"], from: at("2026-09-01T12:00:00Z"), personKind: "STAFF" })).toEqual(["Brown, Bob (BB)"]);
    expect(await labels({ actions: ["User Created"], from: at("2026-09-01T12:00:00Z"), personKind: "PUPIL" })).toEqual([]);
  });

  it("never shows another school's events, whatever the filters", async () => {
    const filters: ActivityFilters[] = [{}, { text: "Other" }, { actions: ["Secret Action"] }, { actor: "Other Admin" }, { personKind: "STAFF" }];
    for (const f of filters) {
      const rows = (await listActivity(db, schoolId, { ...f, limit: 100 })).rows;
      expect(rows.map((r) => r.subjectLabel)).not.toContain("Adams, Other (AO)");
      expect(rows.map((r) => r.action)).not.toContain("Secret Action");
    }
    expect(await labels({}, otherSchoolId)).toEqual(["Brown, Bob (BB)", "Adams, Other (AO)"]);
  });

  it("offers each school's own actions and actors for the dropdowns", async () => {
    expect(await activityFacets(db, schoolId)).toEqual({
      actions: ["Role Changed", "Signed In", "User Archived", "User Created", "User Matched"],
      actors: ["Helen Head", "Sign-in", "Sync"],
    });
    expect(await activityFacets(db, otherSchoolId)).toEqual({ actions: ["Secret Action", "User Created"], actors: ["Other Admin", "Sync"] });
    expect(await activityFacets(db, "no-such-school")).toEqual({ actions: [], actors: [] });
  });

  it("keeps the dashboard's recent list, newest first", async () => {
    expect((await recentActivity(db, schoolId, 2)).map((r) => r.subjectLabel)).toEqual(["Davies, Dan (DD)", "100%_off@oakfield.example"]);
  });
});

describe("keyset pagination", () => {
  let schoolId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    const batch = at("2026-10-01T12:00:00Z");
    // A sync batch writes its events with one timestamp: 40 ties, with older and newer around them.
    await addEvents(db, schoolId, [
      ...Array.from({ length: 40 }, (_, i) => ({ at: batch, subjectLabel: `Tied ${i}` })),
      ...Array.from({ length: 13 }, (_, i) => ({ at: new Date(batch.getTime() - (i + 1) * 1000), subjectLabel: `Older ${i}` })),
      ...Array.from({ length: 8 }, (_, i) => ({ at: new Date(batch.getTime() + (i % 3) * 1), subjectLabel: `Newer ${i}` })),
    ]);
  });

  it("returns every row exactly once, in order, across pages, even with identical timestamps", async () => {
    const expected = await allIds(db, schoolId);
    expect(expected).toHaveLength(61);
    for (const limit of [1, 7, 40, 60, 61, 100]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<typeof listActivity>> = await listActivity(db, schoolId, { cursor, limit });
        expect(page.rows.length).toBeLessThanOrEqual(limit);
        seen.push(...page.rows.map((r) => r.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(61 / limit)));
    }
  });

  it("pages through filtered results too", async () => {
    const expected = (await listActivity(db, schoolId, { text: "tied", limit: 1000 })).rows.map((r) => r.id);
    expect(expected).toHaveLength(40);
    const seen: string[] = [];
    for await (const batch of activityBatches(db, schoolId, { text: "tied" }, 6)) seen.push(...batch.map((r) => r.id));
    expect(seen).toEqual(expected);
  });

  it("refuses a cursor that is not one of ours", async () => {
    expect(decodeCursor("not a cursor")).toBeNull();
    expect(decodeCursor(Buffer.from("12:x'; drop table").toString("base64url"))).toBeNull();
    await expect(listActivity(db, schoolId, { cursor: "garbage!", limit: 5 })).rejects.toThrow(RangeError);
    const position = { at: at("2026-10-01T12:00:00.123Z"), id: "cabc123" };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });
});

describe("filters from the page's URL", () => {
  it("reads dates as whole days in the school's timezone (BST and GMT)", () => {
    const summer = resolveActivityFilters({ from: "2026-07-01", to: "2026-07-01" }, "Europe/London");
    expect(summer.from).toEqual(at("2026-06-30T23:00:00Z"));
    expect(summer.to).toEqual(at("2026-07-01T23:00:00Z"));
    const winter = resolveActivityFilters({ from: "2026-12-31", to: "2026-12-31" }, "Europe/London");
    expect(winter.from).toEqual(at("2026-12-31T00:00:00Z"));
    expect(winter.to).toEqual(at("2027-01-01T00:00:00Z"));
  });

  it("ignores values that don't make sense and round-trips the rest", () => {
    const params = new URLSearchParams("from=2026-02-30&to=2026-03-01&action=User+Created&action=Signed+In&kind=PARENT&actor=Sync&q=++smith++");
    const filters = activityFiltersFromSearchParams(params);
    expect(filters).toEqual({ to: "2026-03-01", actions: ["User Created", "Signed In"], actor: "Sync", q: "smith" });
    expect(activityFiltersFromSearchParams(activityFiltersToSearchParams(filters))).toEqual(filters);
    expect(activityFiltersFromSearchParams(new URLSearchParams(""))).toEqual({});
  });
});

describe("the page's view of the log", () => {
  it("summarises details in plain words and gives the person kind", async () => {
    const schoolId = (await createSchool(db)).id;
    await addEvents(db, schoolId, [{ action: "User Updated", details: { kind: "STAFF", changed: ["email", "dateOfBirth", "upn"] }, at: at("2026-11-23T14:05:00Z") }]);
    const page = await searchActivity(db, schoolId, { limit: 10 });
    expect(page.rows).toEqual([
      { id: expect.any(String), schoolId, at: at("2026-11-23T14:05:00Z"), action: "User Updated", actorLabel: "Sync", subjectType: "Person", subjectLabel: "Pupil, Pat (PP)", personKind: "STAFF", summary: "Changed: email, date of birth, UPN" },
    ]);
  });

  it.each([
    [{ kind: "PUPIL", rule: "UPN", reason: "Same UPN as the existing record" }, "Rule: UPN · Reason: Same UPN as the existing record"],
    [{ method: "Google" }, "Method: Google"],
    [{ from: "Staff", to: "School admin" }, "Staff → School admin"],
    [{ mode: "full", trigger: "MANUAL", resumed: false, counts: { students: { created: 3, updated: 1, archived: 0, unchanged: 9 }, employees: { created: 1, updated: 0, archived: 0, unchanged: 0 } } }, "4 created, 1 updated, 9 unchanged · Started by Demo Admin"],
    [{ mode: "incremental", trigger: "SCHEDULE", resumed: true, counts: {} }, "No changes · Scheduled · Resumed where the last run stopped"],
    [{ mode: "incremental", trigger: "SIGN_IN", counts: {} }, "No changes · At sign-in"],
    [{ provider: "Microsoft", identityEmail: "a@b.example", how: "match all by email" }, "Provider: Microsoft (a@b.example) · How: match all by email"],
    [{ domains: ["oakfield.sch.uk", "oakfield.org"] }, "Domains: oakfield.sch.uk, oakfield.org"],
    [{ personId: "p1", kind: "STAFF" }, ""],
    [null, ""],
    [["not", "an", "object"], ""],
  ])("summarises %j", (details, summary) => {
    expect(summariseDetails(details, "Demo Admin")).toBe(summary);
  });

  it("offers the latest migration's date in the school's timezone, ignoring cancelled ones", async () => {
    const schoolId = (await createSchool(db)).id;
    expect((await activityFilterOptions(db, schoolId)).migrationDate).toBeNull();
    await db.misMigration.create({ data: { schoolId, detectedBy: "webhook", detectedAt: at("2026-03-30T10:00:00Z"), migratedAt: at("2026-03-29T23:30:00Z") } });
    // 23:30 UTC on 29 March is 00:30 BST on the 30th.
    expect((await activityFilterOptions(db, schoolId)).migrationDate).toBe("2026-03-30");
    await db.misMigration.create({ data: { schoolId, detectedBy: "id-churn", detectedAt: at("2026-06-10T10:00:00Z") } });
    expect((await activityFilterOptions(db, schoolId)).migrationDate).toBe("2026-06-10");
    await db.misMigration.create({ data: { schoolId, detectedBy: "id-churn", detectedAt: at("2026-07-10T10:00:00Z"), status: "CANCELLED" } });
    expect((await activityFilterOptions(db, schoolId)).migrationDate).toBe("2026-06-10");
  });
});
