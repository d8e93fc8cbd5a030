import { z } from "zod";
import { trustAccessFor } from "../../trust/access";
import { protectedProcedure } from "../../trpc/init";

export const getTrustOutput = z.object({ trustId: z.string(), trustName: z.string(), role: z.enum(["TRUST_ADMIN", "TRUST_VIEWER"]) }).nullable();

/** The caller's trust and role in it, or null for school admins and staff (who have no trust views). */
export const getTrust = protectedProcedure.output(getTrustOutput).query(({ ctx }) => trustAccessFor(ctx.db, ctx.userId));
