"use client";
import { useHydrated } from "@/hooks/use-hydrated";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertCircle, Loader2 } from "lucide-react";
import { toast } from "sonner";
import { z } from "zod";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/lib/trpc";
import { connectWondeInput } from "@/server/routers/wonde/connect-input";

type Field = keyof z.input<typeof connectWondeInput>;

/** Connects the school to Wonde: validated as you go with the server's own schema; nothing typed is lost on a failure. */
export function WondeConnectForm({ schoolId, defaultWondeId }: { schoolId: string; defaultWondeId: string | null }) {
  const hydrated = useHydrated();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [values, setValues] = useState<Record<Field, string>>({ wondeSchoolId: defaultWondeId ?? "", token: "" });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);

  const connect = useMutation(
    trpc.wonde.connect.mutationOptions({
      onSuccess: (settings) => {
        queryClient.setQueryData(trpc.wonde.settings.queryKey({ schoolId }), settings);
        toast.success(`Connected to ${settings.capabilities.mis ?? settings.mis ?? "your MIS"} through Wonde`, { description: "Press Sync Data on the Staff page to bring in your staff and pupils." });
        router.refresh();
      },
    }),
  );

  const parsed = connectWondeInput.safeParse(values);
  const clientErrors = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
  const serverErrors = (connect.error?.data as { fieldErrors?: Partial<Record<Field, string[]>> | null } | undefined)?.fieldErrors ?? {};
  const errorFor = (field: Field) => ((touched[field] || submitted) && clientErrors[field]?.[0]) || serverErrors[field]?.[0];

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (!parsed.success) {
      const first = (["wondeSchoolId", "token"] as const).find((field) => clientErrors[field]);
      if (first) document.getElementById(`wonde-${first}`)?.focus();
      return;
    }
    connect.mutate({ schoolId, ...parsed.data });
  };

  const field = (name: Field, label: string, props: { type?: string; autoComplete?: string; placeholder?: string; hint: string }) => {
    const error = errorFor(name);
    const id = `wonde-${name}`;
    return (
      <div className="grid gap-2">
        <Label htmlFor={id}>{label}</Label>
        <Input
          id={id}
          name={name}
          type={props.type ?? "text"}
          autoComplete={props.autoComplete ?? "off"}
          placeholder={props.placeholder}
          value={values[name]}
          onChange={(event) => setValues((v) => ({ ...v, [name]: event.target.value }))}
          onBlur={() => setTouched((t) => ({ ...t, [name]: true }))}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          disabled={!hydrated || connect.isPending}
        />
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {props.hint}
        </p>
        {error && (
          <p id={`${id}-error`} className="text-sm text-destructive">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-md gap-4" aria-label="Connect Wonde">
      {connect.error && (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertTitle>Wonde couldn&apos;t be connected</AlertTitle>
          <AlertDescription>{connect.error.message}</AlertDescription>
        </Alert>
      )}
      {field("wondeSchoolId", "Wonde school ID", { placeholder: "A1930499544", hint: "On your school's page in the Wonde portal, starting with A." })}
      {field("token", "Wonde API token", { type: "password", autoComplete: "new-password", hint: "From the Wonde portal, once the school has approved Staffroom." })}
      <div>
        <Button type="submit" disabled={!hydrated || connect.isPending}>
          {connect.isPending && <Loader2 className="animate-spin" aria-hidden />}
          {connect.isPending ? "Connecting…" : "Connect Wonde"}
        </Button>
      </div>
    </form>
  );
}
