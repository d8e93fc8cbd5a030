import { z } from "zod";
import { archiveApp, audienceOptions, listApps, saveApp } from "../../apps/manage";
import { launcherSchools, tilesFor } from "../../apps/tiles";
import { usageReport } from "../../apps/usage";
import { actorFor } from "../../trpc/actor";
import { router, schoolAdminProcedure, signedInAnyoneProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";

export const appFields = z.object({
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
   * The caller's launcher, pupils included: the schools they belong to, the one shown (the one
   * asked for if theirs, else the first) and its tiles, most used first.
   */
  launcher: signedInAnyoneProcedure.input(z.object({ schoolId: z.string().min(1).max(100).optional() })).query(async ({ ctx, input }) => {
    const schools = await launcherSchools(ctx.db, ctx.userId);
    const school = schools.find((s) => s.schoolId === input.schoolId) ?? schools[0] ?? null;
    return { schools, school, tiles: school ? await tilesFor(ctx.db, ctx.userId, school.schoolId, school.role) : [] };
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
