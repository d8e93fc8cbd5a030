// The trust dashboard: one row per school of the trust. Each figure is counted with the where
// clause the school's own page uses (peopleWhere, incidentWhere, the sync status's and the
// migration page's "latest"), so the two never disagree; but for every school at once, grouped by
// school, so a 50-school trust costs a handful of queries, not a few hundred.
import { isOpenMigration } from "@/components/migration/migration-text";
import { nextScheduledSync, type SyncSchedule } from "@/lib/sync-schedule";
import { dateInZone } from "../activity/service";
import type { Db } from "../db";
import { Prisma, type SyncStatus } from "../generated/prisma/client";
import { incidentWhere } from "../incidents/service";
import { unmatchedCounts } from "../matching/service";
import { peopleWhere } from "../people/list";
import type { TrustAccess } from "./access";
import { termOf, type Term } from "./term";

export type AttentionReason = "not connected" | "never synced" | "sync failed" | "sync paused" | "records skipped" | "migration to review" | "sign-ins to match";

type School = { id: string; name: string; mis: string | null; timezone: string; syncSchedule: string; wondeTokenEnc: string | null; ssoDomains: string[] };
type LatestRun = { schoolId: string; status: SyncStatus; mode: string; trigger: string; finishedAt: Date | null; createdAt: Date; quarantined: number; error: string | null };
type LatestMigration = { schoolId: string; status: string; fromMis: string | null; toMis: string | null; toReview: number };

/** Each school's latest sync run (the sync status's "run"), and its latest success's finish. */
async function latestRuns(db: Db, ids: string[]) {
  const [runs, successes] = await Promise.all([
    db.$queryRaw<LatestRun[]>`
      SELECT DISTINCT ON ("schoolId") "schoolId", "status", "mode", "trigger"::text AS "trigger", "finishedAt", "createdAt", "quarantined", "error"
      FROM "SyncRun" WHERE "schoolId" IN (${Prisma.join(ids)}) ORDER BY "schoolId", "createdAt" DESC`,
    db.$queryRaw<{ schoolId: string; finishedAt: Date | null }[]>`
      SELECT DISTINCT ON ("schoolId") "schoolId", "finishedAt"
      FROM "SyncRun" WHERE "schoolId" IN (${Prisma.join(ids)}) AND "status" = 'SUCCEEDED' ORDER BY "schoolId", "createdAt" DESC`,
  ]);
  return { runs: new Map(runs.map((r) => [r.schoolId, r])), lastSucceededAt: new Map(successes.map((r) => [r.schoolId, r.finishedAt])) };
}

/** Each school's latest MIS migration (the migration page's), with the candidates still to review. */
async function latestMigrations(db: Db, ids: string[]) {
  const rows = await db.$queryRaw<LatestMigration[]>`
    SELECT m."schoolId", m."status"::text AS "status", m."fromMis", m."toMis",
           (SELECT count(*)::int FROM "MigrationCandidate" c WHERE c."migrationId" = m."id" AND c."outcome" = 'REVIEW' AND c."resolution" IS NULL) AS "toReview"
    FROM (SELECT DISTINCT ON ("schoolId") * FROM "MisMigration" WHERE "schoolId" IN (${Prisma.join(ids)}) ORDER BY "schoolId", "detectedAt" DESC) m`;
  return new Map(rows.map((r) => [r.schoolId, r]));
}

/** Staff in post and pupils on roll per school, as the Staff and Pupils lists count them, in one scan. */
async function peopleCounts(db: Db, ids: string[]) {
  const rows = await db.person.groupBy({ by: ["schoolId", "kind"], where: peopleWhere(ids, ["STAFF", "PUPIL"], { status: "current" }), _count: { _all: true } });
  const count = (kind: "STAFF" | "PUPIL") => new Map(rows.filter((r) => r.kind === kind).map((r) => [r.schoolId, r._count._all]));
  return { staff: count("STAFF"), pupils: count("PUPIL") };
}

/** Incidents per school, as the incident book counts them for a trust member with these filters. */
async function incidentCounts(db: Db, trust: TrustAccess, userId: string, schools: School[], filters: { status?: "OPEN"; from?: string; to?: string }) {
  if (!schools.length) return new Map<string, number>();
  const reader = { userId, role: trust.role, schoolIds: schools.map((s) => s.id), timeZone: schools[0]!.timezone };
  const rows = await db.incident.groupBy({ by: ["schoolId"], where: await incidentWhere(db, reader, filters), _count: { _all: true } });
  return new Map(rows.map((r) => [r.schoolId, r._count._all]));
}

/** Incidents this term per school: schools in one timezone share a term, counted together. */
async function incidentsThisTerm(db: Db, trust: TrustAccess, userId: string, schools: School[], now: Date) {
  const byZone = new Map<string, School[]>();
  for (const s of schools) byZone.set(s.timezone, [...(byZone.get(s.timezone) ?? []), s]);
  const terms = new Map<string, Term>();
  const counts = await Promise.all(
    [...byZone].map(([zone, group]) => {
      const term = termOf(dateInZone(now, zone));
      for (const s of group) terms.set(s.id, term);
      return incidentCounts(db, trust, userId, group, { from: term.from, to: term.to });
    }),
  );
  return { terms, counts: new Map(counts.flatMap((m) => [...m])) };
}

function attentionOf(connected: boolean, run: LatestRun | undefined, openMigration: boolean, unmatchedSignIns: number): AttentionReason[] {
  const attention: AttentionReason[] = [];
  if (!connected) attention.push("not connected");
  else if (!run) attention.push("never synced");
  if (run?.status === "FAILED") attention.push("sync failed");
  if (run?.status === "PAUSED") attention.push("sync paused");
  if (run?.status === "SUCCEEDED" && run.quarantined > 0) attention.push("records skipped");
  if (openMigration) attention.push("migration to review");
  if (unmatchedSignIns > 0) attention.push("sign-ins to match");
  return attention;
}

/** Every school of the caller's trust, by name, with its figures. */
export async function trustDashboard(db: Db, trust: TrustAccess, userId: string, now = new Date()) {
  const schools: School[] = await db.school.findMany({
    where: { trustId: trust.trustId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, mis: true, timezone: true, syncSchedule: true, wondeTokenEnc: true, ssoDomains: true },
  });
  if (!schools.length) return { trustName: trust.trustName, rows: [] };
  const ids = schools.map((s) => s.id);
  const [sync, migrations, { staff, pupils }, open, thisTerm, unmatched] = await Promise.all([
    latestRuns(db, ids),
    latestMigrations(db, ids),
    peopleCounts(db, ids),
    incidentCounts(db, trust, userId, schools, { status: "OPEN" }),
    incidentsThisTerm(db, trust, userId, schools, now),
    unmatchedCounts(db, schools),
  ]);
  const rows = schools.map((school) => {
    const connected = school.wondeTokenEnc !== null;
    const latest = sync.runs.get(school.id);
    const migration = migrations.get(school.id);
    const openMigration = migration && isOpenMigration(migration.status) ? migration : null;
    const unmatchedSignIns = unmatched.get(school.id) ?? 0;
    return {
      schoolId: school.id,
      name: school.name,
      mis: school.mis,
      timezone: school.timezone,
      connected,
      lastSync: latest ? { status: latest.status, mode: latest.mode, trigger: latest.trigger, finishedAt: latest.finishedAt, createdAt: latest.createdAt, warnings: latest.quarantined, error: latest.error } : null,
      lastSucceededAt: sync.lastSucceededAt.get(school.id) ?? null,
      nextSyncAt: connected ? nextScheduledSync(school.id, school.syncSchedule as SyncSchedule, now) : null,
      migration: openMigration && { status: openMigration.status, fromMis: openMigration.fromMis, toMis: openMigration.toMis, toReview: openMigration.toReview },
      staff: staff.get(school.id) ?? 0,
      pupils: pupils.get(school.id) ?? 0,
      openIncidents: open.get(school.id) ?? 0,
      incidentsThisTerm: thisTerm.counts.get(school.id) ?? 0,
      term: thisTerm.terms.get(school.id)!,
      unmatchedSignIns,
      attention: attentionOf(connected, latest, openMigration !== null, unmatchedSignIns),
    };
  });
  return { trustName: trust.trustName, rows };
}
