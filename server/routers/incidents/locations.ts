import { z } from "zod";
import { listLocations } from "../../incidents/settings";
import { schoolMemberProcedure } from "../../trpc/init";

/** The school's locations, for the log form and the book's filter. */
export const listLocationsProcedure = schoolMemberProcedure
  .input(z.object({ includeArchived: z.boolean().default(false) }))
  .query(({ ctx, input }) => listLocations(ctx.db, ctx.schoolId, input.includeArchived));
