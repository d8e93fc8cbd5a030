import { z } from "zod";
import { setLiteMode } from "../../schools/lite";
import { actorFor } from "../../trpc/actor";
import { schoolAdminProcedure } from "../../trpc/init";

/** Staffroom Lite on or off for the school, or (null) as its trust's default (logged in the Activity Log). */
export const setLiteModeProcedure = schoolAdminProcedure
  .input(z.object({ liteMode: z.boolean().nullable() }))
  .output(z.object({ liteMode: z.boolean() }))
  .mutation(async ({ ctx, input }) => setLiteMode(ctx.db, ctx.schoolId, await actorFor(ctx), input.liteMode));
