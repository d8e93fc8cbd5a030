"use client";
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Check, Loader2, UserRound, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { useTRPC } from "@/lib/trpc";
import type { RouterOutputs } from "@/lib/router-types";
import { PersonAvatar } from "@/components/people/person-avatar";

export type PersonOption = RouterOutputs["incidents"]["searchPeople"][number];

/** The text typed, once typing pauses: one search per pause, not per key. */
function useSettled(value: string, delay = 150) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * Picks one of the school's synced staff or pupils: type part of a name, initials or a
 * near-miss spelling; arrows and Enter choose. Results come from the server's trigram-backed
 * search, shown as "Surname, Forename (initials)" with year group or job title beneath.
 */
export function PersonCombobox({
  schoolId,
  label,
  value,
  onChange,
  kind,
  placeholder = "Type a name or initials…",
  invalid,
  describedBy,
}: {
  schoolId: string;
  label: string;
  value: PersonOption | null;
  onChange: (person: PersonOption | null) => void;
  kind?: "PUPIL" | "STAFF";
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const query = useSettled(text.trim());
  const results = useQuery({
    ...trpc.incidents.searchPeople.queryOptions({ schoolId, query, kind }),
    enabled: query.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  if (value) {
    return (
      <div className="flex items-center justify-between gap-2 rounded-md border px-3 py-2" aria-label={label} role="group">
        <div className="flex min-w-0 items-center gap-2">
          {value.kind === "STAFF" ? (
            <PersonAvatar personId={value.id} name={value.label} initials={null} className="size-6" />
          ) : (
            <UserRound className="size-4 shrink-0 text-muted-foreground" aria-hidden />
          )}
          <div className="min-w-0">
            <p className="truncate text-sm font-medium">{value.label}</p>
            <p className="truncate text-xs text-muted-foreground">{value.secondary}</p>
          </div>
        </div>
        <Button type="button" variant="ghost" size="icon" className="size-11 sm:size-9" aria-label={`Change ${label.toLowerCase()}: ${value.label}`} onClick={() => onChange(null)}>
          <X aria-hidden />
        </Button>
      </div>
    );
  }

  const options = query ? (results.data ?? []) : [];
  return (
    <Command shouldFilter={false} loop className="rounded-md border" label={label}>
      <CommandInput
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        placeholder={placeholder}
        value={text}
        onValueChange={setText}
        // One thumb on a phone: a 44 px box and 16 px text (no zoom on focus).
        wrapperClassName="h-11 sm:h-9"
        className="h-11 text-base sm:h-9 sm:text-sm"
      />
      {/* Always in the page, hidden until something is typed: the input's aria-controls names it. */}
      <CommandList aria-label={`${label} suggestions`} hidden={!text.trim()}>
        {text.trim() && (
          <>
            {results.isFetching && !options.length ? (
              <div className="flex items-center gap-2 px-3 py-4 text-sm text-muted-foreground" role="status">
                <Loader2 className="size-4 animate-spin" aria-hidden /> Searching…
              </div>
            ) : (
              <CommandEmpty>No one matches &ldquo;{text.trim()}&rdquo;. Check the spelling, or add them as a visitor.</CommandEmpty>
            )}
            {options.length > 0 && (
              <CommandGroup>
                {options.map((person) => (
                  <CommandItem
                    key={person.id}
                    value={person.id}
                    className="min-h-11"
                    onSelect={() => {
                      onChange(person);
                      setText("");
                    }}
                  >
                    <Check className="invisible" aria-hidden />
                    {person.kind === "STAFF" && <PersonAvatar personId={person.id} name={person.label} initials={null} className="size-6" />}
                    <div className="min-w-0">
                      <p className="truncate font-medium">{person.label}</p>
                      <p className="truncate text-xs text-muted-foreground">{person.secondary}</p>
                    </div>
                  </CommandItem>
                ))}
              </CommandGroup>
            )}
          </>
        )}
      </CommandList>
    </Command>
  );
}
