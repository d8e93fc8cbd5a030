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

/**
 * As iP Suite does on each login: re-reads the signed-in staff member's own
 * record from Wonde (the single-record endpoint) and applies any change.
 * Returns what happened; never throws (sign-in must not depend on Wonde).
 */
export async function refreshStaffOnSignIn(db: Db, userId: string, options: { client?: WondeClient } = {}) {
  try {
    const user = await db.user.findUnique({
      where: { id: userId },
      select: {
        person: {
          select: {
            id: true,
            kind: true,
            school: { select: { id: true, wondeId: true, wondeTokenEnc: true, regionDomain: true, mis: true, grantedScopes: true, importPhotos: true } },
            externalIds: { where: { source: "wonde", entity: "employee", supersededAt: null }, select: { externalId: true }, take: 1 },
          },
        },
      },
    });
    const person = user?.person;
    const externalId = person?.externalIds[0]?.externalId;
    if (!person || person.kind !== "STAFF" || !externalId || !person.school.wondeId || !person.school.wondeTokenEnc) return { status: "skipped" as const };
    const school = person.school;
    const client = options.client ?? wondeClientForSchool(school);
    const feed = schoolFeed(school.mis, school.grantedScopes, school.importPhotos);
    const employee = await client.employee(school.wondeId!, externalId, { include: INCLUDES.employees(feed), signal: AbortSignal.timeout(REFRESH_TIMEOUT_MS) });
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
    return { status: "refreshed" as const, counts: counts.employees };
  } catch (error) {
    logger.warn({ userId, err: error }, "Refreshing the user from Wonde at sign-in failed");
    return { status: "failed" as const };
  }
}
