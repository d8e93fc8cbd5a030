"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { DEVICE_COOKIE_MAX_AGE_S, SHARED_DEVICE_COOKIE } from "@/lib/pupil-device-cookies";
import { userActor } from "@/server/activity/record";
import { registerSharedDevice } from "@/server/accounts/shared-device";
import { auth } from "@/server/auth/config";
import { db } from "@/server/db";
import { env } from "@/server/env";

/** "Set up this device for picture sign-in": the browser keeps the device's token in a cookie. */
export async function setUpSharedDevice(form: FormData): Promise<void> {
  const userId = (await auth())?.user?.id;
  if (!userId) redirect("/sign-in");
  const schoolId = String(form.get("schoolId") ?? "");
  const token = await registerSharedDevice(db, { ...(await userActor(db, userId)), schoolId }, String(form.get("label") ?? ""));
  (await cookies()).set(SHARED_DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: !!env.AUTH_URL?.startsWith("https:"),
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
  redirect("/settings/pupil-sign-in?device=ready");
}
