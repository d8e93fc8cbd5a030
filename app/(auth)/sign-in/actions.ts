"use server";
import { AuthError } from "next-auth";
import { signIn } from "@/server/auth/config";
import { safeRedirect } from "@/server/auth/redirect";
import { configuredSsoProviders } from "@/server/auth/sso-config";

export type SignInState = { email: string; error: string | null };

const MESSAGES: Record<string, string> = {
  locked: "Too many unsuccessful attempts. Wait a few minutes, then try again.",
  credentials: "That email and password don't match an account. Check them and try again.",
};

/** Email + password sign-in; on failure the form keeps the typed email. */
export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  if (!email.trim() || !password) return { email, error: "Enter your email address and password." };
  try {
    await signIn("credentials", { email, password, redirectTo: safeRedirect(form.get("callbackUrl")) });
    return { email, error: null };
  } catch (error) {
    // A successful signIn throws Next's redirect, which must propagate.
    if (error instanceof AuthError) {
      const code = "code" in error && typeof error.code === "string" ? error.code : "credentials";
      return { email, error: MESSAGES[code] ?? MESSAGES.credentials! };
    }
    throw error;
  }
}

/** "Sign in with Google / Microsoft": off to the provider, back through the signIn callback. */
export async function signInWithProvider(form: FormData): Promise<void> {
  const provider = String(form.get("provider") ?? "");
  if (!configuredSsoProviders().some((p) => p.id === provider)) throw new Error("That sign-in method is not set up.");
  await signIn(provider, { redirectTo: safeRedirect(form.get("callbackUrl")) });
}
