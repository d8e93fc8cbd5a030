import { TRPCError } from "@trpc/server";
import type { Db } from "../db";
import { misCapabilities, describeMisGaps } from "../wonde";

/** One staff member as the detail page shows them, with what their MIS can't provide. */
export async function getStaffMember(db: Db, schoolId: string, personId: string) {
  const person = await db.person.findFirst({
    where: { id: personId, schoolId, kind: "STAFF" },
    include: {
      lineManager: { select: { id: true, forename: true, surname: true, initials: true } },
      reports: { where: { archivedAt: null }, select: { id: true, forename: true, surname: true, initials: true, jobTitle: true }, orderBy: { surname: "asc" } },
      classesTaught: { where: { class: { archivedAt: null } }, select: { isMainTeacher: true, class: { select: { id: true, name: true, code: true, subject: { select: { name: true } }, _count: { select: { pupils: { where: { person: { archivedAt: null } } } } } } } } },
      subjectsTaught: { where: { subject: { archivedAt: null } }, select: { subject: { select: { id: true, name: true, code: true } } } },
      userLink: { select: { user: { select: { id: true, email: true, disabledAt: true, passwordHash: true, accounts: { select: { provider: true } } } } } },
      school: { select: { mis: true } },
      photo: { select: { hash: true } },
    },
  });
  if (!person) throw new TRPCError({ code: "NOT_FOUND", message: "No such staff member at this school." });
  const { userLink, school, ...rest } = person;
  const user = userLink?.user;
  const capabilities = misCapabilities(school.mis);
  return {
    ...rest,
    mis: school.mis,
    capabilities,
    misGaps: describeMisGaps(capabilities),
    account: user ? { id: user.id, email: user.email, disabled: user.disabledAt !== null, hasPassword: user.passwordHash !== null, providers: user.accounts.map((a) => a.provider) } : null,
  };
}
