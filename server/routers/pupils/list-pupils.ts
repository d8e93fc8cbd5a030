import { z } from "zod";
import { listPupils } from "../../people/list";
import { seesWholeSchool } from "../../schools/access";
import { schoolMemberProcedure } from "../../trpc/init";
import { pageInput, statusInput } from "../shared";

/** Pupils, read-only, with a year filter; UPNs are masked for staff. */
export const listPupilsProcedure = schoolMemberProcedure
  .input(pageInput.extend({ year: z.string().max(4).optional(), status: statusInput }))
  .query(({ ctx, input }) => listPupils(ctx.db, ctx.schoolId, input, seesWholeSchool(ctx.role)));
