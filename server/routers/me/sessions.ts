import { z } from "zod";
import { accountLabel } from "../../users/status";
import { recordActivity } from "../../activity/record";
import { endAllSessions } from "../../auth/sessions";
import { protectedProcedure } from "../../trpc/init";

/** "Signed in on …": this browser's sign-in time, and how many other browsers are signed in. */
export const getSessions = protectedProcedure.output(z.object({ signedInAt: z.string().nullable(), active: z.number() })).query(async ({ ctx }) => ({
  signedInAt: ctx.session?.signedInAt ?? null,
  active: await ctx.db.session.count({ where: { userId: ctx.userId, expires: { gt: new Date() } } }),
}));

/** Ends every session of the caller, this one included (a lost phone, a shared computer). */
export const signOutEverywhere = protectedProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { email: true, name: true, memberships: { select: { schoolId: true } } } });
  await ctx.db.$transaction(async (tx) => {
    await endAllSessions(tx, ctx.userId);
    for (const { schoolId } of user.memberships)
      await recordActivity({ schoolId, actor: { userId: ctx.userId, label: accountLabel(user) }, action: "Signed Out Everywhere", subject: { type: "User", id: ctx.userId, label: accountLabel(user) } }, tx);
  });
  return { ok: true as const };
});
