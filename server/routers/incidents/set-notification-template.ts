import { z } from "zod";
import { setNotificationTemplate } from "../../incidents/settings";
import { schoolAdminProcedure } from "../../trpc/init";
import { notificationTemplateText } from "@/lib/incidents/notification-template";
import { callerOf } from "./caller";

/** The school's own opening for incident notification emails; null follows its trust's. */
export const setNotificationTemplateProcedure = schoolAdminProcedure
  .input(z.object({ template: notificationTemplateText.nullable() }))
  .mutation(({ ctx, input }) => setNotificationTemplate(ctx.db, callerOf(ctx), input.template));
