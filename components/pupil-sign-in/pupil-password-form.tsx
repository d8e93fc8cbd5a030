"use client";
import { useActionState } from "react";
import { Loader2 } from "lucide-react";
import { signInPupilWithPassword, type PupilSignInState } from "@/app/(auth)/sign-in/pupil-actions";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export function PupilPasswordForm() {
  const [state, action, pending] = useActionState<PupilSignInState, FormData>(signInPupilWithPassword, { username: "", error: null });
  return (
    <form action={action} className="grid gap-4" noValidate>
      {state.error && (
        <FormError>{state.error}</FormError>
      )}
      <div className="grid gap-2">
        <Label htmlFor="username">Username</Label>
        <Input id="username" name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required defaultValue={state.username} key={state.username} autoFocus className="h-11 text-lg" />
      </div>
      <div className="grid gap-2">
        <Label htmlFor="pupil-password">Password</Label>
        <Input id="pupil-password" name="password" type="password" autoComplete="current-password" autoCapitalize="none" required className="h-11 text-lg" />
      </div>
      <Button type="submit" disabled={pending} size="lg" className="w-full">
        {pending && <Loader2 className="animate-spin" aria-hidden />}
        Sign in
      </Button>
    </form>
  );
}
