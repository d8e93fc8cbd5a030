import { z } from "zod";
import { activityFilterOptions } from "../../activity/service";
import { schoolAdminProcedure } from "../../trpc/init";

/** Choices for the Activity page's filters, and the latest MIS migration's date ("YYYY-MM-DD"). */
export const activityFacetsProcedure = schoolAdminProcedure
  .output(z.object({ actions: z.array(z.string()), actors: z.array(z.string()), migrationDate: z.string().nullable() }))
  .query(({ ctx }) => activityFilterOptions(ctx.db, ctx.schoolId));
