import { yearGroupLabel } from "@/lib/year-group";
import type { Db } from "../db";
import type { PupilSignInMethod } from "../generated/prisma/client";
import { recordActivity, type Actor } from "../activity/record";

type Reader = Pick<Db, "pupilSignInYearGroup">;

export const METHOD_LABELS: Record<PupilSignInMethod, string> = { PASSWORD: "Password", PICTURE: "Picture password", BADGE: "QR badge" };

/** The year groups whose pupils have accounts, and how each signs in. Empty: pupil sign-in is off. */
export async function yearGroupMethods(db: Reader, schoolId: string): Promise<Map<string, PupilSignInMethod[]>> {
  const rows = await db.pupilSignInYearGroup.findMany({ where: { schoolId }, select: { ncYear: true, methods: true } });
  return new Map(rows.filter((r) => r.methods.length > 0).map((r) => [r.ncYear, r.methods]));
}

/** Every year group the school's current pupils are in, with its methods (none: not enabled). */
export async function pupilSignInSettings(db: Db, schoolId: string) {
  const [groups, enabled] = await Promise.all([
    db.person.groupBy({ by: ["ncYear"], where: { schoolId, kind: "PUPIL", archivedAt: null, ncYear: { not: null } }, _count: { _all: true } }),
    yearGroupMethods(db, schoolId),
  ]);
  const years = new Set([...groups.map((g) => g.ncYear!), ...enabled.keys()]);
  const pupils = new Map(groups.map((g) => [g.ncYear!, g._count._all]));
  return [...years]
    .sort((a, b) => yearOrder(a) - yearOrder(b) || a.localeCompare(b))
    .map((ncYear) => ({ ncYear, label: yearGroupLabel(ncYear), pupils: pupils.get(ncYear) ?? 0, methods: enabled.get(ncYear) ?? [] }));
}

// Nursery, Reception, then Year 1… in order.
function yearOrder(ncYear: string): number {
  if (/^\d+$/.test(ncYear)) return Number(ncYear);
  return ncYear.toUpperCase() === "R" ? 0 : -1;
}

/** Saves the methods of the given year groups (none: the year group's pupils have no accounts) and logs what changed. */
export async function setPupilSignInMethods(db: Db, schoolId: string, actor: Actor, changes: { ncYear: string; methods: PupilSignInMethod[] }[]) {
  await db.$transaction(async (tx) => {
    const before = await yearGroupMethods(tx, schoolId);
    for (const { ncYear, methods } of changes) {
      const unique = [...new Set(methods)].sort();
      const previous = (before.get(ncYear) ?? []).slice().sort();
      if (unique.join() === previous.join()) continue;
      if (unique.length === 0) await tx.pupilSignInYearGroup.deleteMany({ where: { schoolId, ncYear } });
      else await tx.pupilSignInYearGroup.upsert({ where: { schoolId_ncYear: { schoolId, ncYear } }, create: { schoolId, ncYear, methods: unique }, update: { methods: unique } });
      await recordActivity(
        {
          schoolId,
          actor,
          action: "Pupil Sign-in Changed",
          subject: { type: "YearGroup", id: ncYear, label: yearGroupLabel(ncYear) },
          details: { from: previous.map((m) => METHOD_LABELS[m]).join(", ") || "off", to: unique.map((m) => METHOD_LABELS[m]).join(", ") || "off" },
        },
        tx,
      );
    }
  });
}
