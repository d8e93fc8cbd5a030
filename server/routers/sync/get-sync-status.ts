import { z } from "zod";
import { syncRunStatus } from "../../sync/status";
import { schoolAdminProcedure } from "../../trpc/init";

/** The progress of a run (polled while it runs), or the school's latest run. */
export const getSyncStatusProcedure = schoolAdminProcedure
  .input(z.object({ runId: z.string().optional() }))
  .query(({ ctx, input }) => syncRunStatus(ctx.db, ctx.schoolId, input.runId));
