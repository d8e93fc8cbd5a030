import { z } from "zod";
import { actorFor } from "../../trpc/actor";
import { schoolAdminProcedure } from "../../trpc/init";
import { userFacing } from "../../trpc/user-facing";
import { setMemberRole } from "../../users/roles";

export const setRole = schoolAdminProcedure
  .input(z.object({ userId: z.string().min(1), role: z.enum(["STAFF", "SCHOOL_ADMIN", "TRUST_ADMIN"]) }))
  .output(z.object({ role: z.enum(["STAFF", "SCHOOL_ADMIN", "TRUST_ADMIN"]) }))
  .mutation(async ({ ctx, input }) =>
    userFacing(async () => setMemberRole(ctx.db, { schoolId: ctx.schoolId, actor: await actorFor(ctx), actorRole: ctx.role, userId: input.userId, role: input.role })),
  );
