import { TRPCError } from "@trpc/server";

/** The tRPC error code a call is refused with, or null when it is allowed (other errors are thrown). */
export async function refusal(call: () => Promise<unknown>): Promise<string | null> {
  try {
    await call();
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
