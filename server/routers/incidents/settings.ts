import { getIncidentSettings } from "../../incidents/settings";
import { schoolAdminProcedure } from "../../trpc/init";

export const incidentSettingsProcedure = schoolAdminProcedure.query(({ ctx }) => getIncidentSettings(ctx.db, ctx.schoolId));
