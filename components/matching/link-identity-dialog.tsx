"use client";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Loader2 } from "lucide-react";
import { toast } from "sonner";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { Command, CommandEmpty, CommandGroup, CommandInput, CommandItem, CommandList } from "@/components/ui/command";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/lib/trpc";
import { cn } from "@/lib/utils";

export type PendingIdentity = { id: string; providerLabel: string; email: string | null; name: string | null };

/** Link a refused Google/Microsoft sign-in to a member of staff, picked with a type-ahead list. */
export function LinkIdentityDialog({ schoolId, identity, onClose }: { schoolId: string; identity: PendingIdentity | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [personId, setPersonId] = useState<string | null>(null);
  const people = useQuery({
    ...trpc.matching.listStaff.queryOptions({ schoolId, search: search.trim() || undefined, filter: "all", page: 1, pageSize: 20 }),
    enabled: identity !== null,
    placeholderData: keepPreviousData,
  });
  const link = useMutation(
    trpc.matching.link.mutationOptions({
      onSuccess: async ({ personName }) => {
        toast.success(`${identity?.providerLabel} sign-in linked to ${personName}`);
        await queryClient.invalidateQueries({ queryKey: trpc.matching.pathKey() });
        close();
      },
    }),
  );
  const close = () => {
    setSearch("");
    setPersonId(null);
    link.reset();
    onClose();
  };
  const chosen = people.data?.rows.find((p) => p.personId === personId);

  return (
    <Dialog open={identity !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Link {identity?.providerLabel} sign-in</DialogTitle>
          <DialogDescription>
            {identity?.email ?? "An account without an email"}
            {identity?.name ? ` (${identity.name})` : ""} will sign in as the person you choose.
          </DialogDescription>
        </DialogHeader>
        {link.isError && (
          <FormError>{link.error.message}</FormError>
        )}
        <div className="grid gap-2">
          <Label htmlFor="link-person-search">Member of staff</Label>
          <Command shouldFilter={false} className="rounded-md border">
            <CommandInput id="link-person-search" placeholder="Type a name or email…" value={search} onValueChange={setSearch} />
            <CommandList aria-label="Staff">
              {people.isPending ? (
                <p className="p-3 text-sm text-muted-foreground">Loading staff…</p>
              ) : (
                <CommandEmpty>No current staff match “{search}”.</CommandEmpty>
              )}
              <CommandGroup>
                {people.data?.rows.map((person) => (
                  <CommandItem key={person.personId} value={person.personId} onSelect={() => setPersonId(person.personId)}>
                    <Check className={cn("size-4", person.personId === personId ? "opacity-100" : "opacity-0")} aria-hidden />
                    <span className="grid">
                      <span>{person.displayName}</span>
                      <span className="text-xs text-muted-foreground">{[person.jobTitle, person.email].filter(Boolean).join(" · ")}</span>
                    </span>
                  </CommandItem>
                ))}
              </CommandGroup>
            </CommandList>
          </Command>
          <p className="text-sm text-muted-foreground" aria-live="polite">
            {chosen ? `Chosen: ${chosen.displayName}` : "Nobody chosen yet."}
          </p>
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={close}>
            Cancel
          </Button>
          <Button disabled={!personId || link.isPending} onClick={() => identity && personId && link.mutate({ schoolId, identityId: identity.id, personId })}>
            {link.isPending && <Loader2 className="animate-spin" aria-hidden />}
            Link sign-in
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
