// The trust dashboard: one row per school of the trust. Every figure comes from the query the
// school's own page uses (its where clause or its service), so the two never disagree.
import { isOpenMigration } from "@/components/migration/migration-text";
import { nextScheduledSync, type SyncSchedule } from "@/lib/sync-schedule";
import { dateInZone } from "../activity/service";
import type { Db } from "../db";
import { incidentWhere, type IncidentCaller } from "../incidents/service";
import { visibleUnmatchedWhere } from "../matching/service";
import { migrationOverview } from "../migrations/queries";
import { peopleWhere } from "../people/list";
import { syncRunStatus } from "../sync/status";
import type { TrustAccess } from "./access";
import { termOf } from "./term";

export type AttentionReason = "not connected" | "never synced" | "sync failed" | "sync paused" | "records skipped" | "migration to review" | "sign-ins to match";

async function schoolRow(db: Db, trust: TrustAccess, userId: string, school: { id: string; name: string; mis: string | null; timezone: string; syncSchedule: string; wondeTokenEnc: string | null }, now: Date) {
  const caller: IncidentCaller = { userId, schoolId: school.id, role: trust.role };
  const term = termOf(dateInZone(now, school.timezone));
  const [sync, migration, staff, pupils, openIncidents, incidentsThisTerm, unmatchedSignIns] = await Promise.all([
    syncRunStatus(db, school.id),
    migrationOverview(db, school.id),
    db.person.count({ where: peopleWhere(school.id, "STAFF", { status: "current" }) }),
    db.person.count({ where: peopleWhere(school.id, "PUPIL", { status: "current" }) }),
    incidentWhere(db, caller, { status: "OPEN" }).then((where) => db.incident.count({ where })),
    incidentWhere(db, caller, { from: term.from, to: term.to }).then((where) => db.incident.count({ where })),
    visibleUnmatchedWhere(db, school.id).then((where) => db.unmatchedIdentity.count({ where })),
  ]);
  const connected = school.wondeTokenEnc !== null;
  const run = sync.run && { status: sync.run.status, mode: sync.run.mode, trigger: sync.run.trigger, finishedAt: sync.run.finishedAt, createdAt: sync.run.createdAt, warnings: sync.run.quarantined, error: sync.run.error };
  const openMigration = migration.migration && isOpenMigration(migration.migration.status) ? migration.migration : null;
  const attention: AttentionReason[] = [];
  if (!connected) attention.push("not connected");
  else if (!run) attention.push("never synced");
  if (run?.status === "FAILED") attention.push("sync failed");
  if (run?.status === "PAUSED") attention.push("sync paused");
  if (run?.status === "SUCCEEDED" && run.warnings > 0) attention.push("records skipped");
  if (openMigration) attention.push("migration to review");
  if (unmatchedSignIns > 0) attention.push("sign-ins to match");
  return {
    schoolId: school.id,
    name: school.name,
    mis: school.mis,
    timezone: school.timezone,
    connected,
    lastSync: run,
    lastSucceededAt: sync.lastSucceededAt,
    nextSyncAt: connected ? nextScheduledSync(school.id, school.syncSchedule as SyncSchedule, now) : null,
    migration: openMigration && { status: openMigration.status, fromMis: openMigration.fromMis, toMis: openMigration.toMis, toReview: openMigration.toReview },
    staff,
    pupils,
    openIncidents,
    incidentsThisTerm,
    term,
    unmatchedSignIns,
    attention,
  };
}

export type TrustDashboardRow = Awaited<ReturnType<typeof schoolRow>>;

/** Every school of the caller's trust, by name, with its figures. */
export async function trustDashboard(db: Db, trust: TrustAccess, userId: string, now = new Date()): Promise<{ trustName: string; rows: TrustDashboardRow[] }> {
  const schools = await db.school.findMany({
    where: { trustId: trust.trustId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, mis: true, timezone: true, syncSchedule: true, wondeTokenEnc: true },
  });
  const rows: TrustDashboardRow[] = [];
  // A few schools at a time: each row is a handful of queries, and a trust may have fifty schools.
  for (let i = 0; i < schools.length; i += 5) rows.push(...(await Promise.all(schools.slice(i, i + 5).map((school) => schoolRow(db, trust, userId, school, now)))));
  return { trustName: trust.trustName, rows };
}
