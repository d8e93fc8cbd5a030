import { z } from "zod";
import { archiveLocation } from "../../incidents/settings";
import { schoolAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { callerOf } from "./caller";

export const archiveLocationProcedure = schoolAdminProcedure
  .input(z.object({ locationId: z.string().min(1) }))
  .mutation(({ ctx, input }) => userFacing(() => archiveLocation(ctx.db, callerOf(ctx), input.locationId)));
