"use server";
import { cookies } from "next/headers";
import { AuthError } from "next-auth";
import { signIn } from "@/server/auth/config";
import { LAUNCHER_PATH } from "@/server/accounts/pupil-role";
import { PUPIL_PROVIDER } from "@/server/accounts/sign-in-provider";
import { APP_SIGN_IN_RETURN_COOKIE, appSignInReturn } from "@/server/oidc/return-path";

// Pupils' sign-in forms. Messages are for children: short, kind, and they say who can help.
const LOCKED = "Too many tries. Ask your teacher to help you.";
const WRONG = {
  password: "That didn't work. Check the username and password on your login card, then try again.",
  badge: "That badge didn't work. Ask your teacher for a new one.",
  picture: "Those pictures aren't right. Try again.",
};

export type PupilSignInState = { username: string; error: string | null };

async function pupilSignIn(fields: Record<string, string>, wrong: string): Promise<string | null> {
  try {
    // Back to the app whose sign-in sent the pupil here, else the launcher.
    const appSignIn = appSignInReturn((await cookies()).get(APP_SIGN_IN_RETURN_COOKIE)?.value);
    await signIn(PUPIL_PROVIDER, { ...fields, redirectTo: appSignIn ?? LAUNCHER_PATH });
    return null;
  } catch (error) {
    // A successful signIn throws Next's redirect, which must propagate.
    if (error instanceof AuthError) return "code" in error && error.code === "locked" ? LOCKED : wrong;
    throw error;
  }
}

export async function signInPupilWithPassword(_prev: PupilSignInState, form: FormData): Promise<PupilSignInState> {
  const username = String(form.get("username") ?? "");
  const password = String(form.get("password") ?? "");
  if (!username.trim() || !password) return { username, error: "Type your username and your password." };
  return { username, error: await pupilSignIn({ method: "password", username, password }, WRONG.password) };
}

export async function signInPupilWithBadge(secret: string): Promise<{ error: string | null }> {
  return { error: await pupilSignIn({ method: "badge", secret: String(secret).slice(0, 200) }, WRONG.badge) };
}

export async function signInPupilWithPictures(personId: string, pictures: number[]): Promise<{ error: string | null }> {
  return { error: await pupilSignIn({ method: "picture", personId: String(personId), pictures: pictures.map(Number).join("-") }, WRONG.picture) };
}
