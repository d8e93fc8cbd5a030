import { z } from "zod";
import { newPasswordSchema } from "../../../lib/password-policy";
import { publicProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { setPasswordWithToken } from "../../users/passwords";

/** Sets a password from a reset or invite link (the link is the credential). */
export const setPassword = publicProcedure
  .input(z.object({ token: z.string().min(1).max(200), password: newPasswordSchema }))
  .output(z.object({ email: z.string() }))
  .mutation(({ ctx, input }) => userFacing(() => setPasswordWithToken(ctx.db, input)));
