import { z } from "zod";
import { lookupContacts } from "../../incidents/contacts";
import { canEditIncident, findVisibleIncident } from "../../incidents/service";
import { schoolMemberProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { UserFacingError } from "../../user-facing-error";
import { callerOf } from "./caller";

/** An affected person's parental-responsibility contacts or next of kin, read live from Wonde (not stored). */
export const incidentContactsProcedure = schoolMemberProcedure
  .input(z.object({ incidentId: z.string().min(1), affectedId: z.string().min(1) }))
  .query(({ ctx, input }) =>
    userFacing(async () => {
      const caller = callerOf(ctx);
      const incident = await findVisibleIncident(ctx.db, caller, input.incidentId);
      if (!canEditIncident(caller, incident)) throw new UserFacingError("FORBIDDEN", "Only the person who logged this incident, or an administrator, can see these contacts.");
      const affected = await ctx.db.incidentPerson.findFirst({ where: { id: input.affectedId, incidentId: incident.id }, select: { personId: true } });
      if (!affected?.personId) throw new UserFacingError("BAD_REQUEST", "Visitors and contractors have no contacts in the MIS.");
      return lookupContacts(ctx.db, affected.personId);
    }),
  );
