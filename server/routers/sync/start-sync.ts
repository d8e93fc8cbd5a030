import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { userActor } from "../../activity/record";
import { requestSync } from "../../sync/queue";
import { schoolAdminProcedure } from "../../trpc/init";

/** "Sync Data": starts (or joins) a sync of the school and returns the run to watch. */
export const startSyncProcedure = schoolAdminProcedure
  .input(z.object({ mode: z.enum(["full", "incremental"]).default("incremental") }))
  .output(z.object({ runId: z.string(), alreadyRunning: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const school = await ctx.db.school.findUniqueOrThrow({ where: { id: ctx.schoolId }, select: { wondeTokenEnc: true } });
    if (!school.wondeTokenEnc) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Connect Wonde in Settings before syncing." });
    const actor = await userActor(ctx.db, ctx.userId);
    return requestSync(ctx.db, { schoolId: ctx.schoolId, mode: input.mode, trigger: "MANUAL", actor });
  });
