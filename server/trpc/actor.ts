import type { Db } from "../db";
import { accountLabel } from "../users/status";

/** The signed-in caller as the activity log names them. */
export async function actorFor(ctx: { db: Db; userId: string }) {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { email: true, name: true } });
  return { userId: ctx.userId, label: accountLabel(user) };
}
