import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { Button } from "@/components/ui/button";
import { serverApi } from "@/server/trpc/server";

/** The reset and invite pages: the form when the link still works, a way forward when it doesn't. */
export async function PasswordLinkPage({ token, kind }: { token: string; kind: "reset" | "invite" }) {
  const link = await (await serverApi()).passwords.describeLink({ token });
  if (!link.valid)
    return (
      <AuthCard title="This link no longer works">
        <div className="grid gap-4 text-sm">
          <p>Links to set a password work once, for a limited time. This one has expired or has already been used.</p>
          <Button asChild>
            <Link href="/forgot-password">Send me a new link</Link>
          </Button>
        </div>
      </AuthCard>
    );
  return kind === "invite" ? (
    <AuthCard title="Welcome to Staffroom" description={`Choose a password for ${link.email}.`}>
      <SetPasswordForm token={token} email={link.email} submitLabel="Set password" />
    </AuthCard>
  ) : (
    <AuthCard title="Choose a new password" description={`For ${link.email}.`}>
      <SetPasswordForm token={token} email={link.email} submitLabel="Set password" />
    </AuthCard>
  );
}
