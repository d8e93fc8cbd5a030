import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { isPupil } from "../accounts/pupil-role";
import type { Role } from "../generated/prisma/client";
import { isAdminRole, roleAtSchool } from "../schools/access";
import { trustAccessFor } from "../trust/access";
import type { Context } from "./context";
import { fieldErrorsOf, knownDatabaseError, publicMessage } from "./errors";
import { inputProblems } from "./input-guard";

/**
 * Who may call a procedure, set by the builder it is made from: `public` marks the few
 * anonymous callers may use; `signedInAnyone` the few pupils may use too (their launcher):
 * every other procedure refuses pupils. tests/integration/authorisation-matrix.test.ts checks every
 * procedure against its kind, and fails for a procedure built without one.
 */
export type Access = "public" | "signedInAnyone" | "signedIn" | "schoolMember" | "schoolAdmin" | "trustMember" | "trustAdmin";
/** `readsOnly`: a mutation only because it logs what it read (an export), so trust viewers may call it. */
export type Meta = { access?: Access; readsOnly?: boolean };

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

const VIEWER_REFUSAL = "Trust viewers can see everything but change nothing.";

/** Whether a call only reads: a query, or a mutation marked readsOnly (an export that logs itself). */
const onlyReads = (type: string, meta: Meta | undefined) => type === "query" || meta?.readsOnly === true;

/** Anyone with a role at the school named in the input; a trust viewer only reads. */
export const schoolMemberProcedure = protectedProcedure.meta({ access: "schoolMember" }).input(schoolInput).use(async ({ ctx, input, next, type, meta }) => {
  const role = await roleAtSchool(ctx.db, ctx.userId, input.schoolId);
  if (!role || role === "PUPIL") throw new TRPCError({ code: "FORBIDDEN", message: "You don't have access to this school." });
  if (role === "TRUST_VIEWER" && !onlyReads(type, meta)) throw new TRPCError({ code: "FORBIDDEN", message: VIEWER_REFUSAL });
  return next({ ctx: { ...ctx, schoolId: input.schoolId, role } });
});

/** School admins (or trust admins) of the school named in the input; trust viewers may read what they see. */
export const schoolAdminProcedure = protectedProcedure.meta({ access: "schoolAdmin" }).input(schoolInput).use(async ({ ctx, input, next, type, meta }) => {
  const role = await roleAtSchool(ctx.db, ctx.userId, input.schoolId);
  if (role === "TRUST_VIEWER" && !onlyReads(type, meta)) throw new TRPCError({ code: "FORBIDDEN", message: VIEWER_REFUSAL });
  if (!isAdminRole(role) && role !== "TRUST_VIEWER") throw new TRPCError({ code: "FORBIDDEN", message: "Only this school's administrators can do that." });
  return next({ ctx: { ...ctx, schoolId: input.schoolId, role: role as Role } });
});

/** Trust admins and trust viewers, over their own trust (never one named in the input); viewers only read. */
export const trustMemberProcedure = protectedProcedure.meta({ access: "trustMember" }).use(async ({ ctx, next, type, meta }) => {
  const trust = await trustAccessFor(ctx.db, ctx.userId);
  if (!trust) throw new TRPCError({ code: "FORBIDDEN", message: "Only a trust's admins and viewers can see the trust views." });
  if (trust.role === "TRUST_VIEWER" && !onlyReads(type, meta)) throw new TRPCError({ code: "FORBIDDEN", message: VIEWER_REFUSAL });
  return next({ ctx: { ...ctx, trust } });
});

/** Trust admins, over their own trust. */
export const trustAdminProcedure = protectedProcedure.meta({ access: "trustAdmin" }).use(async ({ ctx, next }) => {
  const trust = await trustAccessFor(ctx.db, ctx.userId);
  if (trust?.role !== "TRUST_ADMIN") throw new TRPCError({ code: "FORBIDDEN", message: "Only the trust's administrators can do that." });
  return next({ ctx: { ...ctx, trust } });
});
