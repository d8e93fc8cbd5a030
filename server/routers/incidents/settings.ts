import { getIncidentSettings, notificationTemplateFor } from "../../incidents/settings";
import { schoolAdminProcedure } from "../../trpc/init";

export const incidentSettingsProcedure = schoolAdminProcedure.query(async ({ ctx }) => ({
  ...(await getIncidentSettings(ctx.db, ctx.schoolId)),
  notificationTemplate: await notificationTemplateFor(ctx.db, ctx.schoolId),
}));
