import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordActivity } from "@/server/activity/record";
import { db } from "@/server/db";
import { appRouter } from "@/server/trpc/root";
import { trustActivityExportResponse, trustIncidentsExportResponse } from "@/server/trust/exports";
import { contextFor, createUser } from "../helpers/fixtures";
import { refusal } from "../helpers/refusal";

// Issue 16, the views across schools: the trust's Activity log, incident list and patterns, and
// their CSV exports, show every school of the caller's trust with its name, a school filter
// narrows them to one, another trust's school never appears, and every figure is the one the
// school's own page shows.

const asUser = (userId: string) => appRouter.createCaller(contextFor(db, userId));

/** Parses our CSV (quoted fields with "" inside, CRLF rows) into rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (c !== "\r") cell += c;
  }
  return rows;
}

type SchoolSeed = { name: string; pupils: number; incidents: { type: "ACCIDENT_INJURY" | "ILLNESS"; status: "OPEN" | "CLOSED"; location: string; day: string; description?: string }[] };

describe("trust-wide views", () => {
  let trustId: string;
  let trustAdmin: string;
  let trustViewer: string;
  let otherTrustAdmin: string;
  const schools: Record<"oak" | "ash" | "elsewhere", { id: string; admin: string; name: string }> = {} as never;

  async function seedSchool(key: keyof typeof schools, trust: string, seed: SchoolSeed) {
    const school = await db.school.create({ data: { name: seed.name, trustId: trust } });
    const admin = (await createUser(db, { schoolId: school.id, role: "SCHOOL_ADMIN" })).id;
    await db.person.createMany({
      data: Array.from({ length: seed.pupils }, (_, i) => ({ schoolId: school.id, kind: "PUPIL" as const, forename: `Pupil${i}`, surname: `${seed.name.split(" ")[0]}son`, archivedAt: i === 0 ? new Date() : null })),
    });
    const locations = new Map<string, string>();
    for (const [n, incident] of seed.incidents.entries()) {
      const locationId = locations.get(incident.location) ?? (await db.incidentLocation.create({ data: { schoolId: school.id, name: incident.location } })).id;
      locations.set(incident.location, locationId);
      await db.incident.create({
        data: {
          schoolId: school.id,
          number: n + 1,
          occurredAt: new Date(`${incident.day}T10:30:00Z`),
          locationId,
          type: incident.type,
          severity: "MINOR",
          description: incident.description ?? `Incident ${n + 1} at ${seed.name}`,
          status: incident.status,
          reporterUserId: admin,
        },
      });
    }
    await recordActivity({ schoolId: school.id, actor: { system: "Sync" }, action: "Sync Completed", subject: { type: "School", id: school.id, label: seed.name } });
    await recordActivity({ schoolId: school.id, actor: { system: "Sign-in" }, action: "Sign-in Failed", subject: { type: "User", label: `=cmd|' /C calc'!A0 at ${seed.name}` } });
    schools[key] = { id: school.id, admin, name: seed.name };
  }

  beforeAll(async () => {
    trustId = (await db.trust.create({ data: { name: "Willow Learning Trust" } })).id;
    const otherTrust = (await db.trust.create({ data: { name: "Heron Schools Trust" } })).id;
    trustAdmin = (await db.user.create({ data: { email: "data@willow-trust.example.org", trustId } })).id;
    trustViewer = (await db.user.create({ data: { email: "safety@willow-trust.example.org", trustId, trustRole: "TRUST_VIEWER" } })).id;
    otherTrustAdmin = (await db.user.create({ data: { email: "it@heron-trust.example.org", trustId: otherTrust } })).id;
    await seedSchool("oak", trustId, {
      name: "Oakmere Primary",
      pupils: 41,
      incidents: [
        { type: "ACCIDENT_INJURY", status: "OPEN", location: "Playground", day: "2026-05-11", description: "=HYPERLINK(\"http://evil.example\")" },
        { type: "ACCIDENT_INJURY", status: "CLOSED", location: "Playground", day: "2026-05-12" },
        { type: "ILLNESS", status: "OPEN", location: "Hall", day: "2026-06-01" },
        { type: "ILLNESS", status: "OPEN", location: "Hall", day: "2025-06-01" },
      ],
    });
    await seedSchool("ash", trustId, {
      name: "Ashgrove Academy",
      pupils: 21,
      incidents: [
        { type: "ACCIDENT_INJURY", status: "OPEN", location: "Playground", day: "2026-05-13" },
        { type: "ILLNESS", status: "CLOSED", location: "Dining room", day: "2026-07-01" },
      ],
    });
    await seedSchool("elsewhere", otherTrust, {
      name: "Heronsgate School",
      pupils: 11,
      incidents: [{ type: "ACCIDENT_INJURY", status: "OPEN", location: "Playground", day: "2026-05-11" }],
    });
  });
  afterAll(() => db.$disconnect());

  it("lists the incidents of every school of the trust with their school, and none of another trust", async () => {
    for (const userId of [trustAdmin, trustViewer]) {
      const all = await asUser(userId).trust.incidents({ pageSize: 100 });
      expect(all.total).toBe(6);
      expect(new Set(all.rows.map((r) => r.school.name))).toEqual(new Set(["Oakmere Primary", "Ashgrove Academy"]));
      const open = await asUser(userId).trust.incidents({ status: "OPEN", from: "2026-01-01", to: "2026-12-31" });
      expect(open.rows.map((r) => `${r.school.name} ${r.reference}`).sort()).toEqual(["Ashgrove Academy INC-0001", "Oakmere Primary INC-0001", "Oakmere Primary INC-0003"]);
    }
    const other = await asUser(otherTrustAdmin).trust.incidents({});
    expect(other.rows.map((r) => r.school.name)).toEqual(["Heronsgate School"]);
  });

  it("narrows to one school of the trust; a school of another trust is not found", async () => {
    const ash = await asUser(trustAdmin).trust.incidents({ schoolId: schools.ash.id });
    expect(ash.rows.map((r) => r.school.name)).toEqual(["Ashgrove Academy", "Ashgrove Academy"]);
    expect(await refusal(() => asUser(trustAdmin).trust.incidents({ schoolId: schools.elsewhere.id }))).toBe("NOT_FOUND");
    expect(await refusal(() => asUser(trustAdmin).trust.activity({ schoolId: schools.elsewhere.id }))).toBe("NOT_FOUND");
    expect(await refusal(() => asUser(trustAdmin).trust.patterns({ schoolId: schools.elsewhere.id, from: "2026-01-01", to: "2026-12-31" }))).toBe("NOT_FOUND");
  });

  it("refuses school admins and staff the trust views", async () => {
    expect(await refusal(() => asUser(schools.oak.admin).trust.incidents({}))).toBe("FORBIDDEN");
    expect(await refusal(() => asUser(schools.oak.admin).trust.activity({}))).toBe("FORBIDDEN");
    expect(await refusal(() => asUser(schools.oak.admin).trust.patterns({ from: "2026-01-01", to: "2026-12-31" }))).toBe("FORBIDDEN");
  });

  it("has each school's figures equal to the school's own pages", async () => {
    const filters = { from: "2026-01-01", to: "2026-12-31" };
    const trust = await asUser(trustViewer).trust.patterns(filters);
    for (const key of ["oak", "ash"] as const) {
      const school = schools[key];
      const own = asUser(school.admin);
      const [patterns, book, pupils, trustList] = await Promise.all([
        own.incidents.patterns({ schoolId: school.id, ...filters }),
        own.incidents.list({ schoolId: school.id, ...filters }),
        own.pupils.list({ schoolId: school.id, status: "current" }),
        asUser(trustViewer).trust.incidents({ schoolId: school.id, ...filters }),
      ]);
      const row = trust.bySchool.find((r) => r.schoolId === school.id)!;
      expect(row.count).toBe(patterns.total);
      expect(row.count).toBe(book.total);
      expect(trustList.total).toBe(book.total);
      expect(row.pupils).toBe(pupils.total);
      expect(row.rate).toBe(Math.round((patterns.total / pupils.total) * 1000) / 10);
      const filtered = await asUser(trustViewer).trust.patterns({ ...filters, schoolId: school.id });
      expect(filtered.byType).toEqual(patterns.byType);
      expect(filtered.byLocation).toEqual(patterns.byLocation);
      expect(filtered.byWeekday).toEqual(patterns.byWeekday);
    }
    // Oakmere: 3 this year over 40 on roll (one left) = 7.5 per 100; Ashgrove: 2 over 20 = 10.
    expect(trust.bySchool.map((r) => [r.school, r.count, r.pupils, r.rate])).toEqual([
      ["Ashgrove Academy", 2, 20, 10],
      ["Oakmere Primary", 3, 40, 7.5],
    ]);
    expect(trust.total).toBe(5);
    // Locations are one type across schools: both schools' playgrounds together.
    expect(trust.byLocation).toEqual([
      { location: "Playground", count: 3 },
      { location: "Dining room", count: 1 },
      { location: "Hall", count: 1 },
    ]);
  });

  it("reads the Activity log across the trust's schools, naming each event's school", async () => {
    const log = await asUser(trustViewer).trust.activity({ actions: ["Sync Completed"] });
    expect(log.rows.map((r) => r.schoolId).sort()).toEqual([schools.oak.id, schools.ash.id].sort());
    const one = await asUser(trustViewer).trust.activity({ schoolId: schools.oak.id, actions: ["Sync Completed"] });
    expect(one.rows.map((r) => r.subjectLabel)).toEqual(["Oakmere Primary"]);
    const facets = await asUser(trustViewer).trust.activityFacets();
    expect(facets.actions).toEqual(expect.arrayContaining(["Sign-in Failed", "Sync Completed"]));
    expect(JSON.stringify(await asUser(trustViewer).trust.activity({}))).not.toContain("Heronsgate");
  });

  it("exports the trust's incidents as CSV with a School column and the formula guard", async () => {
    const response = await trustIncidentsExportResponse(db, trustViewer, new URL("http://localhost/api/trust/incidents/export?status=OPEN"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/incident-book-trust-/);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header!.slice(0, 2)).toEqual(["School", "Reference"]);
    expect(rows.map((r) => `${r[0]} ${r[1]}`).sort()).toEqual(["Ashgrove Academy INC-0001", "Oakmere Primary INC-0001", "Oakmere Primary INC-0003", "Oakmere Primary INC-0004"]);
    const formula = rows.find((r) => r[0] === "Oakmere Primary" && r[1] === "INC-0001")!;
    expect(formula[header!.indexOf("What happened")]).toBe("'=HYPERLINK(\"http://evil.example\")");
    // The export is logged, for the trust.
    expect(await db.activityEvent.count({ where: { action: "Trust Incidents Exported", subjectId: trustId } })).toBe(1);

    const oneSchool = parseCsv(await (await trustIncidentsExportResponse(db, trustAdmin, new URL(`http://localhost/x?schoolId=${schools.ash.id}`))).text());
    expect(oneSchool.slice(1).map((r) => r[0])).toEqual(["Ashgrove Academy", "Ashgrove Academy"]);
  });

  it("exports the trust's Activity log as CSV with a School column and the formula guard", async () => {
    const response = await trustActivityExportResponse(db, trustAdmin, new URL("http://localhost/api/trust/activity/export?action=Sign-in+Failed"));
    expect(response.status).toBe(200);
    const [header, ...rows] = parseCsv(await response.text());
    expect(header!.slice(0, 3)).toEqual(["School", "When", "Action"]);
    expect(rows.map((r) => r[0]).sort()).toEqual(["Ashgrove Academy", "Oakmere Primary"]);
    expect(rows.map((r) => r[header!.indexOf("Subject")]).sort()).toEqual(["'=cmd|' /C calc'!A0 at Ashgrove Academy", "'=cmd|' /C calc'!A0 at Oakmere Primary"]);
  });

  it("refuses the exports to anyone outside the trust, and another trust's school", async () => {
    const url = (path: string, query = "") => new URL(`http://localhost/api/trust/${path}/export${query}`);
    for (const exporter of [trustActivityExportResponse, trustIncidentsExportResponse]) {
      expect((await exporter(db, null, url("x"))).status).toBe(401);
      expect((await exporter(db, schools.oak.admin, url("x"))).status).toBe(403);
      const across = await exporter(db, trustAdmin, url("x", `?schoolId=${schools.elsewhere.id}`));
      expect(across.status).toBe(404);
      expect(await across.text()).not.toContain("Heronsgate");
      const others = await (await exporter(db, otherTrustAdmin, url("x"))).text();
      expect(others).not.toContain("Oakmere");
      expect(others).not.toContain("Ashgrove");
    }
    expect((await trustIncidentsExportResponse(db, trustAdmin, url("incidents", "?from=2026-02-30"))).status).toBe(400);
  });
});
