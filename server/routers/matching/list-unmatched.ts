import { z } from "zod";
import { listUnmatchedIdentities } from "../../matching/service";
import { matchingProcedure } from "./procedure";

/** Google/Microsoft sign-ins that were refused and that this school may link. */
export const listUnmatched = matchingProcedure
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
