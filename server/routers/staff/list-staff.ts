import { z } from "zod";
import { listStaff, STAFF_SORTS } from "../../people/list";
import { schoolAdminProcedure } from "../../trpc/init";
import { pageInput, statusInput } from "../shared";

/** Staff Management: the school's staff, searchable, sortable, paginated. */
export const listStaffProcedure = schoolAdminProcedure
  .input(pageInput.extend({ sort: z.enum(STAFF_SORTS).default("name"), direction: z.enum(["asc", "desc"]).default("asc"), status: statusInput }))
  .query(({ ctx, input }) => listStaff(ctx.db, ctx.schoolId, input));
