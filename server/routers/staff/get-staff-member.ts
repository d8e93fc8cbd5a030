import { z } from "zod";
import { getStaffMember } from "../../people/staff-detail";
import { schoolAdminProcedure } from "../../trpc/init";

export const getStaffMemberProcedure = schoolAdminProcedure
  .input(z.object({ personId: z.string().min(1) }))
  .query(({ ctx, input }) => getStaffMember(ctx.db, ctx.schoolId, input.personId));
