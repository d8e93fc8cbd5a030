import { z } from "zod";
import { linkIdentityToPerson } from "../../matching/service";
import { actorFor } from "../../trpc/actor";
import { matchingProcedure } from "./procedure";
import { userFacing } from "../../trpc/user-facing";

export const link = matchingProcedure
  .input(z.object({ identityId: z.string().min(1), personId: z.string().min(1) }))
  .output(z.object({ personName: z.string() }))
  .mutation(async ({ ctx, input }) =>
    userFacing(async () => linkIdentityToPerson(ctx.db, { schoolId: ctx.schoolId, actor: await actorFor(ctx), identityId: input.identityId, personId: input.personId })),
  );
