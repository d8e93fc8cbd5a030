import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { BadgeScanner } from "@/components/pupil-sign-in/badge-scanner";

export const metadata: Metadata = { title: "Scan your badge" };

// Also where a badge's QR code points: the phone's camera app opens /sign-in/badge#secret here.
export default function BadgeSignInPage() {
  return (
    <AuthCard title="Scan your badge" description="Hold the QR code on your login card up to the camera.">
      <div className="grid gap-4">
        <BadgeScanner />
        <p className="text-center text-sm">
          <a href="/sign-in/pupil" className="underline underline-offset-4">
            Use a username and password instead
          </a>
        </p>
      </div>
    </AuthCard>
  );
}
