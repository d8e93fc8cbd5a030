import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { isPupil } from "../accounts/pupil-role";
import { isAdminRole, roleAtSchool } from "../schools/access";
import type { Context } from "./context";
import { fieldErrorsOf, knownDatabaseError, publicMessage } from "./errors";
import { inputProblems } from "./input-guard";

/**
 * Who may call a procedure, set by the builder it is made from: `public` marks the few
 * anonymous callers may use; `signedInAnyone` the few pupils may use too (their launcher):
 * every other procedure refuses pupils. tests/integration/authorisation-matrix.test.ts checks every
 * procedure against its kind, and fails for a procedure built without one.
 */
export type Access = "public" | "signedInAnyone" | "signedIn" | "schoolMember" | "schoolAdmin";
export type Meta = { access?: Access };

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter: ({ shape, error, path }) => {
      const message = publicMessage(error, path);
      // A masked error keeps its stack in the server log only (tRPC adds it outside production).
      const { stack, ...data } = shape.data;
      return { ...shape, message, data: { ...data, ...(message === error.message ? { stack } : {}), fieldErrors: fieldErrorsOf(error) } };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure: text with control characters (NUL, …) or beyond any sane length is refused
 * with a field error before it reaches a schema or the database, and a known database error
 * (a value already in use) answers as such instead of as a server error.
 */
const baseProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  const problems = inputProblems(await getRawInput());
  if (problems) throw new TRPCError({ code: "BAD_REQUEST", message: "Some text can't be accepted.", cause: problems });
  const result = await next();
  if (result.ok) return result;
  const known = knownDatabaseError(result.error);
  return known ? { ...result, error: known } : result;
});

export const publicProcedure = baseProcedure.meta({ access: "public" });

/** Anyone signed in, pupils included: only for what a pupil's launcher needs. */
export const signedInAnyoneProcedure = baseProcedure.meta({ access: "signedInAnyone" }).use(({ ctx, next }) => {
  const userId = ctx.session?.user?.id;
  if (!userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, userId } });
});

/** Signed-in staff and administrators; pupils are refused. */
export const protectedProcedure = signedInAnyoneProcedure.meta({ access: "signedIn" }).use(async ({ ctx, next }) => {
  if (await isPupil(ctx.db, ctx.userId)) throw new TRPCError({ code: "FORBIDDEN", message: "Pupils can't open this." });
  return next();
});

const schoolInput = z.object({ schoolId: z.string().min(1) });

/** Anyone with a role at the school named in the input. */
export const schoolMemberProcedure = protectedProcedure.meta({ access: "schoolMember" }).input(schoolInput).use(async ({ ctx, input, next }) => {
  const role = await roleAtSchool(ctx.db, ctx.userId, input.schoolId);
  if (!role || role === "PUPIL") throw new TRPCError({ code: "FORBIDDEN", message: "You don't have access to this school." });
  return next({ ctx: { ...ctx, schoolId: input.schoolId, role } });
});

/** School admins (or trust admins) of the school named in the input. */
export const schoolAdminProcedure = protectedProcedure.meta({ access: "schoolAdmin" }).input(schoolInput).use(async ({ ctx, input, next }) => {
  const role = await roleAtSchool(ctx.db, ctx.userId, input.schoolId);
  if (!isAdminRole(role)) throw new TRPCError({ code: "FORBIDDEN", message: "Only this school's administrators can do that." });
  return next({ ctx: { ...ctx, schoolId: input.schoolId, role: role! } });
});
