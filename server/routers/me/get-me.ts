import { z } from "zod";
import { schoolsForUser } from "../../schools/access";
import { accountLabel } from "../../users/status";
import { protectedProcedure } from "../../trpc/init";

export const getMeOutput = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable() }),
  schools: z.array(z.object({ schoolId: z.string(), schoolName: z.string(), role: z.enum(["STAFF", "SCHOOL_ADMIN", "TRUST_ADMIN", "TRUST_VIEWER"]) })),
});

/** The signed-in user and the schools they can open. */
export const getMe = protectedProcedure.output(getMeOutput).query(async ({ ctx }) => {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { id: true, email: true, name: true } });
  // Pupils never get here, and staff always have an email.
  return { user: { ...user, email: accountLabel(user) }, schools: await schoolsForUser(ctx.db, ctx.userId) };
});
