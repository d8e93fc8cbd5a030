import { z } from "zod";
import { activityFiltersInput, PERSON_KINDS } from "../../activity/filters";
import { decodeCursor } from "../../activity/queries";
import { searchActivity } from "../../activity/service";
import { schoolAdminProcedure } from "../../trpc/init";

export const activityEntryOutput = z.object({
  id: z.string(),
  at: z.date(),
  action: z.string(),
  actorLabel: z.string(),
  subjectType: z.string().nullable(),
  subjectLabel: z.string().nullable(),
  personKind: z.enum(PERSON_KINDS).nullable(),
  summary: z.string(),
});

/** The filters, and the page: `cursor` is the previous page's `nextCursor` (the trust's log takes these too). */
export const activityPageInput = activityFiltersInput.extend({
  cursor: z
    .string()
    .max(200)
    .refine((cursor) => decodeCursor(cursor) !== null, "That page of the log is no longer available: start from the newest.")
    .nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** The Activity log, newest first, filtered. */
export const listActivityProcedure = schoolAdminProcedure
  .input(activityPageInput)
  .output(z.object({ rows: z.array(activityEntryOutput), nextCursor: z.string().nullable() }))
  .query(({ ctx, input }) => searchActivity(ctx.db, ctx.schoolId, input));
