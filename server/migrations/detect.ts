import type { Db } from "@/server/db";
import { recordActivity } from "@/server/activity/record";
import type { WondeClient } from "@/server/wonde";
import { OPEN_MIGRATION } from "./apply";

export type DetectedBy = "webhook" | "mis-change" | "id-churn";

/** Below this many known people a school is too small to judge id churn. */
const CHURN_MIN_KNOWN = 20;
/** A first page with at least this share of unknown ids means the ids were reissued. */
const CHURN_UNKNOWN_SHARE = 0.5;

export function activeMigration(db: Db, schoolId: string) {
  return db.misMigration.findFirst({ where: { schoolId, status: { in: [...OPEN_MIGRATION] } }, orderBy: { detectedAt: "desc" } });
}

/** Opens a migration for the school, or returns the one already open. */
export async function openMigration(db: Db, schoolId: string, input: { detectedBy: DetectedBy; fromMis: string | null; toMis: string | null; migratedAt?: Date | null }) {
  const open = await activeMigration(db, schoolId);
  if (open) return open;
  return db.$transaction(async (tx) => {
    const migration = await tx.misMigration.create({ data: { schoolId, detectedBy: input.detectedBy, fromMis: input.fromMis, toMis: input.toMis, migratedAt: input.migratedAt ?? new Date() } });
    await recordActivity(
      {
        schoolId,
        actor: { system: "Migration" },
        action: "Migration Detected",
        subject: { type: "MisMigration", id: migration.id, label: `${input.fromMis ?? "?"} → ${input.toMis ?? "?"}` },
        details: { detectedBy: input.detectedBy },
      },
      tx,
    );
    return migration;
  });
}

/**
 * Most known ids gone at once means the MIS reissued them, even when Wonde
 * still names the same MIS. A full sync samples the first page of pupils
 * and staff; an incremental one counts deletions since its cursor. Pupils and
 * staff are checked side by side (their Wonde reads overlap).
 */
export async function idsChurned(db: Db, schoolId: string, wondeId: string, client: WondeClient, updatedAfter: Date | undefined) {
  const churned = await Promise.all((["student", "employee"] as const).map((entity) => entityIdsChurned(db, schoolId, wondeId, client, updatedAfter, entity)));
  return churned.some(Boolean);
}

async function entityIdsChurned(db: Db, schoolId: string, wondeId: string, client: WondeClient, updatedAfter: Date | undefined, entity: "student" | "employee") {
  const countKnown = () => db.externalId.count({ where: { schoolId, entity, supersededAt: null, person: { archivedAt: null } } });
  if (updatedAfter) {
    // Only ids we still hold count: after an applied migration the old ones are history.
    let deleted = 0;
    for await (const page of client.deletions(wondeId, { updatedAfter, type: entity })) {
      const ids = page.data.filter((d) => d.type === entity).map((d) => d.id);
      if (ids.length) deleted += await db.externalId.count({ where: { schoolId, entity, supersededAt: null, externalId: { in: ids } } });
    }
    // Nothing we hold was deleted (most incremental runs): no need to count what we hold.
    if (deleted === 0) return false;
    const known = await countKnown();
    return known >= CHURN_MIN_KNOWN && deleted >= CHURN_UNKNOWN_SHARE * known;
  }
  const known = await countKnown();
  if (known < CHURN_MIN_KNOWN) return false;
  const pages = entity === "student" ? client.students(wondeId) : client.employees(wondeId);
  const iterator = pages[Symbol.asyncIterator]();
  const first = (await iterator.next()).value;
  await iterator.return(undefined);
  const ids = first?.data.map((r) => r.id) ?? [];
  if (ids.length === 0) return false;
  const matched = await db.externalId.count({ where: { schoolId, entity, externalId: { in: ids } } });
  return (ids.length - matched) / ids.length >= CHURN_UNKNOWN_SHARE;
}
