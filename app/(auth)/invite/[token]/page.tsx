import type { Metadata } from "next";
import { PasswordLinkPage } from "@/components/auth/password-link-page";

export const metadata: Metadata = { title: "Welcome to Staffroom", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  return <PasswordLinkPage token={decodeURIComponent((await params).token)} kind="invite" />;
}
