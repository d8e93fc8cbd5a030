"use client";
import { useHydrated } from "@/hooks/use-hydrated";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Loader2 } from "lucide-react";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PASSWORD_MIN_LENGTH, setPasswordFormSchema } from "@/lib/password-policy";
import { setPasswordAction } from "@/app/(auth)/password-actions";

type Field = "password" | "confirm";

/** Choose a password from a reset or invite link; the server also checks it against the breached list. */
export function SetPasswordForm({ token, email, submitLabel }: { token: string; email: string; submitLabel: string }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [values, setValues] = useState({ password: "", confirm: "" });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [pending, startTransition] = useTransition();
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const field = (name: Field, label: string, hint?: string) => (
    <div className="grid gap-2">
      <Label htmlFor={name}>{label}</Label>
      <Input
        id={name}
        name={name}
        type="password"
        autoComplete="new-password"
        value={values[name]}
        onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={`${name}-help`}
      />
      <p id={`${name}-help`} className={errors[name] ? "text-sm text-destructive" : "text-sm text-muted-foreground"}>
        {errors[name] ?? hint}
      </p>
    </div>
  );

  return (
    <form
      className="grid gap-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = setPasswordFormSchema.safeParse(values);
        if (!parsed.success) {
          const flat: Partial<Record<Field, string>> = {};
          for (const issue of parsed.error.issues) flat[issue.path[0] as Field] ??= issue.message;
          return setErrors(flat);
        }
        setErrors({});
        startTransition(async () => {
          // The sign-in page says "Your password is set".
          const { error } = await setPasswordAction({ token, password: parsed.data.password }).catch(() => ({
            error: "Something went wrong on our side. Please try again in a moment.",
          }));
          setSaveError(error);
          if (error) return;
          setSaved(true);
          router.push("/sign-in?password=set");
        });
      }}
    >
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      {saveError && (
        <FormError>{saveError}</FormError>
      )}
      {field("password", "New password", `At least ${PASSWORD_MIN_LENGTH} characters. Three random words work well.`)}
      {field("confirm", "Confirm new password")}
      <Button type="submit" disabled={!hydrated || pending || saved}>
        {pending && <Loader2 className="animate-spin" aria-hidden />}
        {submitLabel}
      </Button>
    </form>
  );
}
