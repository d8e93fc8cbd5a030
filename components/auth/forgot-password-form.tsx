"use client";
import { useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { AlertCircle, Loader2, MailCheck } from "lucide-react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requestResetSchema } from "@/lib/password-policy";
import { useHydrated } from "@/hooks/use-hydrated";
import { useTRPC } from "@/lib/trpc";

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const request = useMutation(trpc.passwords.requestReset.mutationOptions());
  const hydrated = useHydrated();
  // What was sent, for the confirmation; the input itself is uncontrolled so
  // anything typed before the page finished loading is kept.
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);

  if (request.isSuccess)
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
        request.mutate(parsed.data);
      }}
    >
      {request.isError && (
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
      <Button type="submit" disabled={!hydrated || request.isPending}>
        {request.isPending && <Loader2 className="animate-spin" aria-hidden />}
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
