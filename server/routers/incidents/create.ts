import { incidentFields } from "../../incidents/input";
import { createIncident } from "../../incidents/service";
import { schoolMemberProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { callerOf } from "./caller";

/** Any member of staff can log an incident. */
export const createIncidentProcedure = schoolMemberProcedure
  .input(incidentFields)
  .mutation(async ({ ctx, input }) => {
    const incident = await userFacing(() => createIncident(ctx.db, callerOf(ctx), input));
    return { id: incident.id, number: incident.number };
  });
