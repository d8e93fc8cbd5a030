import type { Session } from "next-auth";
import type { Db } from "@/server/db";
import type { Role } from "@/server/generated/prisma/client";
import { hashPassword } from "@/server/auth/password";
import type { Context } from "@/server/trpc/context";

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export async function createSchool(db: Db, name = unique("School")) {
  return db.school.create({ data: { name } });
}

/** A staff member's (or admin's) account: always with an email. */
export async function createUser(db: Db, opts: { schoolId?: string; role?: Role; password?: string; email?: string } = {}) {
  const email = opts.email ?? `${unique("user")}@example.org`;
  const user = await db.user.create({
    data: {
      email,
      passwordHash: opts.password ? await hashPassword(opts.password) : null,
      memberships: opts.schoolId ? { create: { schoolId: opts.schoolId, role: opts.role ?? "STAFF" } } : undefined,
    },
  });
  return { ...user, email };
}

/** A tRPC context as the HTTP handler would build it, for a user or for nobody. */
export function contextFor(db: Db, userId: string | null): Context {
  const session: Session | null = userId ? { user: { id: userId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null;
  return { db, session, headers: new Headers() };
}
