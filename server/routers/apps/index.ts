import { z } from "zod";
import { archiveApp, audienceOptions, listApps, saveApp } from "../../apps/manage";
import { tilesFor } from "../../apps/tiles";
import { usageReport } from "../../apps/usage";
import { actorFor } from "../../trpc/actor";
import { roleAtSchool } from "../../schools/access";
import { router, schoolAdminProcedure, signedInAnyoneProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";

const appFields = z.object({
  name: z.string().trim().min(1, "Give the tile a name.").max(60),
  url: z.string().trim().min(1, "Give the app's web address.").max(2000),
  // One emoji or a few letters: what the tile shows above its name.
  icon: z.string().trim().max(16).nullable(),
  forStaff: z.boolean(),
  forPupils: z.boolean(),
  yearGroups: z.array(z.string().trim().min(1).max(10)).max(20),
  classIds: z.array(z.string().min(1).max(40)).max(200),
});

export const appsRouter = router({
  /**
   * The caller's launcher at the school, pupils included: their tiles, most used first. Someone
   * with no role at the school has no tiles there (nothing of the school is read).
   */
  launcher: signedInAnyoneProcedure.input(z.object({ schoolId: z.string().min(1) })).query(async ({ ctx, input }) => {
    const role = await roleAtSchool(ctx.db, ctx.userId, input.schoolId);
    return role ? tilesFor(ctx.db, ctx.userId, input.schoolId, role) : [];
  }),
  list: schoolAdminProcedure.query(({ ctx }) => listApps(ctx.db, ctx.schoolId)),
  audienceOptions: schoolAdminProcedure.query(({ ctx }) => audienceOptions(ctx.db, ctx.schoolId)),
  usage: schoolAdminProcedure
    .input(z.object({ weeks: z.number().int().min(1).max(26).default(8) }))
    .query(({ ctx, input }) => usageReport(ctx.db, ctx.schoolId, input.weeks)),
  save: schoolAdminProcedure
    .input(z.object({ appId: z.string().min(1).max(40).nullable(), fields: appFields }))
    .mutation(async ({ ctx, input }) => userFacing(async () => saveApp(ctx.db, ctx.schoolId, await actorFor(ctx), input.appId, input.fields))),
  archive: schoolAdminProcedure
    .input(z.object({ appId: z.string().min(1).max(40) }))
    .mutation(async ({ ctx, input }) => userFacing(async () => archiveApp(ctx.db, ctx.schoolId, await actorFor(ctx), input.appId))),
});
