"use server";
import { newPasswordSchema, requestResetSchema } from "@/lib/password-policy";
import { db } from "@/server/db";
import { UserFacingError } from "@/server/user-facing-error";
import { startPasswordReset, setPasswordWithToken } from "@/server/users/passwords";
import { z } from "zod";

// The signed-out password forms post here rather than through tRPC, so those pages load no
// tRPC or React Query code. The same services back the passwords router.

/** Forgot password: the same answer, at once, whether or not the address has an account. */
export async function requestPasswordResetAction(input: { email: string }): Promise<void> {
  startPasswordReset(db, requestResetSchema.parse(input).email);
}

const setPasswordInput = z.object({ token: z.string().min(1).max(200), password: newPasswordSchema });

/** Sets a password from a reset or invite link (the link is the credential); refusals come back as words. */
export async function setPasswordAction(input: { token: string; password: string }): Promise<{ error: string | null }> {
  const parsed = setPasswordInput.safeParse(input);
  if (!parsed.success) return { error: parsed.error.issues[0]!.message };
  try {
    await setPasswordWithToken(db, parsed.data);
    return { error: null };
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message };
    throw error;
  }
}
