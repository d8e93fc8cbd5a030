import { z } from "zod";
import { matchAllByEmail } from "../../matching/service";
import { actorFor } from "../../trpc/actor";
import { matchingProcedure } from "./procedure";

export const matchAll = matchingProcedure
  .output(z.object({ matched: z.number(), ambiguous: z.number(), unmatched: z.number() }))
  .mutation(async ({ ctx }) => matchAllByEmail(ctx.db, { schoolId: ctx.schoolId, actor: await actorFor(ctx) }));
