import { z } from "zod";
import { retryNotification } from "../../incidents/notifications";
import { schoolMemberProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { callerOf } from "./caller";

export const retryNotificationProcedure = schoolMemberProcedure
  .input(z.object({ notificationId: z.string().min(1) }))
  .mutation(({ ctx, input }) => userFacing(() => retryNotification(ctx.db, callerOf(ctx), input.notificationId)));
