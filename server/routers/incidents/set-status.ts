import { z } from "zod";
import { setIncidentStatus } from "../../incidents/service";
import { schoolMemberProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { callerOf } from "./caller";

/** Close (admins, or the reporter) or reopen (admins) an incident. */
export const setIncidentStatusProcedure = schoolMemberProcedure
  .input(z.object({ incidentId: z.string().min(1), status: z.enum(["OPEN", "CLOSED"]) }))
  .mutation(async ({ ctx, input }) => {
    const incident = await userFacing(() => setIncidentStatus(ctx.db, callerOf(ctx), input.incidentId, input.status));
    return { id: incident.id, status: incident.status };
  });
