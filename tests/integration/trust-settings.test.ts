import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db";
import { appRouter } from "@/server/trpc/root";
import { fillNotificationTemplate } from "@/lib/incidents/notification-template";
import { contextFor, createUser } from "../helpers/fixtures";
import { refusal } from "../helpers/refusal";

// Issue 16, trust settings: the trust's defaults (sync schedule, photos, Lite mode, the
// notification email's opening) reach every school that follows them; a school's own choice
// wins (effective = school override ?? trust default) and the school's settings say which it is.

const asUser = (userId: string) => appRouter.createCaller(contextFor(db, userId));

const effective = (schoolId: string) => db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { syncSchedule: true, importPhotos: true, liteMode: true } });

describe("trust settings", () => {
  let trustAdmin: string;
  let trustViewer: string;
  let otherTrustAdmin: string;
  let follower: { id: string; admin: string };
  let chooser: { id: string; admin: string };
  const defaults = { syncSchedule: "daily", importPhotos: false, liteMode: false, incidentNotificationTemplate: null } as const;

  beforeAll(async () => {
    const trustId = (await db.trust.create({ data: { name: "Kestrel Academies" } })).id;
    const otherTrust = (await db.trust.create({ data: { name: "Plover Trust" } })).id;
    trustAdmin = (await db.user.create({ data: { email: "ops@kestrel.example.org", trustId } })).id;
    trustViewer = (await db.user.create({ data: { email: "hs@kestrel.example.org", trustId, trustRole: "TRUST_VIEWER" } })).id;
    otherTrustAdmin = (await db.user.create({ data: { email: "ops@plover.example.org", trustId: otherTrust } })).id;
    const school = async (name: string) => {
      const row = await db.school.create({ data: { name, trustId } });
      return { id: row.id, admin: (await createUser(db, { schoolId: row.id, role: "SCHOOL_ADMIN" })).id };
    };
    follower = await school("Kestrel Follows Primary");
    chooser = await school("Kestrel Chooses Academy");
  });
  afterAll(() => db.$disconnect());

  it("starts every school on Staffroom's defaults, following the trust", async () => {
    const settings = await asUser(trustAdmin).trust.settings();
    expect(settings.defaults).toEqual(defaults);
    for (const s of settings.schools) {
      expect(s.syncSchedule).toEqual({ value: "daily", source: "trust", inherited: "daily" });
      expect(s.liteMode).toEqual({ value: false, source: "trust", inherited: false });
    }
    const wonde = await asUser(follower.admin).wonde.settings({ schoolId: follower.id });
    expect(wonde.syncScheduleSource).toEqual({ source: "trust", inherited: "daily" });
    expect((await asUser(follower.admin).schools.get({ schoolId: follower.id })).liteModeSource).toEqual({ source: "trust", inherited: false });
  });

  it("a school's own choice wins over the trust's default, and following again takes the default", async () => {
    await asUser(chooser.admin).wonde.updateSettings({ schoolId: chooser.id, syncSchedule: "off" });
    await asUser(chooser.admin).schools.setLiteMode({ schoolId: chooser.id, liteMode: false });

    await asUser(trustAdmin).trust.updateSettings({ syncSchedule: "hourly", importPhotos: true, liteMode: true, incidentNotificationTemplate: "{name} had an incident at {school} today." });

    expect(await effective(follower.id)).toEqual({ syncSchedule: "hourly", importPhotos: true, liteMode: true });
    // Its own schedule and Lite choice kept; photos, never chosen, follow the trust.
    expect(await effective(chooser.id)).toEqual({ syncSchedule: "off", importPhotos: true, liteMode: false });
    const wonde = await asUser(chooser.admin).wonde.settings({ schoolId: chooser.id });
    expect(wonde.syncScheduleSource).toEqual({ source: "school", inherited: "hourly" });
    expect(wonde.importPhotosSource).toEqual({ source: "trust", inherited: true });
    expect((await asUser(chooser.admin).schools.get({ schoolId: chooser.id })).liteModeSource).toEqual({ source: "school", inherited: true });
    // Lite switched on by the trust's default is in the follower's own log; the change in the trust's.
    expect(await db.activityEvent.count({ where: { schoolId: follower.id, action: "Lite Mode On" } })).toBe(1);
    expect(await db.activityEvent.count({ where: { schoolId: chooser.id, action: { startsWith: "Lite Mode" } } })).toBe(0);
    expect(await db.activityEvent.count({ where: { schoolId: null, action: "Trust Settings Changed", actorUserId: trustAdmin } })).toBe(1);

    // "Use the trust's default": the schedule follows the trust again.
    await asUser(chooser.admin).wonde.updateSettings({ schoolId: chooser.id, syncSchedule: null });
    expect((await effective(chooser.id)).syncSchedule).toBe("hourly");
    expect((await asUser(chooser.admin).wonde.settings({ schoolId: chooser.id })).syncScheduleSource.source).toBe("trust");
    // Changing one setting leaves the others' choices alone.
    expect((await effective(chooser.id)).liteMode).toBe(false);
  });

  it("sets a school's Lite mode from the trust's settings: on, off, or the trust's default", async () => {
    const admin = asUser(trustAdmin);
    let settings = await admin.trust.setSchoolLiteMode({ schoolId: follower.id, liteMode: false });
    expect(settings.schools.find((s) => s.id === follower.id)!.liteMode).toEqual({ value: false, source: "school", inherited: true });
    expect((await effective(follower.id)).liteMode).toBe(false);
    settings = await admin.trust.setSchoolLiteMode({ schoolId: follower.id, liteMode: null });
    expect(settings.schools.find((s) => s.id === follower.id)!.liteMode).toEqual({ value: true, source: "trust", inherited: true });
    expect((await effective(follower.id)).liteMode).toBe(true);
    // Another trust's admin can't reach these schools; the viewer can't change anything.
    expect(await refusal(() => asUser(otherTrustAdmin).trust.setSchoolLiteMode({ schoolId: follower.id, liteMode: false }))).toBe("NOT_FOUND");
    expect(await refusal(() => asUser(trustViewer).trust.setSchoolLiteMode({ schoolId: follower.id, liteMode: false }))).toBe("FORBIDDEN");
    expect(await refusal(() => asUser(trustViewer).trust.updateSettings(defaults))).toBe("FORBIDDEN");
    expect(await refusal(() => asUser(follower.admin).trust.settings())).toBe("FORBIDDEN");
    expect((await effective(follower.id)).liteMode).toBe(true);
  });

  it("uses the trust's notification email opening unless the school writes its own", async () => {
    const school = asUser(follower.admin);
    let template = (await school.incidents.settings({ schoolId: follower.id })).notificationTemplate;
    expect(template).toMatchObject({ own: null, source: "trust", template: "{name} had an incident at {school} today." });
    template = await school.incidents.setNotificationTemplate({ schoolId: follower.id, template: "Dear family, {name} was hurt at {school}." });
    expect(template).toMatchObject({ source: "school", template: "Dear family, {name} was hurt at {school}.", inherited: "{name} had an incident at {school} today." });
    expect(fillNotificationTemplate(template.template, { school: "Kestrel Follows Primary", name: "Ella Jones" })).toBe("Dear family, Ella Jones was hurt at Kestrel Follows Primary.");
    template = await school.incidents.setNotificationTemplate({ schoolId: follower.id, template: null });
    expect(template).toMatchObject({ own: null, source: "trust" });
    // A template must say who the email is about.
    expect(await refusal(() => school.incidents.setNotificationTemplate({ schoolId: follower.id, template: "Something happened at {school}." }))).toBe("BAD_REQUEST");
    // Back to Staffroom's wording when the trust clears its own.
    await asUser(trustAdmin).trust.updateSettings({ syncSchedule: "hourly", importPhotos: true, liteMode: true, incidentNotificationTemplate: null });
    expect((await school.incidents.settings({ schoolId: follower.id })).notificationTemplate.template).toMatch(/^We are writing to let you know about an incident at \{school\} involving \{name\}/);
  });

  it("lists the trust's claimed sign-in domains with the school that claimed each", async () => {
    const trust = await db.user.findUniqueOrThrow({ where: { id: trustAdmin }, select: { trustId: true } });
    await db.ssoDomainClaim.create({ data: { domain: "kestrel.sch.uk", ownerKey: trust.trustId!, claimedBySchoolId: chooser.id, proof: "staff emails in the MIS" } });
    await db.school.update({ where: { id: chooser.id }, data: { ssoDomains: ["kestrel.sch.uk"] } });
    await db.ssoDomainClaim.create({ data: { domain: "plover.sch.uk", ownerKey: "someone-else", claimedBySchoolId: follower.id, proof: "staff emails in the MIS" } });
    const { domains } = await asUser(trustAdmin).trust.settings();
    expect(domains).toEqual([expect.objectContaining({ domain: "kestrel.sch.uk", claimedBy: "Kestrel Chooses Academy", usedBy: ["Kestrel Chooses Academy"], proof: "staff emails in the MIS" })]);
  });
});
