import { z } from "zod";
import { sendNotifications } from "../../incidents/notifications";
import { schoolMemberProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { callerOf } from "./caller";

/** Emails the chosen contacts; each result says whether it was sent or why not. */
export const notifyProcedure = schoolMemberProcedure
  .input(z.object({ incidentId: z.string().min(1), affectedId: z.string().min(1), recipientKeys: z.array(z.string().min(1)).min(1, "Choose at least one person to notify.").max(10), acknowledgement: z.boolean().default(true) }))
  .mutation(({ ctx, input }) => userFacing(() => sendNotifications(ctx.db, callerOf(ctx), input)));
