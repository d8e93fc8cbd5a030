"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { useTRPC } from "@/lib/trpc";
import type { RouterOutputs } from "@/lib/router-types";
import { plural } from "./migration-text";
import { useReadOnly } from "@/components/layout/read-only";

type Readiness = RouterOutputs["migration"]["readiness"];
type Listed = Readiness["pupilsWithoutUpn"];

/** The numbers that decide scenario A or B, each with its list, and the forecast. */
export function ReadinessNumbers({ schoolId }: { schoolId: string }) {
  const trpc = useTRPC();
  const readiness = useQuery(trpc.migration.readiness.queryOptions({ schoolId }));
  if (readiness.isPending) return <Skeleton className="h-24 w-full" aria-label="Counting readiness" />;
  if (readiness.error) return <p className="text-sm text-destructive">The readiness numbers couldn&apos;t be counted: {readiness.error.message}</p>;
  const r = readiness.data;
  return (
    <div className="grid gap-3">
      <p role="status" className="text-sm font-medium" aria-label="Migration forecast">
        If you migrated today, {plural(r.pupilsNeedingReview, "pupil", "pupils")} of {r.pupils.toLocaleString("en-GB")} would need review
        {r.pupilsNeedingReview === 0 ? ": every pupil would keep their record automatically." : "."}
        {!r.upnShared && r.pupils > 0 ? " Without the UPN shared, every pupil does." : ""}
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        <ReadinessList title="Pupils without a UPN" fix="Add their UPN in the MIS." listed={r.pupilsWithoutUpn} />
        <ReadinessList title="Pupils sharing a UPN" fix="Correct the UPN in the MIS: two pupils can't share one." listed={r.pupilsSharingUpn} />
        <ReadinessList title="Staff without a work email" fix="Add a work email in the MIS: it is their sign-in." listed={r.staffWithoutEmail} />
        <ReadinessList title="Staff sharing an email" fix="Give each member of staff their own work email in the MIS." listed={r.staffSharingEmail} />
      </div>
    </div>
  );
}

function ReadinessList({ title, fix, listed }: { title: string; fix: string; listed: Listed }) {
  const label = `${title}: ${listed.count.toLocaleString("en-GB")}`;
  if (listed.count === 0)
    return (
      <p className="rounded-lg border p-3 text-sm" aria-label={label}>
        {title}: <span className="font-medium">none</span>
      </p>
    );
  return (
    <details className="rounded-lg border border-amber-500/50 p-3 text-sm" aria-label={label}>
      <summary className="cursor-pointer">
        {title}: <span className="font-medium">{listed.count.toLocaleString("en-GB")}</span>
      </summary>
      <p className="mt-2 text-muted-foreground">{fix}</p>
      <ul className="mt-1 grid gap-0.5">
        {listed.people.map((p) => (
          <li key={p.id}>
            {p.label}
            {p.detail && <span className="break-all text-muted-foreground"> · {p.detail}</span>}
          </li>
        ))}
        {listed.count > listed.people.length && <li className="text-muted-foreground">and {plural(listed.count - listed.people.length, "other", "others")}</li>}
      </ul>
    </details>
  );
}

/** The planned migration day: a reminder to tell Wonde, a countdown for admins, and the watch from that day. */
export function PlannedDateForm({ schoolId, plannedOn }: { schoolId: string; plannedOn: Date | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const saved = plannedOn ? plannedOn.toISOString().slice(0, 10) : "";
  const readOnly = useReadOnly();
  const [date, setDate] = useState(saved);
  const plan = useMutation(
    trpc.migration.planMigration.mutationOptions({
      onSuccess: async ({ date: on }) => {
        toast.success(on ? "Migration date saved" : "Migration date cleared");
        await queryClient.invalidateQueries({ queryKey: trpc.migration.pathKey() });
      },
      onError: (error) => toast.error("The date couldn't be saved", { description: error.message }),
    }),
  );
  return (
    <form
      className="grid gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        plan.mutate({ schoolId, date: date || null });
      }}
    >
      <Label htmlFor="planned-migration">Planned migration date</Label>
      <p id="planned-migration-help" className="text-sm text-muted-foreground">
        The guide&apos;s first step: email <a href="mailto:support@wonde.com" className="underline underline-offset-4">support@wonde.com</a> with this date so Wonde can support
        and monitor the sync. Staffroom shows admins a countdown, and from that day checks every hour for the move.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Input id="planned-migration" type="date" readOnly={readOnly} value={date} onChange={(event) => setDate(event.target.value)} aria-describedby="planned-migration-help" className="w-44" />
        {!readOnly && (
          <Button type="submit" size="sm" disabled={plan.isPending || date === saved}>
            Save date
          </Button>
        )}
        {saved && !readOnly && (
          <Button type="button" size="sm" variant="ghost" disabled={plan.isPending} onClick={() => plan.mutate({ schoolId, date: null }, { onSuccess: () => setDate("") })}>
            Clear
          </Button>
        )}
      </div>
    </form>
  );
}
