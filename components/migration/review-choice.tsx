"use client";
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Loader2 } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { useTRPC } from "@/lib/trpc";
import type { Candidate } from "./types";

const NEW = "new";

/** The admin's decision on one review item: one of the proposed people, or a new person, saved on its own. */
export function ReviewChoice({ schoolId, candidate, disabled }: { schoolId: string; candidate: Candidate; disabled?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const saved = candidate.resolution;
  const [choice, setChoice] = useState<string | null>(saved);
  const describe = (value: string) => (value === NEW ? "a new person" : (candidate.options.find((o) => o.personId === value)?.label ?? "the chosen person"));

  const resolve = useMutation(
    trpc.migration.resolve.mutationOptions({
      onSuccess: async (_data, { resolution }) => {
        toast.success(`Saved: ${candidate.label} ${resolution === NEW ? "will be created as a new person" : `is ${describe(resolution)}`}`);
        await queryClient.invalidateQueries({ queryKey: trpc.migration.pathKey() });
      },
    }),
  );
  const busy = resolve.isPending;
  const save = () => choice && resolve.mutate({ schoolId, candidateId: candidate.id, resolution: choice });

  return (
    <form
      className="grid gap-2"
      aria-busy={busy}
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <RadioGroup
        value={choice ?? ""}
        onValueChange={(value) => {
          setChoice(value);
          resolve.reset();
        }}
        disabled={busy || disabled}
        aria-label={`Who is ${candidate.label}?`}
        aria-describedby={resolve.error ? `${id}-error` : undefined}
        className="gap-2"
      >
        {candidate.options.map((option) => (
          <div key={option.personId} className="flex items-center gap-2">
            <RadioGroupItem id={`${id}-${option.personId}`} value={option.personId} />
            <Label htmlFor={`${id}-${option.personId}`} className="font-normal">
              Keep as {option.label}
            </Label>
          </div>
        ))}
        <div className="flex items-center gap-2">
          <RadioGroupItem id={`${id}-new`} value={NEW} />
          <Label htmlFor={`${id}-new`} className="font-normal">
            Create as a new person
          </Label>
        </div>
      </RadioGroup>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" size="sm" variant={saved ? "outline" : "default"} disabled={!choice || choice === saved || busy || disabled} aria-label={`Save choice for ${candidate.label}`}>
          {busy ? <Loader2 className="animate-spin" aria-hidden /> : null}
          {busy ? "Saving…" : "Save choice"}
        </Button>
        <p className="text-xs text-muted-foreground" role="status">
          {saved ? (
            <span className="flex items-center gap-1 text-emerald-700 dark:text-emerald-400">
              <CheckCircle2 className="size-3.5" aria-hidden /> Saved: {saved === NEW ? "create as a new person" : `keep as ${describe(saved)}`}
            </span>
          ) : (
            "Not decided yet"
          )}
        </p>
      </div>
      {resolve.error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-destructive">
          {resolve.error.message}
        </p>
      )}
    </form>
  );
}
