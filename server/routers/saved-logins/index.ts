import { z } from "zod";
import { forgetLogin, revealLogin, savedLoginApps, saveLogin } from "../../apps/vault/logins";
import { reauthenticate, reauthState } from "../../apps/vault/reauth";
import { router, signedInAnyoneProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";

// Saved passwords on launcher tiles, pupils included. Every procedure acts on the caller's own
// logins only: there is no input naming a user, so an admin reaches nobody else's.

const appId = z.string().min(1).max(40);

export const savedLoginsRouter = router({
  /** Which tiles at the school have a saved login, and whether this browser may reveal them now. */
  list: signedInAnyoneProcedure.input(z.object({ schoolId: z.string().min(1).max(100) })).query(async ({ ctx, input }) => {
    const [apps, reauth] = await Promise.all([savedLoginApps(ctx.db, ctx.userId, input.schoolId), reauthState(ctx.db, ctx.userId, ctx.session?.sessionKey ?? null)]);
    return { apps, reauth };
  }),
  save: signedInAnyoneProcedure
    .input(z.object({ appId, username: z.string().trim().min(1, "Type the username you use for this app.").max(200), password: z.string().min(1, "Type the password you use for this app.").max(500) }))
    .mutation(({ ctx, input }) => userFacing(() => saveLogin(ctx.db, ctx.userId, input.appId, input))),
  reveal: signedInAnyoneProcedure.input(z.object({ appId })).mutation(({ ctx, input }) => userFacing(() => revealLogin(ctx.db, ctx.userId, ctx.session?.sessionKey ?? null, input.appId))),
  forget: signedInAnyoneProcedure.input(z.object({ appId })).mutation(({ ctx, input }) => userFacing(() => forgetLogin(ctx.db, ctx.userId, input.appId))),
  /** Proves it's the caller again (their password, or pupil password) for the next few minutes. */
  reauthenticate: signedInAnyoneProcedure
    .input(z.object({ password: z.string().min(1, "Type your password.").max(1024) }))
    .mutation(({ ctx, input }) => userFacing(() => reauthenticate(ctx.db, ctx.userId, ctx.session?.sessionKey ?? null, input.password))),
});
