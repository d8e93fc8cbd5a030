import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CheckCircle2 } from "lucide-react";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { auth } from "@/server/auth/config";
import { safeRedirect } from "@/server/auth/redirect";
import { configuredSsoProviders } from "@/server/auth/sso-config";

export const metadata: Metadata = { title: "Sign in" };

// Errors Auth.js reports through the URL (e.g. after an SSO round trip), in plain words.
const URL_ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password don't match an account. Check them and try again.",
  AccessDenied: "Your school hasn't given this account access to Staffroom.",
  OAuthAccountNotLinked: "That sign-in belongs to a different Staffroom account. Sign out first, then try again.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string; password?: string }> }) {
  const params = await searchParams;
  if ((await auth())?.user) redirect(safeRedirect(params.callbackUrl));
  const initialError = params.error ? (URL_ERRORS[params.error] ?? "Sign-in didn't work. Please try again.") : null;
  const callbackUrl = safeRedirect(params.callbackUrl);
  return (
    <AuthCard title="Sign in to Staffroom" description="Use the account your school gave you.">
      <div className="grid gap-4">
        {params.password === "set" && (
          <Alert role="status">
            <CheckCircle2 />
            <AlertDescription>Your password is set. Sign in with it now.</AlertDescription>
          </Alert>
        )}
        <SsoButtons providers={configuredSsoProviders()} callbackUrl={callbackUrl} />
        <SignInForm callbackUrl={callbackUrl} initialError={initialError} />
        <p className="text-center text-sm">
          {/* A plain link, not next/link: that would ship its router code and prefetch the
              forgot-password page's script with every sign-in page (~40 KiB of the 150 budget). */}
          <a href="/forgot-password" className="underline underline-offset-4">
            Forgot password?
          </a>
        </p>
        <p className="text-center text-sm">
          <a href="/sign-in/pupil" className="underline underline-offset-4">
            Pupil? Sign in here
          </a>
        </p>
      </div>
    </AuthCard>
  );
}
