"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertCircle, Loader2, Mail } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc";

/**
 * Looks up an affected person's contacts live from the MIS (parental responsibility, in
 * priority order; or next of kin) and emails the ones chosen. Nothing about the contacts is
 * stored until an email is actually sent.
 */
export function NotifyDialog({ schoolId, incidentId, affectedId, personLabel, personKind }: { schoolId: string; incidentId: string; affectedId: string; personLabel: string; personKind: "PUPIL" | "STAFF" }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [acknowledgement, setAcknowledgement] = useState(true);
  const contacts = useQuery({ ...trpc.incidents.contacts.queryOptions({ schoolId, incidentId, affectedId }), enabled: open, staleTime: 0, gcTime: 0, retry: false });
  const who = personKind === "PUPIL" ? "parents and carers" : "next of kin";

  // By default, the first contact with an email (the highest priority).
  const selected = chosen ?? new Set(contacts.data?.contacts.filter((c) => c.email).slice(0, 1).map((c) => c.key) ?? []);
  const toggle = (key: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };

  const notify = useMutation(
    trpc.incidents.notify.mutationOptions({
      onSuccess: (results) => {
        void queryClient.invalidateQueries({ queryKey: trpc.incidents.get.queryKey({ schoolId, incidentId }) });
        const failed = results.filter((r) => r.status === "FAILED");
        if (failed.length) toast.error(`${failed.length} email${failed.length === 1 ? "" : "s"} couldn't be sent`, { description: `${failed[0]!.error ?? ""} The incident is saved: retry from the notifications list.` });
        else toast.success(`Email sent to ${results.map((r) => r.recipientName).join(", ")}`);
        setOpen(false);
        setChosen(null);
      },
    }),
  );

  return (
    <Dialog open={open} onOpenChange={(next) => { setOpen(next); if (!next) { setChosen(null); notify.reset(); } }}>
      <DialogTrigger asChild>
        {/* Short on screen; the full name for screen readers (and tests), which starts with what is shown. */}
        <Button variant="outline" className="h-11 w-full sm:h-9 sm:w-auto">
          <Mail aria-hidden /> Notify {personKind === "PUPIL" ? "parents" : "next of kin"}
          <span className="sr-only">{personKind === "PUPIL" ? " and carers" : ""} of {personLabel}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Notify {who}</DialogTitle>
          <DialogDescription>
            About {personLabel}. Contacts are read from your MIS now and are not stored; the name and email of whoever you email are kept with the notification.
          </DialogDescription>
        </DialogHeader>
        {contacts.isPending ? (
          <div className="grid gap-2" aria-label="Loading contacts" role="status">
            <Skeleton className="h-12" />
            <Skeleton className="h-12" />
          </div>
        ) : contacts.error ? (
          <Alert variant="destructive">
            <AlertCircle aria-hidden />
            <AlertTitle>Contacts couldn&apos;t be read</AlertTitle>
            <AlertDescription>{contacts.error.message}</AlertDescription>
          </Alert>
        ) : contacts.data.contacts.length === 0 ? (
          <p className="text-sm text-muted-foreground">The MIS has no {personKind === "PUPIL" ? "contacts with parental responsibility" : "next of kin"} for {personLabel}.</p>
        ) : (
          <fieldset className="grid gap-2">
            <legend className="mb-2 text-sm font-medium">Send to</legend>
            {contacts.data.contacts.map((c) => {
              const id = `contact-${c.key}`;
              return (
                <div key={c.key} className="flex items-start gap-3 rounded-md border p-3">
                  <Checkbox id={id} checked={selected.has(c.key)} disabled={!c.email} onCheckedChange={(on) => toggle(c.key, on === true)} />
                  <Label htmlFor={id} className="grid gap-0.5 font-normal">
                    <span className="font-medium">
                      {c.name}
                      {c.relationship ? ` (${c.relationship})` : ""}
                    </span>
                    <span className="text-xs text-muted-foreground">{c.email ?? "No email address in the MIS"}</span>
                  </Label>
                </div>
              );
            })}
          </fieldset>
        )}
        <div className="flex items-center gap-3">
          <Checkbox id="ask-acknowledgement" checked={acknowledgement} onCheckedChange={(on) => setAcknowledgement(on === true)} />
          <Label htmlFor="ask-acknowledgement" className="font-normal">
            Ask them to confirm they have read it (a link in the email)
          </Label>
        </div>
        {notify.error && (
          <Alert variant="destructive">
            <AlertCircle aria-hidden />
            <AlertTitle>Nothing was sent</AlertTitle>
            <AlertDescription>{notify.error.message}</AlertDescription>
          </Alert>
        )}
        <DialogFooter>
          <Button
            disabled={notify.isPending || selected.size === 0 || !contacts.data}
            onClick={() => notify.mutate({ schoolId, incidentId, affectedId, recipientKeys: [...selected], acknowledgement })}
          >
            {notify.isPending && <Loader2 className="animate-spin" aria-hidden />}
            {notify.isPending ? "Sending…" : "Send email"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
