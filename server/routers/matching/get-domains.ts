import { z } from "zod";
import { getSsoDomains } from "../../matching/service";
import { matchingProcedure } from "./procedure";

/** The email domains whose verified addresses are matched automatically. */
export const getDomains = matchingProcedure.output(z.object({ domains: z.array(z.string()) })).query(({ ctx }) => getSsoDomains(ctx.db, ctx.schoolId));
