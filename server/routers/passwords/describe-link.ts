import { z } from "zod";
import { publicProcedure } from "../../trpc/init";
import { describePasswordLink } from "../../users/passwords";

/** Whether a reset / invite link still works, so the page can say so before anything is typed. */
export const describeLink = publicProcedure
  .input(z.object({ token: z.string().min(1).max(200) }))
  .output(z.discriminatedUnion("valid", [z.object({ valid: z.literal(false) }), z.object({ valid: z.literal(true), purpose: z.enum(["RESET", "INVITE"]), email: z.string() })]))
  .query(({ ctx, input }) => describePasswordLink(ctx.db, input.token));
