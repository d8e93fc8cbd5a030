import type { Metadata } from "next";
import { PasswordLinkPage } from "@/components/auth/password-link-page";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  return <PasswordLinkPage token={decodeURIComponent((await params).token)} kind="reset" />;
}
