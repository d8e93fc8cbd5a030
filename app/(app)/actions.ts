"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { signOut } from "@/server/auth/config";
import { SCHOOL_COOKIE, SCHOOL_COOKIE_OPTIONS } from "@/lib/current-school";

export async function switchSchool(schoolId: string) {
  (await cookies()).set(SCHOOL_COOKIE, schoolId, SCHOOL_COOKIE_OPTIONS);
  revalidatePath("/", "layout");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
