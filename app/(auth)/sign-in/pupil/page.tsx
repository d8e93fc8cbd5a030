import type { Metadata } from "next";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { Images, QrCode } from "lucide-react";
import { AuthCard } from "@/components/auth/auth-card";
import { PupilPasswordForm } from "@/components/pupil-sign-in/pupil-password-form";
import { SHARED_DEVICE_COOKIE } from "@/lib/pupil-device-cookies";
import { auth } from "@/server/auth/config";
import { LAUNCHER_PATH } from "@/server/accounts/pupil-role";
import { sharedDeviceFor } from "@/server/accounts/sign-in";
import { db } from "@/server/db";

export const metadata: Metadata = { title: "Pupil sign-in" };

const linkClass = "flex items-center justify-center gap-2 rounded-md border px-4 py-3 text-base font-medium hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

export default async function PupilSignInPage() {
  if ((await auth())?.user) redirect(LAUNCHER_PATH);
  const sharedDevice = await sharedDeviceFor(db, (await cookies()).get(SHARED_DEVICE_COOKIE)?.value);
  return (
    <AuthCard title="Pupil sign-in" description="Use the login card your teacher gave you.">
      <div className="grid gap-4">
        {sharedDevice && (
          <a href="/sign-in/pupil/shared" className={linkClass}>
            <Images className="size-5" aria-hidden />
            Sign in with pictures
          </a>
        )}
        <a href="/sign-in/badge" className={linkClass}>
          <QrCode className="size-5" aria-hidden />
          Scan your badge
        </a>
        <p className="text-center text-sm text-muted-foreground">or type your username and password</p>
        <PupilPasswordForm />
        <p className="text-center text-sm">
          <a href="/sign-in" className="underline underline-offset-4">
            Staff sign-in
          </a>
        </p>
      </div>
    </AuthCard>
  );
}
