import { z } from "zod";
import { requestResetSchema } from "../../../lib/password-policy";
import { publicProcedure } from "../../trpc/init";
import { requestPasswordReset } from "../../users/passwords";
import { logger } from "../../logger";

/**
 * Forgot password. Answers at once and the same for every address: the lookup
 * and the email happen afterwards, so neither the answer nor its timing says
 * whether an account exists.
 */
export const requestReset = publicProcedure
  .input(requestResetSchema)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(({ ctx, input }) => {
    void requestPasswordReset(ctx.db, input.email).catch((error: unknown) => logger.error({ err: error }, "Password reset email failed"));
    return { ok: true as const };
  });
