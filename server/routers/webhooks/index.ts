import { z } from "zod";
import { WEBHOOK_EVENTS } from "../../apps/webhooks/events";
import { redeliver, removeWebhook, rotateWebhookSecret, saveWebhook, webhookSettings } from "../../apps/webhooks/settings";
import { actorFor } from "../../trpc/actor";
import { router, schoolAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";

const appId = z.string().min(1).max(40);

/** An app's change webhook and its delivery log (Settings → Apps → Webhooks), for the school's admins. */
export const webhooksRouter = router({
  get: schoolAdminProcedure.input(z.object({ appId })).query(({ ctx, input }) => userFacing(() => webhookSettings(ctx.db, ctx.schoolId, input.appId))),
  save: schoolAdminProcedure
    .input(z.object({ appId, url: z.string().trim().min(1, "Give the address the app gave you for webhooks.").max(2000), events: z.array(z.enum(WEBHOOK_EVENTS)).max(WEBHOOK_EVENTS.length), enabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => userFacing(async () => saveWebhook(ctx.db, ctx.schoolId, await actorFor(ctx), input.appId, input))),
  rotateSecret: schoolAdminProcedure.input(z.object({ appId })).mutation(async ({ ctx, input }) => userFacing(async () => rotateWebhookSecret(ctx.db, ctx.schoolId, await actorFor(ctx), input.appId))),
  remove: schoolAdminProcedure.input(z.object({ appId })).mutation(async ({ ctx, input }) => userFacing(async () => removeWebhook(ctx.db, ctx.schoolId, await actorFor(ctx), input.appId))),
  redeliver: schoolAdminProcedure.input(z.object({ deliveryId: z.string().min(1).max(60) })).mutation(({ ctx, input }) => userFacing(() => redeliver(ctx.db, ctx.schoolId, input.deliveryId))),
});
