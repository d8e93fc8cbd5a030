import { z } from "zod";
import { requestResetSchema } from "../../../lib/password-policy";
import { publicProcedure } from "../../trpc/init";
import { startPasswordReset } from "../../users/passwords";

/** Forgot password. Answers at once and the same for every address (see startPasswordReset). */
export const requestReset = publicProcedure
  .input(requestResetSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => {
    startPasswordReset(ctx.db, input.email);
    return { ok: true as const };
  });
