import { TRPCError } from "@trpc/server";
import { UserFacingError } from "../user-facing-error";

/** Runs a service call, turning its UserFacingError into the matching tRPC error (message kept). */
export async function userFacing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserFacingError) throw new TRPCError({ code: error.code, message: error.message, cause: error });
    throw error;
  }
}
