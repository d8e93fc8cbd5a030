import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HILLCREST_ID, TRUST_SCHOOL_IDS } from "@/emulator/schools";
import { decryptSecret } from "@/server/crypto";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { setSyncDispatcher } from "@/server/sync/queue";
import { checkTrustTokens } from "@/server/trust/connect";
import { schoolPageFor } from "@/server/trust/open-school";
import { termOf } from "@/server/trust/term";
import { dateInZone } from "@/server/activity/service";
import { dateToWallTime } from "@/lib/incidents/time";
import { appRouter } from "@/server/trpc/root";
import { contextFor, createUser } from "../helpers/fixtures";
import { refusal } from "../helpers/refusal";
import { emulatorClient, runSync, startEmulator, type RunningEmulator } from "../helpers/sync";

// Issue 16, first half: a trust connects every school from one Wonde token, its dashboard's
// figures are the schools' own pages' figures, a trust viewer only reads, and nobody reaches
// into another trust.

type Job = { runId: string; schoolId: string; mode: string; trigger: string };

const asUser = (userId: string) => appRouter.createCaller(contextFor(db, userId));

describe("trusts", () => {
  let emulator: RunningEmulator;
  const configuredBaseUrl = env.WONDE_BASE_URL;
  const jobs: Job[] = [];
  let trustId: string;
  let adminId: string;
  let viewerId: string;
  let otherTrustAdminId: string;
  let schoolAdminId: string;
  let schoolIds: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ seed: "trust-connect" });
    env.WONDE_BASE_URL = emulator.url;
    // The queue's seam: jobs are recorded here, and run below when a test needs synced data.
    setSyncDispatcher(async (job) => void jobs.push(job));
    trustId = (await db.trust.create({ data: { name: "Northern Lights Academy Trust" } })).id;
    adminId = (await db.user.create({ data: { email: "data.lead@northernlights.example.org", trustId } })).id;
    viewerId = (await db.user.create({ data: { email: "h.and.s@northernlights.example.org", trustId, trustRole: "TRUST_VIEWER" } })).id;
    const otherTrust = await db.trust.create({ data: { name: "Fenland Schools Trust" } });
    otherTrustAdminId = (await db.user.create({ data: { email: "it@fenland.example.org", trustId: otherTrust.id } })).id;
    await db.school.create({ data: { name: "Fenland Primary", trustId: otherTrust.id } });
  });
  afterAll(async () => {
    setSyncDispatcher(null);
    env.WONDE_BASE_URL = configuredBaseUrl;
    await emulator?.close();
    await db.$disconnect();
  });

  it("lists every school the token sees, with the pending one's reason, before storing anything", async () => {
    const schools = await asUser(adminId).trust.previewToken({ token: "trust-token" });
    expect(schools.map((s) => [s.wondeId, s.access, s.state])).toEqual([
      ["A2146938501", "approved", "ready"],
      [HILLCREST_ID, "pending", "waiting"],
      ["A1428750396", "approved", "ready"],
      ["A1612093845", "approved", "ready"],
    ]);
    expect(schools.find((s) => s.wondeId === HILLCREST_ID)!.advice).toMatch(/approve Staffroom in Wonde.*data manager.*Wonde portal/);
    expect(await db.school.count({ where: { trustId } })).toBe(0);
    expect((await db.trust.findUniqueOrThrow({ where: { id: trustId } })).wondeTokenEnc).toBeNull();
  });

  it("refuses a token Wonde doesn't know, in words the admin can act on", async () => {
    await expect(asUser(adminId).trust.connect({ token: "not-a-token" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/Wonde didn't accept that token/) });
    expect(await db.school.count({ where: { trustId } })).toBe(0);
  });

  it("connects the three approved schools in one action: created in the trust, scopes read, first full sync queued", async () => {
    const outcomes = await asUser(adminId).trust.connect({ token: "trust-token" });
    expect(outcomes.filter((o) => o.result === "connected").map((o) => o.wondeId).sort()).toEqual([...TRUST_SCHOOL_IDS].sort());
    expect(outcomes.find((o) => o.wondeId === HILLCREST_ID)).toMatchObject({ result: "skipped", access: "pending", advice: expect.stringMatching(/approve/) });

    const schools = await db.school.findMany({ where: { trustId }, orderBy: { name: "asc" } });
    schoolIds = schools.map((s) => s.id);
    expect(schools.map((s) => [s.name, s.mis])).toEqual([
      ["Highgate Park Academy", "Bromcom"],
      ["Millbrook Primary Academy", "Arbor"],
      ["Northfield Primary Academy", "Arbor"],
    ]);
    for (const school of schools) {
      expect(school.grantedScopes).toContain("Student UPN read");
      expect(decryptSecret(school.wondeTokenEnc!)).toBe("trust-token");
    }
    expect(jobs.map((j) => [j.schoolId, j.mode, j.trigger]).sort()).toEqual(schoolIds.map((id) => [id, "full", "MANUAL"]).sort());
    const runs = await db.syncRun.findMany({ where: { schoolId: { in: schoolIds } } });
    expect(runs.map((r) => r.status)).toEqual(["QUEUED", "QUEUED", "QUEUED"]);
    expect(decryptSecret((await db.trust.findUniqueOrThrow({ where: { id: trustId } })).wondeTokenEnc!)).toBe("trust-token");
    const logged = await db.activityEvent.findFirstOrThrow({ where: { action: "Trust Wonde Connected", subjectId: trustId } });
    expect(logged.details).toEqual({ approved: 3, pending: 1, revoked: 0 });

    // Connecting again changes nothing and queues nothing.
    const again = await asUser(adminId).trust.connect({ token: "trust-token" });
    expect(again.filter((o) => o.access === "approved").map((o) => o.result)).toEqual(["already connected", "already connected", "already connected"]);
    expect(jobs).toHaveLength(3);
  });

  it("connects a school approved later at the next scheduled check, and shows a revoked one with what to do", async () => {
    emulator.state.setAccess("trust-token", HILLCREST_ID, "approved");
    emulator.state.setAccess("trust-token", "A1428750396", "revoked");
    try {
      expect(await checkTrustTokens(db)).toEqual({ trusts: 1, connected: 1 });
      const hillcrest = await db.school.findUniqueOrThrow({ where: { wondeId: HILLCREST_ID } });
      expect(hillcrest.trustId).toBe(trustId);
      expect(jobs.at(-1)).toMatchObject({ schoolId: hillcrest.id, mode: "full", trigger: "SCHEDULE" });
      expect(await db.activityEvent.count({ where: { schoolId: hillcrest.id, action: "Wonde Connected", actorLabel: "Trust check" } })).toBe(1);
      schoolIds.push(hillcrest.id);

      const listed = await asUser(adminId).trust.tokenSchools();
      expect(listed.connected).toBe(true);
      expect(listed.schools.find((s) => s.wondeId === "A1428750396")).toMatchObject({ access: "revoked", state: "waiting", advice: expect.stringMatching(/revoked.*approve Staffroom again/) });
      expect(listed.schools.find((s) => s.wondeId === HILLCREST_ID)).toMatchObject({ access: "approved", state: "connected", schoolId: hillcrest.id });
    } finally {
      emulator.state.setAccess("trust-token", "A1428750396", "approved");
    }
  });

  it("never takes a school from another trust: another trust's admin sees it as connected elsewhere, and nothing changes", async () => {
    const before = await db.school.findMany({ where: { trustId }, orderBy: { id: "asc" } });
    const outcomes = await asUser(otherTrustAdminId).trust.connect({ token: "trust-token" });
    expect(outcomes.map((o) => o.state)).toEqual(["elsewhere", "elsewhere", "elsewhere", "elsewhere"]);
    expect(outcomes.every((o) => o.schoolId === null && o.result === "skipped")).toBe(true);
    expect(await db.school.findMany({ where: { trustId }, orderBy: { id: "asc" } })).toEqual(before);
    expect(jobs).toHaveLength(4);
  });

  it("shows on the dashboard exactly the figures each school's own pages show", async () => {
    // Run the queued first syncs, then give the schools incidents, a sign-in to match and a migration.
    for (const job of jobs.filter((j) => schoolIds.includes(j.schoolId))) {
      const run = await runSync(db, emulator, job.schoolId, { runId: job.runId, mode: "full", trigger: job.trigger as "MANUAL", client: emulatorClient(emulator, "trust-token") });
      expect(run.status).toBe("SUCCEEDED");
    }
    const [highgate, millbrook] = schoolIds;
    const admin = asUser(adminId);
    const pupils = await db.person.findMany({ where: { schoolId: highgate, kind: "PUPIL" }, take: 3, select: { id: true } });
    const incident = (personId: string, occurredAt: string) => ({
      schoolId: highgate!, occurredAt, type: "ACCIDENT_INJURY" as const, severity: "MINOR" as const, description: "Fell in the playground.", locationDetail: "Playground", affected: [{ personId }], actions: [],
    });
    const now = new Date();
    const today = dateInZone(now, "Europe/London");
    const term = termOf(today);
    const recent = [2, 1].map((hours) => dateToWallTime(new Date(now.getTime() - hours * 3_600_000)));
    const lastYear = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}T10:00`;
    await admin.incidents.create(incident(pupils[0]!.id, recent[0]!));
    const closed = await admin.incidents.create(incident(pupils[1]!.id, recent[1]!));
    await admin.incidents.setStatus({ schoolId: highgate!, incidentId: closed.id, status: "CLOSED" });
    await admin.incidents.create(incident(pupils[2]!.id, lastYear));
    const inTerm = recent.filter((at) => at.slice(0, 10) >= term.from).length;
    await db.school.update({ where: { id: millbrook }, data: { ssoDomains: ["millbrook.sch.uk"] } });
    await db.unmatchedIdentity.create({ data: { provider: "google", providerAccountId: "g-supply", email: "supply@millbrook.sch.uk", emailVerified: true, name: "Supply Teacher" } });
    emulator.state.migrateSchool("A1612093845", { to: "SIMS" });
    const northfield = (await db.school.findUniqueOrThrow({ where: { wondeId: "A1612093845" } })).id;
    expect((await runSync(db, emulator, northfield, { mode: "incremental", client: emulatorClient(emulator, "trust-token") })).status).toBe("PAUSED");

    const dashboard = await admin.trust.dashboard();
    expect(dashboard.rows.map((r) => r.schoolId).sort()).toEqual([...schoolIds].sort());
    for (const row of dashboard.rows) {
      const schoolId = row.schoolId;
      const [staff, pupilList, openList, thisTerm, unmatched, migration, sync] = await Promise.all([
        admin.staff.list({ schoolId, pageSize: 5, status: "current" }),
        admin.pupils.list({ schoolId, pageSize: 5, status: "current" }),
        admin.incidents.list({ schoolId, status: "OPEN", pageSize: 5 }),
        admin.incidents.list({ schoolId, from: term.from, to: term.to, pageSize: 5 }),
        admin.matching.listUnmatched({ schoolId }),
        admin.migration.get({ schoolId }),
        admin.sync.status({ schoolId }),
      ]);
      expect(row.staff, row.name).toBe(staff.total);
      expect(row.pupils, row.name).toBe(pupilList.total);
      expect(row.openIncidents, row.name).toBe(openList.total);
      expect(row.incidentsThisTerm, row.name).toBe(thisTerm.total);
      expect(row.unmatchedSignIns, row.name).toBe(unmatched.length);
      const open = ["DETECTED", "PREVIEWED", "APPLYING"].includes(migration.migration?.status ?? "");
      expect(row.migration?.toReview ?? null, row.name).toBe(open ? migration.migration!.toReview : null);
      expect(row.lastSync?.status, row.name).toBe(sync.run?.status);
      expect(row.lastSucceededAt, row.name).toEqual(sync.lastSucceededAt);
    }
    const byId = new Map(dashboard.rows.map((r) => [r.schoolId, r]));
    // The figures are not all zero: the seeded ones show.
    expect(byId.get(highgate!)).toMatchObject({ openIncidents: 2, incidentsThisTerm: inTerm, term, attention: [] });
    expect(byId.get(highgate!)!.staff).toBeGreaterThan(10);
    expect(byId.get(highgate!)!.pupils).toBeGreaterThan(600);
    expect(byId.get(millbrook!)).toMatchObject({ unmatchedSignIns: 1, attention: ["sign-ins to match"] });
    expect(byId.get(northfield)).toMatchObject({ lastSync: { status: "PAUSED" }, migration: { fromMis: "Arbor", toMis: "SIMS" } });
    expect(byId.get(northfield)!.attention).toEqual(["sync paused", "migration to review"]);
    expect(byId.get(northfield)!.nextSyncAt).toBeInstanceOf(Date);

    // The trust viewer sees the same figures.
    expect((await asUser(viewerId).trust.dashboard()).rows).toEqual(dashboard.rows);
  }, 240_000);

  it("lets the trust viewer read the dashboard and every school's pages and exports, and change nothing", async () => {
    const viewer = asUser(viewerId);
    const schoolId = schoolIds[0]!;
    expect(await viewer.trust.get()).toMatchObject({ trustId, role: "TRUST_VIEWER" });
    expect((await viewer.me.get()).schools.map((s) => s.role)).toEqual(schoolIds.map(() => "TRUST_VIEWER"));
    expect((await viewer.incidents.list({ schoolId, pageSize: 25 })).total).toBe(3);
    expect((await viewer.staff.list({ schoolId, pageSize: 5, status: "current" })).total).toBeGreaterThan(0);
    expect((await viewer.incidents.exportCsv({ schoolId })).rows).toBe(3);
    const before = await db.school.findUniqueOrThrow({ where: { id: schoolId } });
    const pupil = await db.person.findFirstOrThrow({ where: { schoolId, kind: "PUPIL" } });
    const attempts: [string, () => Promise<unknown>][] = [
      ["trust.connect", () => viewer.trust.connect({ token: "trust-token" })],
      ["trust.previewToken", () => viewer.trust.previewToken({ token: "trust-token" })],
      ["trust.tokenSchools", () => viewer.trust.tokenSchools()],
      ["sync.start", () => viewer.sync.start({ schoolId, mode: "incremental" })],
      ["wonde.updateSettings", () => viewer.wonde.updateSettings({ schoolId, syncSchedule: "off" })],
      ["wonde.disconnect", () => viewer.wonde.disconnect({ schoolId })],
      ["incidents.create", () => viewer.incidents.create({ schoolId, occurredAt: "2026-05-11T10:15", type: "NEAR_MISS" as const, severity: "MINOR", description: "x", locationDetail: "Hall", affected: [{ personId: pupil.id }], actions: [] })],
      ["incidents.addLocation", () => viewer.incidents.addLocation({ schoolId, name: "Field" })],
      ["matching.setDomains", () => viewer.matching.setDomains({ schoolId, domains: ["example.sch.uk"] })],
      ["migration.setAutoApply", () => viewer.migration.setAutoApply({ schoolId, autoApply: true })],
    ];
    for (const [name, attempt] of attempts) expect(await refusal(attempt), name).toBe("FORBIDDEN");
    expect(await db.school.findUniqueOrThrow({ where: { id: schoolId } })).toEqual(before);
    expect(await db.incident.count({ where: { schoolId } })).toBe(3);
  });

  it("keeps each trust to itself, and the trust views from school admins and staff", async () => {
    const other = asUser(otherTrustAdminId);
    const otherDashboard = await other.trust.dashboard();
    expect(otherDashboard.rows.map((r) => r.name)).toEqual(["Fenland Primary"]);
    for (const schoolId of schoolIds) {
      expect(await refusal(() => other.schools.get({ schoolId })), "schools.get").toBe("FORBIDDEN");
      expect(await refusal(() => other.staff.list({ schoolId, pageSize: 5 })), "staff.list").toBe("FORBIDDEN");
      expect(await refusal(() => other.sync.start({ schoolId, mode: "full" })), "sync.start").toBe("FORBIDDEN");
    }
    expect((await other.trust.tokenSchools()).schools.map((s) => [s.state, s.schoolId])).toEqual(schoolIds.map(() => ["elsewhere", null]));

    schoolAdminId = (await createUser(db, { schoolId: schoolIds[0], role: "SCHOOL_ADMIN" })).id;
    const staffId = (await createUser(db, { schoolId: schoolIds[0], role: "STAFF" })).id;
    for (const userId of [schoolAdminId, staffId]) {
      const api = asUser(userId);
      expect(await api.trust.get()).toBeNull();
      expect(await refusal(() => api.trust.dashboard())).toBe("FORBIDDEN");
      expect(await refusal(() => api.trust.tokenSchools())).toBe("FORBIDDEN");
      expect(await refusal(() => api.trust.connect({ token: "trust-token" }))).toBe("FORBIDDEN");
    }
  });

  it("opens a school's page from a dashboard link only for that school's own people, and only the school pages", async () => {
    const schoolId = schoolIds[0]!;
    const link = (to: string, school = schoolId) => new URL(`http://localhost/trust/open?${new URLSearchParams({ school, to })}`);
    expect(await schoolPageFor(db, viewerId, link("/incidents?status=OPEN"))).toEqual({ schoolId, path: "/incidents?status=OPEN" });
    expect(await schoolPageFor(db, adminId, link("/staff"))).toEqual({ schoolId, path: "/staff" });
    for (const to of ["//evil.example/staff", "https://evil.example/", "/api/trpc/trust.dashboard", "/trust/open"]) expect(await schoolPageFor(db, adminId, link(to)), to).toBeNull();
    expect(await schoolPageFor(db, otherTrustAdminId, link("/staff"))).toBeNull();
  });
});
