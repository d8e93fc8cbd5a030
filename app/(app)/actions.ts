"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { signOut } from "@/server/auth/config";
import { SCHOOL_COOKIE } from "@/lib/current-school";

export async function switchSchool(schoolId: string) {
  // Only a preference: every procedure re-checks access to the school it is given.
  (await cookies()).set(SCHOOL_COOKIE, schoolId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 60 * 60 * 24 * 365 });
  revalidatePath("/", "layout");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
