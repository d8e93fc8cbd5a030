import { z } from "zod";
import { previewTrustToken } from "../../trust/connect";
import { trustAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { tokenSchoolOutput, trustTokenInput } from "./token-school";

/** Every school a pasted token can see, before anything is stored (a mutation: the token stays out of URLs and logs). */
export const previewToken = trustAdminProcedure
  .input(trustTokenInput)
  .output(z.array(tokenSchoolOutput))
  .mutation(({ ctx, input }) => userFacing(() => previewTrustToken(ctx.db, ctx.trust.trustId, input.token)));
