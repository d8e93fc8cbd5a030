import { z } from "zod";
import { incidentPatterns } from "../../incidents/patterns";
import { schoolAdminProcedure } from "../../trpc/init";
import { INCIDENT_TYPES } from "@/lib/incidents/labels";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Charts for the Patterns tab (admins: they see the whole book). */
export const patternsProcedure = schoolAdminProcedure
  .input(z.object({ from: day, to: day, type: z.enum(INCIDENT_TYPES).optional() }))
  .query(({ ctx, input }) => incidentPatterns(ctx.db, { ...input, schoolId: ctx.schoolId }));
