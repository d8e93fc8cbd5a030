import type { Session } from "next-auth";
import type { Db } from "../db";

export type Context = { db: Db; session: Session | null; headers: Headers };

/** The request context: the signed-in session (if any) and the database. */
export async function createContext(opts: { headers: Headers }): Promise<Context> {
  // Imported lazily so tests can build contexts without loading Auth.js.
  const [{ auth }, { db }] = await Promise.all([import("../auth/config"), import("../db")]);
  return { db, session: await auth(), headers: opts.headers };
}
