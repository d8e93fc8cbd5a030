import { z } from "zod";
import { getIncident } from "../../incidents/service";
import { schoolMemberProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { callerOf } from "./caller";

export const getIncidentProcedure = schoolMemberProcedure
  .input(z.object({ incidentId: z.string().min(1) }))
  .query(({ ctx, input }) => userFacing(() => getIncident(ctx.db, callerOf(ctx), input.incidentId)));
