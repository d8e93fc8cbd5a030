import { z } from "zod";
import { getSsoDomains } from "../../matching/service";
import { schoolAdminProcedure } from "../../trpc/init";

/** The email domains whose verified addresses are matched automatically. */
export const getDomains = schoolAdminProcedure.output(z.object({ domains: z.array(z.string()) })).query(({ ctx }) => getSsoDomains(ctx.db, ctx.schoolId));
