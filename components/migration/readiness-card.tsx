"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, TriangleAlert } from "lucide-react";
import { toast } from "sonner";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { useTRPC } from "@/lib/trpc";
import { PlannedDateForm, ReadinessNumbers } from "./readiness-numbers";
import { useReadOnly } from "@/components/layout/read-only";

const UPN_SCOPE = "Student UPN read";

/**
 * Is the school ready for its next MIS change: UPN shared, the numbers that decide scenario A or B,
 * the planned date, and whether a clean migration should apply itself?
 */
export function ReadinessCard({ schoolId, autoApply, plannedOn }: { schoolId: string; autoApply: boolean; plannedOn: Date | null }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Ready for an MIS change</h2>
        </CardTitle>
        <CardDescription>Pupils keep their Staffroom record through a migration when Wonde shares their UPN.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <UpnReadiness schoolId={schoolId} />
        <ReadinessNumbers schoolId={schoolId} />
        <PlannedDateForm schoolId={schoolId} plannedOn={plannedOn} />
        <AutoApplySwitch schoolId={schoolId} autoApply={autoApply} />
      </CardContent>
    </Card>
  );
}

/** Green when "Student UPN read" is approved in Wonde; otherwise the warning and what it costs. */
export function UpnReadiness({ schoolId }: { schoolId: string }) {
  const trpc = useTRPC();
  const settings = useQuery(trpc.wonde.settings.queryOptions({ schoolId }));
  if (settings.isPending) return <Skeleton className="h-10 w-full max-w-lg" aria-label="Checking the UPN permission" />;
  if (settings.error) return <p className="text-sm text-destructive">The Wonde permissions couldn&apos;t be checked: {settings.error.message}</p>;
  if (!settings.data.connected)
    return (
      <p className="text-sm text-muted-foreground">
        Wonde isn&apos;t connected yet.{" "}
        <Link href="/settings" className="underline underline-offset-4">
          Connect Wonde in Settings
        </Link>{" "}
        to check this school is ready.
      </p>
    );
  const missing = settings.data.missingScopes.find((s) => s.scope === UPN_SCOPE);
  if (!missing)
    return (
      <p className="flex items-center gap-2 text-sm font-medium" role="status">
        <CheckCircle2 className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden /> Ready: UPN shared
      </p>
    );
  return (
    <div role="status" className="grid gap-1 rounded-lg border border-amber-500/50 bg-amber-50 p-3 text-sm dark:bg-amber-950/40">
      <p className="flex items-center gap-2 font-medium">
        <TriangleAlert className="size-4 text-amber-600 dark:text-amber-400" aria-hidden />
        UPN not shared: approve &ldquo;{UPN_SCOPE}&rdquo; in the Wonde portal
      </p>
      <p className="text-muted-foreground">{missing.cost}</p>
    </div>
  );
}

function AutoApplySwitch({ schoolId, autoApply }: { schoolId: string; autoApply: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const overviewKey = trpc.migration.get.queryKey({ schoolId });
  const readOnly = useReadOnly();
  const setAutoApply = useMutation(
    trpc.migration.setAutoApply.mutationOptions({
      onSuccess: ({ autoApply: on }) => {
        queryClient.setQueryData(overviewKey, (old) => (old ? { ...old, school: { ...old.school, autoApplyMigrations: on } } : old));
        toast.success(on ? "Migrations will apply automatically when nobody needs review" : "Migrations will wait for you to apply them");
      },
      onError: (error) => toast.error("The setting couldn't be saved", { description: error.message }),
    }),
  );
  const checked = setAutoApply.isPending ? setAutoApply.variables.autoApply : autoApply;
  return (
    <div className="flex items-start gap-3">
      <Switch
        id="auto-apply"
        checked={checked}
        disabled={setAutoApply.isPending || readOnly}
        onCheckedChange={(on) => setAutoApply.mutate({ schoolId, autoApply: on })}
        aria-describedby="auto-apply-help"
        className="mt-0.5"
      />
      <div className="grid gap-1">
        <Label htmlFor="auto-apply">Apply automatically when nobody needs review</Label>
        <p id="auto-apply-help" className="text-sm text-muted-foreground">
          When everyone is either matched by a strong rule (same Wonde id, UPN, work email, staff code) or clearly new, Staffroom applies the migration itself and syncing
          carries on. If anyone needs review, it always waits for you here.
        </p>
      </div>
    </div>
  );
}
