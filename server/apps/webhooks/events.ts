// The outbox of change webhooks. Where people change (server/sync) or a migration is applied
// (server/migrations), one call here writes a WebhookDelivery row per subscribed app, in the same
// transaction as the change: nothing is sent for a change that rolled back, and nothing committed
// is lost. The queue (queue.ts) delivers the rows. A school with no subscription costs one query.
import { randomBytes } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client";

export const WEBHOOK_EVENTS = ["user.created", "user.updated", "user.archived", "migration.applied"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
type PersonEventType = Exclude<WebhookEventType, "migration.applied">;

type Tx = Prisma.TransactionClient;

/** The webhook-id header: unique per message, the same on each retry of it. */
const messageId = () => `msg_${randomBytes(16).toString("base64url")}`;

/** An MIS's ids for one person: Wonde's id and the MIS's own. */
type MisIds = { wonde_id: string; mis_id: string | null };
const misIds = (row: { externalId: string; misId: string | null }): MisIds => ({ wonde_id: row.externalId, mis_id: row.misId });

async function subscribers(tx: Tx, schoolId: string, types: WebhookEventType[]) {
  return tx.appWebhook.findMany({ where: { schoolId, enabled: true, app: { archivedAt: null }, events: { hasSome: types } }, select: { id: true, events: true } });
}

async function enqueue(tx: Tx, schoolId: string, hooks: { id: string; events: string[] }[], messages: { type: WebhookEventType; data: Prisma.InputJsonValue }[], now: Date) {
  const rows = hooks.flatMap((hook) =>
    messages
      .filter((m) => hook.events.includes(m.type))
      .map((m) => ({ id: messageId(), schoolId, webhookId: hook.id, eventType: m.type, payload: { type: m.type, timestamp: now.toISOString(), data: m.data }, nextAttemptAt: now, createdAt: now })),
  );
  if (rows.length) await tx.webhookDelivery.createMany({ data: rows });
}

/**
 * Queues user.created / user.updated / user.archived for these people, as they are now (call it
 * after writing them). What an app may know of a person: our stable id, names, a member of staff's
 * work email, a pupil's year group and their current MIS ids; never a UPN, a date of birth or contacts.
 */
export async function queuePersonEvents(tx: Tx, schoolId: string, changes: Partial<Record<PersonEventType, string[]>>, now: Date): Promise<void> {
  const wanted = (Object.entries(changes) as [PersonEventType, string[] | undefined][]).filter(([, ids]) => ids?.length) as [PersonEventType, string[]][];
  if (wanted.length === 0) return;
  const hooks = await subscribers(tx, schoolId, wanted.map(([type]) => type));
  if (hooks.length === 0) return;
  const [school, people] = await Promise.all([
    tx.school.findUniqueOrThrow({ where: { id: schoolId }, select: { id: true, name: true } }),
    tx.person.findMany({
      where: { schoolId, id: { in: [...new Set(wanted.flatMap(([, ids]) => ids))] } },
      select: { id: true, kind: true, forename: true, surname: true, email: true, ncYear: true, archivedAt: true, externalIds: { where: { source: "wonde", supersededAt: null }, select: { externalId: true, misId: true }, orderBy: { lastSeenAt: "desc" } } },
    }),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const messages = wanted.flatMap(([type, ids]) =>
    ids.flatMap((id) => {
      const p = byId.get(id);
      if (!p) return [];
      const data = {
        id: p.id,
        kind: p.kind === "STAFF" ? "staff" : "pupil",
        name: `${p.forename} ${p.surname}`,
        given_name: p.forename,
        family_name: p.surname,
        ...(p.kind === "STAFF" ? { email: p.email } : { year_group: p.ncYear }),
        archived: p.archivedAt !== null,
        school,
        mis_ids: p.externalIds.map(misIds),
      };
      return [{ type, data }];
    }),
  );
  await enqueue(tx, schoolId, hooks, messages, now);
}

/**
 * Queues migration.applied: for every person the migration kept, the MIS ids they had before
 * (now superseded) and the new MIS's, so an app keyed on MIS ids can re-map itself. Call it in
 * the transaction that marks the migration applied.
 */
export async function queueMigrationApplied(tx: Tx, schoolId: string, migration: { id: string; fromMis: string | null; toMis: string | null }, now: Date): Promise<void> {
  const hooks = await subscribers(tx, schoolId, ["migration.applied"]);
  if (hooks.length === 0) return;
  const candidates = await tx.migrationCandidate.findMany({
    where: { migrationId: migration.id, externalId: { not: null }, OR: [{ outcome: "MATCHED", personId: { not: null } }, { outcome: "REVIEW", resolution: { not: null } }] },
    select: { entity: true, externalId: true, misId: true, personId: true, outcome: true, resolution: true },
    orderBy: { id: "asc" },
  });
  const kept = candidates.flatMap((c) => {
    const personId = c.outcome === "MATCHED" ? c.personId : c.resolution !== "new" ? c.resolution : null;
    return personId ? [{ personId, entity: c.entity, current: { externalId: c.externalId!, misId: c.misId } }] : [];
  });
  const earlier = await tx.externalId.findMany({
    where: { schoolId, source: "wonde", personId: { in: kept.map((k) => k.personId) }, supersededAt: { not: null } },
    select: { personId: true, entity: true, externalId: true, misId: true },
    orderBy: { lastSeenAt: "desc" },
  });
  const oldIds = new Map<string, MisIds[]>();
  for (const row of earlier) oldIds.set(`${row.personId}\n${row.entity}`, [...(oldIds.get(`${row.personId}\n${row.entity}`) ?? []), misIds(row)]);
  const people = kept.map((k) => ({
    id: k.personId,
    kind: k.entity === "employee" ? "staff" : "pupil",
    old: (oldIds.get(`${k.personId}\n${k.entity}`) ?? []).filter((ids) => ids.wonde_id !== k.current.externalId),
    new: misIds(k.current),
  }));
  const data = { migration_id: migration.id, from_mis: migration.fromMis, to_mis: migration.toMis, applied_at: now.toISOString(), people };
  await enqueue(tx, schoolId, hooks, [{ type: "migration.applied", data }], now);
}
