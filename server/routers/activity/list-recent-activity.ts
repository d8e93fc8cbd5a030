import { z } from "zod";
import { recentActivity } from "../../activity/queries";
import { schoolAdminProcedure } from "../../trpc/init";

export const listRecentActivity = schoolAdminProcedure
  .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }))
  .query(({ ctx, input }) => recentActivity(ctx.db, ctx.schoolId, input.limit));
