import { z } from "zod";
import { incidentFields } from "../../incidents/input";
import { updateIncident } from "../../incidents/service";
import { schoolMemberProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { callerOf } from "./caller";

/** Admins, or the reporter while the incident is open. */
export const updateIncidentProcedure = schoolMemberProcedure
  .input(z.object({ incidentId: z.string().min(1), fields: incidentFields }))
  .mutation(async ({ ctx, input }) => {
    const { incident, changed } = await userFacing(() => updateIncident(ctx.db, callerOf(ctx), input.incidentId, input.fields));
    return { id: incident.id, changed };
  });
