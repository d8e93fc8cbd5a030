import { z } from "zod";
import { listPupils } from "../../people/list";
import { isAdminRole } from "../../schools/access";
import { schoolMemberProcedure } from "../../trpc/init";
import { pageInput, statusInput } from "../shared";

/** Pupils, read-only, with a year filter; UPNs are masked for non-admins. */
export const listPupilsProcedure = schoolMemberProcedure
  .input(pageInput.extend({ year: z.string().max(4).optional(), status: statusInput }))
  .query(({ ctx, input }) => listPupils(ctx.db, ctx.schoolId, input, isAdminRole(ctx.role)));
