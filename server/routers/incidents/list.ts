import { z } from "zod";
import { listIncidents } from "../../incidents/service";
import { schoolMemberProcedure } from "../../trpc/init";
import { INCIDENT_STATUSES, INCIDENT_TYPES } from "@/lib/incidents/labels";
import { callerOf } from "./caller";
import { calendarDay } from "@/lib/calendar";

export const incidentFilters = z.object({
  status: z.enum(INCIDENT_STATUSES).optional(),
  type: z.enum(INCIDENT_TYPES).optional(),
  personId: z.string().min(1).optional(),
  locationId: z.string().min(1).optional(),
  from: calendarDay.optional(),
  to: calendarDay.optional(),
});

/** The book: admins see every incident, staff the ones they logged; newest first. */
export const listIncidentsProcedure = schoolMemberProcedure
  .input(incidentFilters.extend({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(5).max(100).default(25) }))
  .query(({ ctx, input }) => listIncidents(ctx.db, callerOf(ctx), input));
