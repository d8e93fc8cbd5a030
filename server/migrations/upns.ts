import type { Db } from "@/server/db";
import type { PersonFields } from "@/server/sync/map";

/**
 * The UPN each pupil gets at apply where the new MIS gives one UPN to several
 * pupils, so no two current pupils share one: the pupil whose old record held
 * it keeps it (else the first); each other keeps their old record's UPN, or
 * none when new, until the school fixes the MIS. Returns overrides by
 * candidate id; pupils not listed take the MIS's UPN.
 */
export async function uniqueUpns(db: Db, migrationId: string): Promise<Map<string, string | null>> {
  const pupils = await db.migrationCandidate.findMany({
    where: { migrationId, entity: "student", outcome: { not: "ARCHIVE" } },
    orderBy: { label: "asc" },
    select: { id: true, outcome: true, personId: true, resolution: true, fields: true },
  });
  const keeps = (c: (typeof pupils)[number]) => (c.outcome === "MATCHED" ? c.personId : c.outcome === "REVIEW" && c.resolution !== "new" ? c.resolution : null);
  const byUpn = new Map<string, typeof pupils>();
  for (const pupil of pupils) {
    const upn = (pupil.fields as PersonFields | null)?.upn;
    if (upn) byUpn.set(upn, [...(byUpn.get(upn) ?? []), pupil]);
  }
  const shared = [...byUpn].filter(([, group]) => group.length > 1);
  const overrides = new Map<string, string | null>();
  if (shared.length === 0) return overrides;

  const kept = shared.flatMap(([, group]) => group.flatMap((c) => keeps(c) ?? []));
  const oldUpn = new Map((await db.person.findMany({ where: { id: { in: kept } }, select: { id: true, upn: true } })).map((p) => [p.id, p.upn]));
  for (const [upn, group] of shared) {
    const holder = group.find((c) => keeps(c) && oldUpn.get(keeps(c)!) === upn) ?? group[0]!;
    for (const pupil of group) {
      if (pupil === holder) continue;
      const own = keeps(pupil) ? (oldUpn.get(keeps(pupil)!) ?? null) : null;
      overrides.set(pupil.id, own && !byUpn.has(own) ? own : null);
    }
  }
  return overrides;
}
