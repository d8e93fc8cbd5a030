import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { logger } from "../logger";

// What a caller may learn from a failure: their own mistakes in plain words (UserFacingError,
// zod field errors, a value already in use), and for anything else only a reference that
// finds the details in the server's log.

/**
 * The zod issues behind an error, if it is a validation error. Zod 4's ZodError is not an
 * Error, so tRPC copies it into its own cause object: recognised by its issues.
 */
function zodIssuesOf(cause: unknown): z.core.$ZodIssue[] | null {
  const issues = typeof cause === "object" && cause !== null && "issues" in cause ? cause.issues : null;
  return Array.isArray(issues) ? (issues as z.core.$ZodIssue[]) : null;
}

/** Field name → messages, for forms to show beside each field. */
export function fieldErrorsOf(error: TRPCError): Record<string, string[]> | null {
  const issues = zodIssuesOf(error.cause);
  return issues ? (z.flattenError({ issues } as z.ZodError).fieldErrors as Record<string, string[]>) : null;
}

/** Prisma's known request errors, by code, in words that name no table, column or tenant. */
const KNOWN_PRISMA_ERRORS: Record<string, { code: TRPCError["code"]; message: string }> = {
  P2002: { code: "CONFLICT", message: "That is already in use. Choose another, or refresh the page." },
  P2000: { code: "BAD_REQUEST", message: "A value is too long." },
  P2025: { code: "NOT_FOUND", message: "That record no longer exists. Refresh the page." },
};

function prismaCode(error: unknown): string | null {
  for (let e = error; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code in KNOWN_PRISMA_ERRORS) return e.code;
  }
  return null;
}

/** A known Prisma error as the tRPC error to answer with, or null. */
export function knownDatabaseError(error: TRPCError): TRPCError | null {
  if (error.code !== "INTERNAL_SERVER_ERROR") return null;
  const code = prismaCode(error.cause);
  if (!code) return null;
  const known = KNOWN_PRISMA_ERRORS[code]!;
  return new TRPCError({ code: known.code, message: known.message });
}

/** A short reference people can read out over the phone: "K7Q2-9XHD". */
export function errorReference(): string {
  const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/**
 * The message a caller sees for `error`: its own for errors meant for them, otherwise
 * "Something went wrong (ref …)" with the real error logged under that reference.
 */
export function publicMessage(error: TRPCError, path: string | undefined): string {
  if (error.code !== "INTERNAL_SERVER_ERROR" || zodIssuesOf(error.cause)) return error.message;
  const ref = errorReference();
  logger.error({ ref, path, err: error.cause ?? error }, "Unexpected error in a tRPC procedure");
  return `Something went wrong (ref ${ref}). Please try again; if it keeps happening, quote the reference.`;
}
