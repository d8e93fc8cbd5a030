import { TRPCError } from "@trpc/server";
import { isLiteSchool, LITE_REFUSAL } from "../../schools/lite";
import { schoolAdminProcedure } from "../../trpc/init";

/** User Matching's procedures: the school's admins, and refused while the school is on Staffroom Lite. */
export const matchingProcedure = schoolAdminProcedure.use(async ({ ctx, next }) => {
  if (await isLiteSchool(ctx.db, ctx.schoolId)) throw new TRPCError({ code: "PRECONDITION_FAILED", message: LITE_REFUSAL });
  return next();
});
