import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";
import { isAdminRole, roleAtSchool } from "../schools/access";
import type { Context } from "./context";

/**
 * Who may call a procedure, set by the builder it is made from: `public` marks the few
 * anonymous callers may use. tests/integration/authorisation-matrix.test.ts checks every
 * procedure against its kind, and fails for a procedure built without one.
 */
export type Access = "public" | "signedIn" | "schoolMember" | "schoolAdmin";
export type Meta = { access?: Access };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      data: { ...shape.data, fieldErrors: error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : null },
    }),
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.meta({ access: "public" });

/** Signed-in callers only. */
export const protectedProcedure = t.procedure.meta({ access: "signedIn" }).use(({ ctx, next }) => {
  const userId = ctx.session?.user?.id;
  if (!userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, userId } });
});

const schoolInput = z.object({ schoolId: z.string().min(1) });

/** Anyone with a role at the school named in the input. */
export const schoolMemberProcedure = protectedProcedure.meta({ access: "schoolMember" }).input(schoolInput).use(async ({ ctx, input, next }) => {
  const role = await roleAtSchool(ctx.db, ctx.userId, input.schoolId);
  if (!role) throw new TRPCError({ code: "FORBIDDEN", message: "You don't have access to this school." });
  return next({ ctx: { ...ctx, schoolId: input.schoolId, role } });
});

/** School admins (or trust admins) of the school named in the input. */
export const schoolAdminProcedure = protectedProcedure.meta({ access: "schoolAdmin" }).input(schoolInput).use(async ({ ctx, input, next }) => {
  const role = await roleAtSchool(ctx.db, ctx.userId, input.schoolId);
  if (!isAdminRole(role)) throw new TRPCError({ code: "FORBIDDEN", message: "Only this school's administrators can do that." });
  return next({ ctx: { ...ctx, schoolId: input.schoolId, role: role! } });
});
