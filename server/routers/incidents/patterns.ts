import { z } from "zod";
import { incidentPatterns } from "../../incidents/patterns";
import { schoolAdminProcedure } from "../../trpc/init";
import { INCIDENT_TYPES } from "@/lib/incidents/labels";
import { calendarDay } from "@/lib/calendar";


/** Charts for the Patterns tab (admins: they see the whole book). */
export const patternsProcedure = schoolAdminProcedure
  .input(z.object({ from: calendarDay, to: calendarDay, type: z.enum(INCIDENT_TYPES).optional() }))
  .query(({ ctx, input }) => incidentPatterns(ctx.db, { ...input, schoolId: ctx.schoolId }));
