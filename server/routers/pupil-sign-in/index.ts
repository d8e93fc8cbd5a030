import { z } from "zod";
import { pupilAccountsOf, sharedDevicesOf } from "../../accounts/lists";
import { alignPupilAccounts } from "../../accounts/provision";
import { reissueCredentials } from "../../accounts/reissue";
import { revokeSharedDevice } from "../../accounts/shared-device";
import { pupilSignInSettings, setPupilSignInMethods } from "../../accounts/settings";
import { actorFor } from "../../trpc/actor";
import { router, schoolAdminProcedure, schoolMemberProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";

const method = z.enum(["PASSWORD", "PICTURE", "BADGE"]);
const group = z.union([z.object({ classId: z.string().min(1).max(100) }), z.object({ ncYear: z.string().min(1).max(20) })]);

/** Settings → Pupil sign-in, and re-issuing credentials (teachers for their own classes). */
export const pupilSignInRouter = router({
  settings: schoolAdminProcedure.query(({ ctx }) => pupilSignInSettings(ctx.db, ctx.schoolId)),

  /** Saves year groups' methods, then gives (or archives) accounts straight away rather than at the next sync. */
  setMethods: schoolAdminProcedure
    .input(z.object({ yearGroups: z.array(z.object({ ncYear: z.string().min(1).max(20), methods: z.array(method).max(3) })).max(30) }))
    .mutation(async ({ ctx, input }) => {
      const actor = await actorFor(ctx);
      await setPupilSignInMethods(ctx.db, ctx.schoolId, actor, input.yearGroups);
      return alignPupilAccounts(ctx.db, ctx.schoolId, actor);
    }),

  accounts: schoolMemberProcedure
    .input(z.object({ group }))
    .query(({ ctx, input }) => userFacing(() => pupilAccountsOf(ctx.db, { userId: ctx.userId, schoolId: ctx.schoolId }, input.group))),

  reissue: schoolMemberProcedure
    .input(z.object({ target: z.union([z.object({ personId: z.string().min(1).max(100) }), z.object({ classId: z.string().min(1).max(100) }), z.object({ lastMigration: z.literal(true) })]) }))
    .mutation(async ({ ctx, input }) => userFacing(async () => reissueCredentials(ctx.db, { ...(await actorFor(ctx)), schoolId: ctx.schoolId }, input.target))),

  devices: schoolAdminProcedure.query(({ ctx }) => sharedDevicesOf(ctx.db, ctx.schoolId)),

  revokeDevice: schoolAdminProcedure
    .input(z.object({ deviceId: z.string().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => userFacing(async () => revokeSharedDevice(ctx.db, ctx.schoolId, await actorFor(ctx), input.deviceId))),
});
