import type { Db } from "@/server/db";
import type { Prisma } from "@/server/generated/prisma/client";
import type { WondeClient } from "@/server/wonde";
import { INCLUDES, mapEmployee, schoolFeed } from "./map";
import { emptyCounts } from "./types";
import { wondeClientForSchool } from "./wonde-for-school";
import { writePeopleBatch } from "./write-people";
import { disableAccountsOfArchived } from "@/server/users/provision";
import { logger } from "../logger";

/** Wonde gets this long to answer before the refresh gives up (sign-in never waits for it). */
const REFRESH_TIMEOUT_MS = 10_000;

const schoolSelect = { id: true, wondeId: true, wondeTokenEnc: true, regionDomain: true, mis: true, grantedScopes: true, importPhotos: true } satisfies Prisma.SchoolSelect;
type LinkedStaff = { personId: string; externalId: string; school: Prisma.SchoolGetPayload<{ select: typeof schoolSelect }> };

/**
 * As iP Suite does on each login: re-reads the signed-in staff member's own
 * record from Wonde (the single-record endpoint) and applies any change. A member
 * of staff in several schools has one record per school: each is read from its own
 * school's MIS and stays that school's. One school failing never stops the others.
 * Returns what happened overall ("refreshed" when any school's record was read);
 * never throws (sign-in must not depend on Wonde).
 */
export async function refreshStaffOnSignIn(db: Db, userId: string, options: { client?: WondeClient } = {}) {
  let linked: LinkedStaff[];
  try {
    const links = await db.userPersonLink.findMany({
      where: { userId, person: { kind: "STAFF" }, school: { wondeId: { not: null }, wondeTokenEnc: { not: null } } },
      orderBy: { createdAt: "asc" },
      select: {
        personId: true,
        school: { select: schoolSelect },
        person: { select: { externalIds: { where: { source: "wonde", entity: "employee", supersededAt: null }, select: { externalId: true }, take: 1 } } },
      },
    });
    linked = links.flatMap((l) => (l.person.externalIds[0] ? [{ personId: l.personId, externalId: l.person.externalIds[0].externalId, school: l.school }] : []));
  } catch (error) {
    logger.warn({ userId, err: error }, "Refreshing the user from Wonde at sign-in failed");
    return { status: "failed" as const };
  }
  if (linked.length === 0) return { status: "skipped" as const };
  const total = emptyCounts().employees;
  let refreshed = 0;
  for (const staff of linked) {
    const counts = await refreshAtSchool(db, userId, staff, options.client);
    if (!counts) continue;
    refreshed++;
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += counts[key];
  }
  return refreshed ? { status: "refreshed" as const, counts: total } : { status: "failed" as const };
}

/** One school's record of the user, from that school's MIS; null when it failed (logged). */
async function refreshAtSchool(db: Db, userId: string, staff: LinkedStaff, givenClient?: WondeClient) {
  try {
    const { school } = staff;
    const client = givenClient ?? wondeClientForSchool(school);
    const feed = schoolFeed(school.mis, school.grantedScopes, school.importPhotos);
    const employee = await client.employee(school.wondeId!, staff.externalId, { include: INCLUDES.employees(feed), signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS) });
    const mapped = mapEmployee(employee, feed);
    // Line managers need the whole staff list: the next full or scheduled sync sets them.
    const counts = emptyCounts();
    const now = new Date();
    await db.$transaction(async (tx) => {
      const written = await writePeopleBatch(tx, { schoolId: school.id, kind: "STAFF", entity: "employee", now, claimed: new Set() }, [mapped], counts.employees);
      await disableAccountsOfArchived(tx, school.id, written.filter((w) => w.archived).map((w) => w.personId), now);
      await tx.syncRun.create({
        data: { schoolId: school.id, trigger: "SIGN_IN", mode: "incremental", status: "SUCCEEDED", startedAt: now, finishedAt: new Date(), counts: counts as Prisma.InputJsonValue },
      });
    });
    return counts.employees;
  } catch (error) {
    logger.warn({ userId, schoolId: staff.school.id, err: error }, "Refreshing the user from Wonde at sign-in failed");
    return null;
  }
}
