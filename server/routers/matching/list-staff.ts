import { z } from "zod";
import { listStaffMatching, MATCHING_FILTERS } from "../../matching/service";
import { matchingProcedure } from "./procedure";

const identity = z.object({ accountId: z.string(), provider: z.string(), providerLabel: z.string(), email: z.string().nullable() });

export const listStaffOutput = z.object({
  total: z.number(),
  counts: z.object({ all: z.number(), noSso: z.number(), noAccount: z.number(), conflicts: z.number() }),
  rows: z.array(
    z.object({
      personId: z.string(),
      displayName: z.string(),
      jobTitle: z.string().nullable(),
      email: z.string().nullable(),
      account: z.object({ userId: z.string(), email: z.string(), hasPassword: z.boolean(), disabled: z.boolean() }).nullable(),
      identities: z.array(identity),
      conflicts: z.array(z.string()),
    }),
  ),
});

/** Current staff with their account and linked Google/Microsoft sign-ins. */
export const listStaff = matchingProcedure
  .input(
    z.object({
      search: z.string().max(100).optional(),
      filter: z.enum(MATCHING_FILTERS).default("all"),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(100).default(25),
    }),
  )
  .output(listStaffOutput)
  .query(({ ctx, input }) => listStaffMatching(ctx.db, ctx.schoolId, input));
