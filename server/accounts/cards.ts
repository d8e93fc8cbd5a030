import { yearGroupLabel } from "@/lib/year-group";
import type { Db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { UserFacingError } from "../user-facing-error";
import { assertMayManageGroup, type PupilGroup } from "./access";
import { printableCredentials } from "./credentials";
import type { LoginCard } from "./login-card";
import { yearGroupMethods } from "./settings";

const BATCH = 250;

/**
 * The login cards of a class's or a year group's pupils with an active account, in name order,
 * with their *current* credentials decrypted (printing never re-issues). Read a batch at a time,
 * so a 2,000-pupil school streams in flat memory. Refused (on the first read) unless the caller
 * administers the school or teaches that class.
 */
export async function* loginCardsFor(db: Db, caller: { userId: string; schoolId: string }, group: PupilGroup): AsyncGenerator<LoginCard> {
  const { schoolId } = caller;
  await assertMayManageGroup(db, caller.userId, schoolId, group);
  const label = await groupLabel(db, schoolId, group);
  const methods = await yearGroupMethods(db, schoolId);
  const where: Prisma.PupilAccountWhereInput = {
    schoolId,
    archivedAt: null,
    person: "classId" in group ? { archivedAt: null, classesAttended: { some: { classId: group.classId } } } : { archivedAt: null, ncYear: group.ncYear },
  };
  // Keyset pagination on (surname, forename, personId): stable while the sync writes.
  let cursor: { surname: string; forename: string; personId: string } | null = null;
  for (;;) {
    const after: Prisma.PupilAccountWhereInput = cursor
      ? {
          OR: [
            { person: { surname: { gt: cursor.surname } } },
            { person: { surname: cursor.surname, forename: { gt: cursor.forename } } },
            { person: { surname: cursor.surname, forename: cursor.forename }, personId: { gt: cursor.personId } },
          ],
        }
      : {};
    const rows = await db.pupilAccount.findMany({
      where: { AND: [where, after] },
      orderBy: [{ person: { surname: "asc" } }, { person: { forename: "asc" } }, { personId: "asc" }],
      take: BATCH,
      select: { personId: true, username: true, passwordEnc: true, pictureEnc: true, badgeEnc: true, person: { select: { forename: true, surname: true, ncYear: true } } },
    });
    for (const row of rows)
      yield {
        personId: row.personId,
        name: `${row.person.forename} ${row.person.surname}`,
        group: label,
        username: row.username,
        ...printableCredentials(row, methods.get(row.person.ncYear ?? "") ?? []),
      };
    if (rows.length < BATCH) return;
    const last = rows.at(-1)!;
    cursor = { surname: last.person.surname, forename: last.person.forename, personId: last.personId };
  }
}

async function groupLabel(db: Db, schoolId: string, group: PupilGroup): Promise<string> {
  if ("ncYear" in group) return yearGroupLabel(group.ncYear);
  const found = await db.class.findFirst({ where: { id: group.classId, schoolId }, select: { name: true } });
  if (!found) throw new UserFacingError("NOT_FOUND", "That class isn't at this school.");
  return found.name;
}
