import { z } from "zod";
import { locationName } from "../../incidents/input";
import { addLocation } from "../../incidents/settings";
import { schoolAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { callerOf } from "./caller";

export const addLocationProcedure = schoolAdminProcedure
  .input(z.object({ name: locationName }))
  .mutation(({ ctx, input }) => userFacing(() => addLocation(ctx.db, callerOf(ctx), input.name)));
