// The admin's report: launches per tile per week, in the school's own weeks (Monday to Sunday).
import type { Db } from "../db";
import { STAFFROOM_AREAS } from "./areas";

export type UsageReport = {
  /** The Mondays the columns start on, oldest first, as yyyy-mm-dd. */
  weeks: string[];
  rows: { tileId: string; name: string; removed: boolean; perWeek: number[]; total: number }[];
};

const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function usageReport(db: Db, schoolId: string, weekCount: number, now = new Date()): Promise<UsageReport> {
  const { timezone } = await db.school.findUniqueOrThrow({ where: { id: schoolId }, select: { timezone: true } });
  const [thisWeek] = await db.$queryRaw<{ monday: string }[]>`
    SELECT to_char(date_trunc('week', (${now}::timestamptz) AT TIME ZONE ${timezone}), 'YYYY-MM-DD') AS monday`;
  const weeks = Array.from({ length: weekCount }, (_, i) => addDays(thisWeek!.monday, 7 * (i - weekCount + 1)));
  // `at` is UTC without a zone: read it as UTC, then as the school's wall-clock time.
  const counts = await db.$queryRaw<{ tile: string; week: string; launches: number }[]>`
    SELECT COALESCE("appId", 'area-' || "area") AS tile,
           to_char(date_trunc('week', ("at" AT TIME ZONE 'UTC') AT TIME ZONE ${timezone}), 'YYYY-MM-DD') AS week,
           count(*)::int AS launches
    FROM "AppLaunch"
    WHERE "schoolId" = ${schoolId} AND ("at" AT TIME ZONE 'UTC') AT TIME ZONE ${timezone} >= ${weeks[0]}::date
    GROUP BY 1, 2`;
  const apps = await db.launcherApp.findMany({ where: { schoolId, OR: [{ archivedAt: null }, { launches: { some: {} } }] }, select: { id: true, name: true, archivedAt: true } });
  const names = new Map<string, { name: string; removed: boolean }>([
    ...apps.map((a) => [a.id, { name: a.name, removed: a.archivedAt !== null }] as const),
    ...STAFFROOM_AREAS.map((a) => [`area-${a.key}`, { name: `Staffroom: ${a.label}`, removed: false }] as const),
  ]);
  const perTile = new Map<string, number[]>();
  for (const { tile, week, launches } of counts) {
    const column = weeks.indexOf(week);
    if (column < 0 || !names.has(tile)) continue;
    const row = perTile.get(tile) ?? weeks.map(() => 0);
    row[column]! += launches;
    perTile.set(tile, row);
  }
  // Every live app has a row, used or not: an unused app is worth seeing too.
  for (const app of apps) if (!app.archivedAt && !perTile.has(app.id)) perTile.set(app.id, weeks.map(() => 0));
  const rows = [...perTile].map(([tileId, perWeek]) => ({ tileId, ...names.get(tileId)!, perWeek, total: perWeek.reduce((a, b) => a + b, 0) }));
  return { weeks, rows: rows.sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)) };
}
