import { z } from "zod";
import { unlinkIdentity } from "../../matching/service";
import { actorFor } from "../../trpc/actor";
import { matchingProcedure } from "./procedure";
import { userFacing } from "../../trpc/user-facing";

export const unlink = matchingProcedure
  .input(z.object({ accountId: z.string().min(1) }))
  .output(z.object({ provider: z.string() }))
  .mutation(async ({ ctx, input }) => userFacing(async () => unlinkIdentity(ctx.db, { schoolId: ctx.schoolId, actor: await actorFor(ctx), accountId: input.accountId })));
