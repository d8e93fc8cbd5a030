import { z } from "zod";
import { personHistory } from "../../incidents/patterns";
import { schoolAdminProcedure } from "../../trpc/init";

export const personHistoryProcedure = schoolAdminProcedure
  .input(z.object({ personId: z.string().min(1) }))
  .query(({ ctx, input }) => personHistory(ctx.db, ctx.schoolId, input.personId));
