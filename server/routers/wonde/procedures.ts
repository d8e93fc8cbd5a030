import { TRPCError } from "@trpc/server";
import { userActor } from "../../activity/record";
import { z } from "zod";
import { connectSchool, disconnectSchool } from "../../schools/wonde-connection";
import { getWondeSettings, SYNC_SCHEDULES, updateSyncSettings } from "../../schools/wonde-settings";
import { schoolAdminProcedure } from "../../trpc/init";
import { WondeError } from "../../wonde";
import { connectWondeInput } from "./connect-input";

export const getWondeSettingsProcedure = schoolAdminProcedure.query(({ ctx }) => getWondeSettings(ctx.db, ctx.schoolId));

export { connectWondeInput } from "./connect-input";

export const connectWondeProcedure = schoolAdminProcedure.input(connectWondeInput).mutation(async ({ ctx, input }) => {
  try {
    await connectSchool(ctx.db, { ...input, schoolId: ctx.schoolId, actor: await userActor(ctx.db, ctx.userId) });
  } catch (error) {
    // Wonde's own refusal, in words an admin can act on.
    if (error instanceof WondeError) throw new TRPCError({ code: "BAD_REQUEST", message: error.userMessage, cause: error });
    throw error;
  }
  return getWondeSettings(ctx.db, ctx.schoolId);
});

export const disconnectWondeProcedure = schoolAdminProcedure.mutation(async ({ ctx }) => {
  await disconnectSchool(ctx.db, ctx.schoolId, await userActor(ctx.db, ctx.userId));
  return getWondeSettings(ctx.db, ctx.schoolId);
});

export const updateSyncSettingsProcedure = schoolAdminProcedure
  // null: follow the trust's default again.
  .input(z.object({ importPhotos: z.boolean().nullish(), syncSchedule: z.enum(SYNC_SCHEDULES).nullish() }))
  .mutation(async ({ ctx, input }) => {
    const { importPhotos, syncSchedule } = input;
    await updateSyncSettings(ctx.db, ctx.schoolId, { importPhotos, syncSchedule }, await userActor(ctx.db, ctx.userId));
    return getWondeSettings(ctx.db, ctx.schoolId);
  });
