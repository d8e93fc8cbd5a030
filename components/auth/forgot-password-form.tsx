"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { AlertCircle, Loader2, MailCheck } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requestResetSchema } from "@/lib/password-policy";
import { useHydrated } from "@/hooks/use-hydrated";
import { requestPasswordResetAction } from "@/app/(auth)/password-actions";

export function ForgotPasswordForm() {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<"sent" | "failed" | null>(null);
  const hydrated = useHydrated();
  // What was sent, for the confirmation; the input itself is uncontrolled so
  // anything typed before the page finished loading is kept.
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);

  if (outcome === "sent")
    return (
      <div className="grid gap-4">
        <Alert role="status">
          <MailCheck />
          <AlertDescription>
            If {email} belongs to a Staffroom account, we have sent it a link to set a new password. The link works for one hour. Check your junk
            folder if it hasn&apos;t arrived in a few minutes.
          </AlertDescription>
        </Alert>
        <Button asChild variant="outline">
          <Link href="/sign-in">Back to sign in</Link>
        </Button>
      </div>
    );

  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const typed = String(new FormData(event.currentTarget).get("email") ?? "").trim();
        setEmail(typed);
        const parsed = requestResetSchema.safeParse({ email: typed });
        if (!parsed.success) return setFieldError(parsed.error.issues[0]!.message);
        setFieldError(null);
        startTransition(async () => {
          try {
            await requestPasswordResetAction(parsed.data);
            setOutcome("sent");
          } catch {
            setOutcome("failed");
          }
        });
      }}
    >
      {outcome === "failed" && (
        <Alert variant="destructive" role="alert">
          <AlertCircle />
          <AlertDescription>Something went wrong on our side. Please try again in a moment.</AlertDescription>
        </Alert>
      )}
      <div className="grid gap-2">
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          defaultValue={email}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "email-error" : undefined}
        />
        {fieldError && (
          <p id="email-error" className="text-sm text-destructive">
            {fieldError}
          </p>
        )}
      </div>
      <Button type="submit" disabled={!hydrated || pending}>
        {pending && <Loader2 className="animate-spin" aria-hidden />}
        Send reset link
      </Button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="underline underline-offset-4">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
