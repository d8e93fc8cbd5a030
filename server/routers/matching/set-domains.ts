import { z } from "zod";
import { setSsoDomains } from "../../matching/service";
import { actorFor } from "../../trpc/actor";
import { matchingProcedure } from "./procedure";
import { userFacing } from "../../trpc/user-facing";

export const setDomains = matchingProcedure
  .input(z.object({ domains: z.array(z.string().max(253)).max(20) }))
  .output(z.object({ domains: z.array(z.string()) }))
  .mutation(async ({ ctx, input }) => userFacing(async () => setSsoDomains(ctx.db, { schoolId: ctx.schoolId, actor: await actorFor(ctx), domains: input.domains })));
