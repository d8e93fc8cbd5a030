import { incidentsCsv } from "../../incidents/csv";
import { recordActivity } from "../../activity/record";
import { actorFor } from "../../trpc/actor";
import { schoolAdminProcedure } from "../../trpc/init";
import { callerOf } from "./caller";
import { incidentFilters } from "./list";

/** The book (as filtered) as CSV; the export itself is logged. */
export const exportCsvProcedure = schoolAdminProcedure.meta({ readsOnly: true }).input(incidentFilters).mutation(async ({ ctx, input }) => {
  const result = await incidentsCsv(ctx.db, callerOf(ctx), input);
  await recordActivity({ schoolId: ctx.schoolId, actor: await actorFor(ctx), action: "Incident Book Exported", subject: { type: "School", id: ctx.schoolId }, details: { rows: result.rows, filters: input } }, ctx.db);
  return result;
});
