import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { auth } from "@/server/auth/config";

export const metadata: Metadata = { title: "Sign in" };

// Errors Auth.js reports through the URL (e.g. after an SSO round trip), in plain words.
const URL_ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password don't match an account. Check them and try again.",
  AccessDenied: "Your school hasn't given this account access to Staffroom.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams;
  if ((await auth())?.user) redirect("/");
  const initialError = params.error ? (URL_ERRORS[params.error] ?? "Sign-in didn't work. Please try again.") : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle className="text-2xl">Sign in to Staffroom</CardTitle>
          <CardDescription>Use the email address your school gave you.</CardDescription>
        </CardHeader>
        <CardContent>
          <SignInForm callbackUrl={params.callbackUrl ?? "/"} initialError={initialError} />
        </CardContent>
      </Card>
    </main>
  );
}
