import { incidentSettingsInput } from "../../incidents/input";
import { updateIncidentSettings } from "../../incidents/settings";
import { schoolAdminProcedure } from "../../trpc/init";
import { callerOf } from "./caller";

export const updateIncidentSettingsProcedure = schoolAdminProcedure
  .input(incidentSettingsInput)
  .mutation(({ ctx, input }) => updateIncidentSettings(ctx.db, callerOf(ctx), { replyToEmail: input.replyToEmail, frequentThreshold: input.frequentThreshold, frequentDays: input.frequentDays }));
