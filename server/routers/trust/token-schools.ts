import { z } from "zod";
import { trustTokenSchools } from "../../trust/connect";
import { trustAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { tokenSchoolOutput } from "./token-school";

/** The stored token's schools as Wonde lists them now: pending and revoked ones with what to do. */
export const tokenSchools = trustAdminProcedure
  .output(z.object({ connected: z.boolean(), checkedAt: z.date().nullable(), schools: z.array(tokenSchoolOutput) }))
  .query(({ ctx }) => userFacing(() => trustTokenSchools(ctx.db, ctx.trust.trustId)));
