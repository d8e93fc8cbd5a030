"use client";
import { useDeferredValue, useId, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Loader2, Search } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { useTRPC } from "@/lib/trpc";
import type { Candidate } from "./types";
import { useReadOnly } from "@/components/layout/read-only";

const NEW = "new";

/**
 * The admin's decision on one review item, saved on its own: one of the proposed people (with
 * the rule that proposes them), any unclaimed old record found through the search, or a new person.
 */
export function ReviewChoice({ schoolId, candidate, disabled }: { schoolId: string; candidate: Candidate; disabled?: boolean }) {
  // A trust viewer sees the choices and what was saved, and changes nothing.
  const locked = useReadOnly() || disabled;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const saved = candidate.resolution;
  const [choice, setChoice] = useState<string | null>(saved);
  const [found, setFound] = useState<Candidate["options"]>([]);
  const options = [...candidate.options, ...found.filter((f) => !candidate.options.some((o) => o.personId === f.personId))];
  const describe = (value: string) => (value === NEW ? "a new person" : (options.find((o) => o.personId === value)?.label ?? "the chosen person"));

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
        disabled={busy || locked}
        aria-label={`Who is ${candidate.label}?`}
        aria-describedby={resolve.error ? `${id}-error` : undefined}
        className="gap-2"
      >
        {options.map((option) => (
          <div key={option.personId} className="flex items-center gap-2">
            <RadioGroupItem id={`${id}-${option.personId}`} value={option.personId} />
            <Label htmlFor={`${id}-${option.personId}`} className="font-normal">
              Keep as {option.label}
              {option.rule && <span className="text-muted-foreground"> · {option.rule}</span>}
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
      {!locked && (
        <OldRecordSearch
          schoolId={schoolId}
          candidate={candidate}
          onPick={(option) => {
            setFound((list) => [...list.filter((f) => f.personId !== option.personId), option]);
            setChoice(option.personId);
            resolve.reset();
          }}
        />
      )}
      <div className="flex flex-wrap items-center gap-3">
        {!locked && (
          <Button type="submit" size="sm" variant={saved ? "outline" : "default"} disabled={!choice || choice === saved || busy} aria-label={`Save choice for ${candidate.label}`}>
            {busy ? <Loader2 className="animate-spin" aria-hidden /> : null}
            {busy ? "Saving…" : "Save choice"}
          </Button>
        )}
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

/** Finds any old record nobody has claimed yet, by name or email, when the right one isn't proposed. */
function OldRecordSearch({ schoolId, candidate, onPick }: { schoolId: string; candidate: Candidate; onPick: (option: Candidate["options"][number]) => void }) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const search = useDeferredValue(text.trim());
  const results = useQuery(trpc.migration.searchOldRecords.queryOptions({ schoolId, candidateId: candidate.id, search }, { enabled: search.length >= 2 }));
  return (
    <div className="grid gap-1.5">
      <div className="relative max-w-xs">
        <Search className="pointer-events-none absolute top-1/2 left-2 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          id={`${id}-search`}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Not listed? Search old records"
          aria-label={`Search old records for ${candidate.label}`}
          className="h-8 pl-8"
        />
      </div>
      {search.length >= 2 && (
        <div aria-live="polite" className="text-sm">
          {results.isPending ? (
            <p className="text-muted-foreground">Searching…</p>
          ) : results.error ? (
            <p className="text-destructive">{results.error.message}</p>
          ) : results.data.length === 0 ? (
            <p className="text-muted-foreground">No unclaimed record matches &ldquo;{search}&rdquo;.</p>
          ) : (
            <ul className="grid gap-1" aria-label={`Old records matching ${search}`}>
              {results.data.map((record) => (
                <li key={record.personId}>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    className="h-auto justify-start px-2 py-1 text-left whitespace-normal"
                    onClick={() => {
                      onPick({ personId: record.personId, label: record.label, rule: "found by search" });
                      setText("");
                    }}
                  >
                    Choose {record.label}
                    <span className="text-muted-foreground">
                      {record.dateOfBirth ? ` · born ${record.dateOfBirth}` : ""}
                      {record.hint ? ` · ${record.hint}` : ""}
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
