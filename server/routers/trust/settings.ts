import { z } from "zod";
import { userActor } from "../../activity/record";
import { SYNC_SCHEDULES } from "../../schools/wonde-settings";
import { getTrustSettings, setTrustSchoolLiteMode, updateTrustSettings } from "../../trust/settings";
import { trustAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { notificationTemplateText } from "@/lib/incidents/notification-template";

/** The trust's defaults for its schools, each school's values and where they come from, and its claimed sign-in domains. */
export const settings = trustAdminProcedure.query(({ ctx }) => getTrustSettings(ctx.db, ctx.trust.trustId));

/** Saves the trust's defaults; every school following them takes them at once. */
export const updateSettings = trustAdminProcedure
  .input(z.object({ syncSchedule: z.enum(SYNC_SCHEDULES), importPhotos: z.boolean(), liteMode: z.boolean(), incidentNotificationTemplate: notificationTemplateText.nullable() }))
  .mutation(async ({ ctx, input }) => updateTrustSettings(ctx.db, ctx.trust, await userActor(ctx.db, ctx.userId), input));

/** One school of the trust on Lite, off it, or (null) following the trust's default. */
export const setSchoolLiteMode = trustAdminProcedure
  .input(z.object({ schoolId: z.string().min(1).max(100), liteMode: z.boolean().nullable() }))
  .mutation(async ({ ctx, input }) => userFacing(async () => setTrustSchoolLiteMode(ctx.db, ctx.trust, await userActor(ctx.db, ctx.userId), input.schoolId, input.liteMode)));
