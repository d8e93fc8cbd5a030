import { z } from "zod";
import { userActor } from "../../activity/record";
import { connectTrust } from "../../trust/connect";
import { trustAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { tokenSchoolOutput, trustTokenInput } from "./token-school";

export const connectOutcomeOutput = tokenSchoolOutput.extend({
  result: z.enum(["connected", "already connected", "skipped", "failed"]),
  runId: z.string().nullable(),
  error: z.string().nullable(),
});

/** Stores the trust's token and connects every approved school it sees, each with its first sync queued. */
export const connect = trustAdminProcedure
  .input(trustTokenInput)
  .output(z.array(connectOutcomeOutput))
  .mutation(async ({ ctx, input }) => userFacing(async () => connectTrust(ctx.db, { trustId: ctx.trust.trustId, token: input.token, actor: await userActor(ctx.db, ctx.userId) })));
