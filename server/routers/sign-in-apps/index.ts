// Settings → Apps: apps that sign users in through Staffroom (OpenID Connect), for one school or,
// registered by a trust admin, for every school of the trust.
import { z } from "zod";
import { OPTIONAL_SCOPES } from "../../oidc/clients";
import { listTrustSignInApps, newSignInSecret, saveSignInApp, saveTrustSignInApp, signInSettings } from "../../oidc/registration";
import { actorFor } from "../../trpc/actor";
import { router, schoolAdminProcedure, trustAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { appFields } from "../apps";

const address = z.string().trim().min(1).max(2000);
const signInFields = z.object({
  redirectUris: z.array(address).min(1, "Add the address the app receives its sign-ins at.").max(10),
  postLogoutRedirectUris: z.array(address).max(10),
  backchannelLogoutUri: address.nullable(),
  initiateLoginUri: address.nullable(),
  scopes: z.array(z.enum(OPTIONAL_SCOPES)).max(OPTIONAL_SCOPES.length),
  pairwiseSubject: z.boolean(),
});
const appId = z.string().min(1).max(40);

export const signInAppsRouter = router({
  /** An app's sign-in settings for the edit form; null when it isn't one of the school's own sign-in apps. */
  get: schoolAdminProcedure.input(z.object({ appId })).query(({ ctx, input }) => signInSettings(ctx.db, ctx.schoolId, input.appId)),
  save: schoolAdminProcedure
    .input(z.object({ appId: appId.nullable(), fields: appFields, signIn: signInFields }))
    .mutation(async ({ ctx, input }) => userFacing(async () => saveSignInApp(ctx.db, ctx.schoolId, await actorFor(ctx), input.appId, input.fields, input.signIn))),
  newSecret: schoolAdminProcedure
    .input(z.object({ appId }))
    .mutation(async ({ ctx, input }) => userFacing(async () => newSignInSecret(ctx.db, ctx.schoolId, await actorFor(ctx), input.appId))),
  trustList: trustAdminProcedure.query(({ ctx }) => listTrustSignInApps(ctx.db, ctx.trust.trustId)),
  trustSave: trustAdminProcedure
    .input(z.object({ clientId: z.string().min(1).max(60).nullable(), fields: appFields.omit({ classIds: true }), signIn: signInFields }))
    .mutation(async ({ ctx, input }) => userFacing(async () => saveTrustSignInApp(ctx.db, ctx.trust.trustId, await actorFor(ctx), input.clientId, input.fields, input.signIn))),
});
