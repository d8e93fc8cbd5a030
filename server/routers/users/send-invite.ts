import { z } from "zod";
import { actorFor } from "../../trpc/actor";
import { schoolAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { sendInviteEmail } from "../../users/passwords";

export const sendInvite = schoolAdminProcedure
  .input(z.object({ userId: z.string().min(1) }))
  .output(z.object({ email: z.string() }))
  .mutation(async ({ ctx, input }) => userFacing(async () => sendInviteEmail(ctx.db, ctx.schoolId, await actorFor(ctx), input.userId)));
