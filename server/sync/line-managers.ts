import { updateRows } from "./sql";
import type { Tx } from "./types";

/**
 * Sets each staff member's line manager from the MIS's reports-to, once all
 * staff are known (a manager may come on a later page). Writes only changes,
 * in one statement.
 */
export async function linkLineManagers(tx: Tx, schoolId: string, links: { personId: string; managerExternalId: string | null }[], now: Date) {
  const managerIds = [...new Set(links.flatMap((l) => (l.managerExternalId ? [l.managerExternalId] : [])))];
  const managers = managerIds.length
    ? await tx.externalId.findMany({ where: { schoolId, source: "wonde", entity: "employee", externalId: { in: managerIds }, supersededAt: null }, select: { externalId: true, personId: true } })
    : [];
  const personOf = new Map(managers.map((m) => [m.externalId, m.personId]));
  const current = await tx.person.findMany({ where: { id: { in: links.map((l) => l.personId) } }, select: { id: true, lineManagerId: true } });
  const currentOf = new Map(current.map((p) => [p.id, p.lineManagerId]));
  const changes = links
    .map((l) => ({ id: l.personId, lineManagerId: l.managerExternalId ? (personOf.get(l.managerExternalId) ?? null) : null }))
    .filter((c) => c.lineManagerId !== c.id && currentOf.get(c.id) !== c.lineManagerId);
  if (changes.length === 0) return 0;
  await updateRows(tx, "Person", { id: "text", lineManagerId: "text" }, changes, { now, columns: ["updatedAt"] });
  return changes.length;
}
