import type { Db } from "@/server/db";

let counter = 0;

/** A staff Person as the sync engine would have written it (tests only: product code never writes people). */
export async function createStaffPerson(db: Db, schoolId: string, opts: { forename?: string; surname?: string; email?: string | null; archived?: boolean } = {}) {
  const n = ++counter;
  return db.person.create({
    data: {
      schoolId,
      kind: "STAFF",
      forename: opts.forename ?? `Forename${n}`,
      surname: opts.surname ?? `Surname${n}`,
      email: opts.email === undefined ? `staff-${process.pid}-${n}@school.example` : opts.email,
      archivedAt: opts.archived ? new Date() : null,
    },
  });
}
