import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { ssoLabel } from "@/server/auth/sso-config";

export const metadata: Metadata = { title: "Account not linked" };

/** Where a refused Google/Microsoft sign-in lands (the refusal is in the activity log). */
export default async function NotLinkedPage({ searchParams }: { searchParams: Promise<{ provider?: string; reason?: string }> }) {
  const { provider, reason } = await searchParams;
  const label = provider ? ssoLabel(provider) : "Google or Microsoft";
  if (reason === "lite") return <LiteSchool label={label} />;
  return (
    <AuthCard title={`Your school has not linked this ${label} account yet`}>
      <div className="grid gap-4 text-sm">
        <p>Staffroom only lets in accounts that your school has matched to a member of staff.</p>
        <p>
          Ask your school&apos;s Staffroom administrator to link it on the <strong>User matching</strong> page. Until then, you can sign in with your
          email address and password. If you have never set a password, use Forgot password.
        </p>
        <PasswordWayIn signIn="Back to sign in" />
      </div>
    </AuthCard>
  );
}

/** A linked (or matching) account whose schools all use Staffroom Lite: SSO is off for them. */
function LiteSchool({ label }: { label: string }) {
  return (
    <AuthCard title={`Your school doesn't use ${label} sign-in`}>
      <div className="grid gap-4 text-sm">
        <p>Your school uses Staffroom Lite: everyone signs in with their Staffroom username or email address and password, not with Google or Microsoft.</p>
        <p>If you have never set a Staffroom password, use Forgot password, or ask your school&apos;s Staffroom administrator for a set-up link.</p>
        <PasswordWayIn signIn="Sign in with your password" />
      </div>
    </AuthCard>
  );
}

function PasswordWayIn({ signIn }: { signIn: string }) {
  return (
    <div className="grid gap-2">
      <Button asChild>
        <Link href="/sign-in">{signIn}</Link>
      </Button>
      <Button asChild variant="outline">
        <Link href="/forgot-password">Forgot password</Link>
      </Button>
    </div>
  );
}
