// Finding 9: impossible dates were accepted ("2025-13-01T10:00" saved as 2026-01-01, filters
// took "2025-99-99", the CSV export ignored a bad `from` and exported everything).
// Finding 12: odd input gave 500s (an object as the ack token, an object as Resend's
// email_id, q=%00 in the activity export).
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { isCalendarDate } from "@/lib/calendar";
import { isWallTime, wallTimeToDate } from "@/lib/incidents/time";
import { activityExportResponse } from "@/server/activity/export";
import { handleResendWebhook } from "@/server/incidents/webhook";
import { appRouter } from "@/server/trpc/root";
import { acknowledgeAction } from "@/app/(public)/ack/[token]/actions";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { RESEND_WEBHOOK_SECRET, signedResendWebhook } from "../helpers/resend-webhook";

const IMPOSSIBLE_TIMES = ["2025-13-01T10:00", "2025-02-30T10:00", "2025-02-29T10:00", "2025-04-31T09:00", "2025-06-01T25:00", "2025-06-01T10:61", "2025-00-10T10:00", "2025-06-00T10:00"];
const IMPOSSIBLE_DAYS = ["2025-99-99", "2025-02-30", "2025-13-01", "2023-02-29", "2025-1-01", "20250101"];

describe("calendar validation", () => {
  it.each(IMPOSSIBLE_TIMES)("refuses the wall time %s", (value) => {
    expect(isWallTime(value)).toBe(false);
    expect(() => wallTimeToDate(value)).toThrow(RangeError);
  });
  it.each(IMPOSSIBLE_DAYS)("refuses the day %s", (value) => expect(isCalendarDate(value)).toBe(false));

  it("accepts real ones, leap days and clock changes included", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(wallTimeToDate("2026-06-15T12:35").toISOString()).toBe("2026-06-15T11:35:00.000Z");
    expect(wallTimeToDate("2026-01-15T12:35").toISOString()).toBe("2026-01-15T12:35:00.000Z");
    // 01:30 on the spring-forward night doesn't exist in London: read as after the change.
    expect(wallTimeToDate("2026-03-29T01:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });
});

describe("dates and odd input at the edges", () => {
  let schoolId: string;
  let adminId: string;
  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    adminId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id;
  });
  afterAll(() => db.$disconnect());

  const exportUrl = (query: string) => new URL(`http://localhost/api/activity/export?schoolId=${schoolId}&${query}`);

  it("refuses an incident at an impossible time with a field error", async () => {
    const create = appRouter.createCaller(contextFor(db, adminId)).incidents.create({
      schoolId,
      occurredAt: "2025-13-01T10:00",
      locationDetail: "Hall",
      type: "ACCIDENT_INJURY",
      severity: "MINOR",
      description: "Fell over",
      affected: [{ visitorName: "Val" }],
    });
    await expect(create).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await db.incident.count({ where: { schoolId } })).toBe(0);
  });

  it.each(["2025-99-99", "2025-02-30"])("refuses the incident filter from=%s with a 400", async (from) => {
    const list = appRouter.createCaller(contextFor(db, adminId)).incidents.list({ schoolId, from });
    await expect(list).rejects.toBeInstanceOf(TRPCError);
    await expect(list).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it.each([
    ["from=2025-99-99", /from: Use a real date/],
    ["to=2025-02-30", /to: Use a real date/],
    ["q=%00", /q: Remove the control characters/],
    ["actor=a%00b", /actor: Remove the control characters/],
    ["kind=ROBOT", /kind/],
  ])("answers the CSV export with ?%s with a 400 and the reason, not the whole log", async (query, reason) => {
    const response = await activityExportResponse(db, adminId, exportUrl(query));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(reason);
  });

  it("still exports with good filters", async () => {
    expect((await activityExportResponse(db, adminId, exportUrl("from=2024-02-29&to=2026-12-31&q=sign"))).status).toBe(200);
  });

  it.each([{ token: "x" }, ["a.b"], 42, null, "x".repeat(5000)])("treats %j as an invalid acknowledgement link", async (token) => {
    expect(await acknowledgeAction(token, { state: "idle" })).toEqual({ state: "invalid" });
  });

  it.each([{ email_id: { $ne: null } }, { email_id: ["re_1"] }, { email_id: 7 }])("answers a signed Resend event with data %j with a 4xx", async (data) => {
    const result = await handleResendWebhook(db, signedResendWebhook({ type: "email.delivered", data }), RESEND_WEBHOOK_SECRET);
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(500);
  });

  it("answers a signed Resend body that isn't JSON, or isn't an object, with a 4xx", async () => {
    for (const body of ["[1,2,3]", '"just a string"', "null"]) {
      const result = await handleResendWebhook(db, signedResendWebhook(null, { body }), RESEND_WEBHOOK_SECRET);
      expect(result.status).toBeGreaterThanOrEqual(400);
      expect(result.status).toBeLessThan(500);
    }
  });
});
