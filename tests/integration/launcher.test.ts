import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchTile, tilesFor } from "@/server/apps/tiles";
import { usageReport } from "@/server/apps/usage";
import { db } from "@/server/db";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createSchool, createUser } from "../helpers/fixtures";
import { createPupilWithAccount } from "../helpers/pupils";

const fields = (over: Record<string, unknown> = {}) => ({ name: "Maths Hub", url: "https://maths.example.org/start", icon: "➗", forStaff: true, forPupils: false, yearGroups: [], classIds: [], ...over });

describe("launcher", () => {
  let schoolId: string;
  let adminId: string;
  let staffId: string;
  let pupil7: { userId: string; personId: string };
  let pupil8: { userId: string; personId: string };
  let classId: string;
  const admin = () => appRouter.createCaller(contextFor(db, adminId));

  beforeAll(async () => {
    schoolId = (await createSchool(db)).id;
    adminId = (await createUser(db, { schoolId, role: "SCHOOL_ADMIN" })).id;
    staffId = (await createUser(db, { schoolId, role: "STAFF" })).id;
    pupil7 = await createPupilWithAccount(db, schoolId, { ncYear: "7" });
    pupil8 = await createPupilWithAccount(db, schoolId, { ncYear: "8" });
    classId = (await db.class.create({ data: { schoolId, name: "8X Science" } })).id;
    await db.classPupil.create({ data: { classId, personId: pupil8.personId } });
  });
  afterAll(() => db.$disconnect());

  it("shows staff the staff apps and Staffroom's areas, and pupils only the apps for their year group or class", async () => {
    const api = admin();
    await api.apps.save({ schoolId, appId: null, fields: fields({ name: "Staff Handbook" }) });
    await api.apps.save({ schoolId, appId: null, fields: fields({ name: "Times Tables", forStaff: false, forPupils: true }) });
    await api.apps.save({ schoolId, appId: null, fields: fields({ name: "Year 7 Reading", forStaff: false, forPupils: true, yearGroups: ["7"] }) });
    await api.apps.save({ schoolId, appId: null, fields: fields({ name: "Science Lab", forStaff: true, forPupils: true, classIds: [classId] }) });
    const removed = await api.apps.save({ schoolId, appId: null, fields: fields({ name: "Old Portal", forPupils: true }) });
    await api.apps.archive({ schoolId, appId: removed.id });

    const names = async (userId: string) => (await appRouter.createCaller(contextFor(db, userId)).apps.launcher({ schoolId })).tiles.map((t) => t.name);
    const staffTiles = await names(staffId);
    expect(staffTiles).toEqual(["Science Lab", "Staff Handbook", "Staff", "Pupils", "Classes", "Incidents"]);
    expect(await names(adminId)).toEqual(expect.arrayContaining(["User matching", "Settings", "Activity"]));
    expect(await names(pupil7.userId)).toEqual(["Times Tables", "Year 7 Reading"]);
    expect(await names(pupil8.userId)).toEqual(["Science Lab", "Times Tables"]);
    // A pupil reaches the launcher, and nothing of the staff's.
    await expect(appRouter.createCaller(contextFor(db, pupil7.userId)).staff.list({ schoolId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Asking for a school that isn't theirs shows their own school instead.
    const otherSchool = (await createSchool(db)).id;
    const stranger = (await createUser(db, { schoolId: otherSchool, role: "SCHOOL_ADMIN" })).id;
    const theirs = await appRouter.createCaller(contextFor(db, stranger)).apps.launcher({ schoolId });
    expect(theirs.school?.schoolId).toBe(otherSchool);
    expect(theirs.tiles.map((t) => t.name)).not.toContain("Staff Handbook");
  });

  it("counts launches, puts each user's most used first, and opens only tiles the user may see", async () => {
    const tiles = await tilesFor(db, pupil7.userId, schoolId, "PUPIL");
    const reading = tiles.find((t) => t.name === "Year 7 Reading")!;
    expect(tiles[0]!.name).toBe("Times Tables");
    expect(await launchTile(db, pupil7.userId, reading.id, schoolId)).toBe("https://maths.example.org/start");
    expect((await tilesFor(db, pupil7.userId, schoolId, "PUPIL")).map((t) => t.name)).toEqual(["Year 7 Reading", "Times Tables"]);
    // Someone else's order is their own.
    expect((await tilesFor(db, staffId, schoolId, "STAFF"))[0]!.name).toBe("Science Lab");

    // Not for them: a Year 8 pupil and a member of staff can't open the Year 7 pupils' tile; nor can another school's admin.
    expect(await launchTile(db, pupil8.userId, reading.id, schoolId)).toBeNull();
    expect(await launchTile(db, staffId, reading.id, schoolId)).toBeNull();
    const other = (await createUser(db, { schoolId: (await createSchool(db)).id, role: "SCHOOL_ADMIN" })).id;
    expect(await launchTile(db, other, reading.id, schoolId)).toBeNull();
    // Staffroom's areas: staff only, admin areas for admins only.
    expect(await launchTile(db, staffId, "area-incidents", schoolId)).toBe("/incidents");
    expect(await launchTile(db, staffId, "area-settings", schoolId)).toBeNull();
    expect(await launchTile(db, pupil7.userId, "area-incidents", schoolId)).toBeNull();
    expect(await db.appLaunch.count({ where: { schoolId } })).toBe(2);
  });

  it("saves only http(s) addresses and this school's classes", async () => {
    const api = admin();
    for (const url of ["javascript:alert(1)", "data:text/html,hi", "/relative", "https://user:pass@evil.example/", "ftp://files.example/"])
      await expect(api.apps.save({ schoolId, appId: null, fields: fields({ url }) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const otherClass = (await db.class.create({ data: { schoolId: (await createSchool(db)).id, name: "Elsewhere" } })).id;
    await expect(api.apps.save({ schoolId, appId: null, fields: fields({ forPupils: true, classIds: [otherClass] }) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // The database refuses a script URL written some other way, too.
    await expect(db.launcherApp.create({ data: { schoolId, name: "x", url: "javascript:alert(1)" } })).rejects.toThrow();
    // Another school's admin can't change or remove this school's tile through their own school.
    const app = (await api.apps.list({ schoolId }))[0]!;
    const otherSchool = (await createSchool(db)).id;
    const otherAdmin = appRouter.createCaller(contextFor(db, (await createUser(db, { schoolId: otherSchool, role: "SCHOOL_ADMIN" })).id));
    await expect(otherAdmin.apps.archive({ schoolId: otherSchool, appId: app.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(otherAdmin.apps.save({ schoolId: otherSchool, appId: app.id, fields: fields() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.activityEvent.count({ where: { schoolId, action: { in: ["App Added", "App Removed"] } } })).toBe(6);
  });

  it("reports launches per app per week in the school's weeks", async () => {
    const school = (await createSchool(db)).id;
    const user = (await createUser(db, { schoolId: school, role: "STAFF" })).id;
    const app = await db.launcherApp.create({ data: { schoolId: school, name: "Spelling", url: "https://spelling.example/" } });
    const unused = await db.launcherApp.create({ data: { schoolId: school, name: "Unused", url: "https://unused.example/" } });
    const now = new Date("2026-11-25T12:00:00Z"); // a Wednesday
    const launch = (at: string, more: object = { appId: app.id }) => db.appLaunch.create({ data: { schoolId: school, userId: user, at: new Date(at), ...more } });
    await launch("2026-11-23T09:00:00Z"); // Monday this week
    await launch("2026-11-24T09:00:00Z");
    await launch("2026-11-22T23:30:00Z"); // Sunday 23:30 UTC = Sunday 23:30 London: last week
    await launch("2026-11-16T00:30:00Z", { area: "incidents" });
    await launch("2026-10-01T09:00:00Z"); // before the report's weeks
    const report = await usageReport(db, school, 2, now);
    expect(report.weeks).toEqual(["2026-11-16", "2026-11-23"]);
    expect(report.rows).toEqual([
      { tileId: app.id, name: "Spelling", removed: false, perWeek: [1, 2], total: 3 },
      { tileId: "area-incidents", name: "Staffroom: Incidents", removed: false, perWeek: [1, 0], total: 1 },
      { tileId: unused.id, name: "Unused", removed: false, perWeek: [0, 0], total: 0 },
    ]);
  });
});
