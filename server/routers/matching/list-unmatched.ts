import { z } from "zod";
import { listUnmatchedIdentities } from "../../matching/service";
import { schoolAdminProcedure } from "../../trpc/init";

/** Google/Microsoft sign-ins that were refused and that this school may link. */
export const listUnmatched = schoolAdminProcedure
  .output(
    z.array(
      z.object({
        id: z.string(),
        provider: z.string(),
        providerLabel: z.string(),
        email: z.string().nullable(),
        emailVerified: z.boolean(),
        name: z.string().nullable(),
        attempts: z.number(),
        lastSeenAt: z.date(),
      }),
    ),
  )
  .query(({ ctx }) => listUnmatchedIdentities(ctx.db, ctx.schoolId));
