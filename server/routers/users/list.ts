import { z } from "zod";
import { schoolAdminProcedure } from "../../trpc/init";
import { listSchoolUsers } from "../../users/roles";

const role = z.enum(["STAFF", "SCHOOL_ADMIN", "TRUST_ADMIN"]);

export const list = schoolAdminProcedure
  .input(z.object({ search: z.string().max(100).optional(), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(25) }))
  .output(
    z.object({
      total: z.number(),
      rows: z.array(
        z.object({
          userId: z.string(),
          email: z.string(),
          name: z.string().nullable(),
          role,
          hasPassword: z.boolean(),
          disabled: z.boolean(),
          linkedIdentities: z.number(),
          lastInviteAt: z.date().nullable(),
        }),
      ),
    }),
  )
  .query(({ ctx, input }) => listSchoolUsers(ctx.db, ctx.schoolId, input));
