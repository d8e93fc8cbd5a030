"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertCircle, Loader2, Play } from "lucide-react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { useSync } from "@/components/sync/sync-context";
import { useTRPC } from "@/lib/trpc";
import { KINDS, plural } from "./migration-text";
import { matchedTotal, type Migration, type MigrationSummary } from "./types";
import { useReadOnly } from "@/components/layout/read-only";

/**
 * Apply: disabled (and saying why) while anyone needs review; a confirmation that says what
 * will happen; then the apply itself, after which the follow-up full sync shows its progress.
 */
export function ApplyCard({ schoolId, migration, summary }: { schoolId: string; migration: Migration; summary: MigrationSummary }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sync = useSync();
  const readOnly = useReadOnly();
  const apply = useMutation(
    trpc.migration.applyMigration.mutationOptions({
      // The page's SyncProvider follows the follow-up full sync by its id, even if it finishes at once.
      onSuccess: async ({ runId }) => {
        sync.follow(runId);
        toast.success("Migration applied", { description: `Staffroom now reads everything from ${migration.toMis ?? "the new MIS"}; a full sync has started.` });
        // The run first, so the report never shows above the earlier, paused run.
        await queryClient.invalidateQueries(trpc.sync.status.pathFilter());
        await queryClient.invalidateQueries({ queryKey: trpc.migration.pathKey() });
      },
    }),
  );
  const resuming = migration.status === "APPLYING";
  const blocked = migration.toReview > 0 && !resuming;
  const busy = apply.isPending;
  const to = migration.toMis ?? "the new MIS";

  return (
    <Card aria-labelledby="apply-heading" className="mb-8">
      <CardHeader>
        <CardTitle>
          <h2 id="apply-heading">{resuming ? "Finish applying the migration" : "Apply the migration"}</h2>
        </CardTitle>
        <CardDescription>
          {resuming
            ? "The migration started applying but hasn't finished. If it has shown this for more than a few minutes it was interrupted: applying again carries on where it stopped."
            : `Everyone keeps their Staffroom record, incidents, account and sign-in links where a match was found; then syncing resumes from ${to}.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <WhatHappens summary={summary} to={to} />
        {busy && (
          <div role="status" aria-label="Applying the migration" className="grid gap-2">
            <p className="flex items-center gap-2 text-sm font-medium">
              <Loader2 className="size-4 animate-spin" aria-hidden /> Applying the migration: moving everyone to their {to} record…
            </p>
            <Progress value={null} aria-label="Applying the migration" aria-valuetext="In progress" className="animate-pulse bg-primary/40" />
            <p className="text-xs text-muted-foreground">This can take a minute for a large school. You can leave this page: it carries on, and the result is shown here.</p>
          </div>
        )}
        {apply.error && (
          <Alert variant="destructive">
            <AlertCircle aria-hidden />
            <AlertTitle>The migration couldn&apos;t be applied</AlertTitle>
            <AlertDescription>{apply.error.message}</AlertDescription>
          </Alert>
        )}
      </CardContent>
      <CardFooter className="flex flex-wrap items-center gap-3">
        {!readOnly && (
          <AlertDialog>
            <AlertDialogTrigger asChild>
              <Button disabled={blocked || busy} aria-describedby={blocked ? "apply-blocked" : undefined}>
                {busy ? <Loader2 className="animate-spin" aria-hidden /> : <Play aria-hidden />}
                {busy ? "Applying…" : "Apply migration"}
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>
                  Apply the migration{migration.fromMis ? ` from ${migration.fromMis}` : ""} to {to}?
                </AlertDialogTitle>
                <AlertDialogDescription>This can&apos;t be undone. Nobody is deleted: people who aren&apos;t in {to} are archived, with their history kept.</AlertDialogDescription>
              </AlertDialogHeader>
              <WhatHappens summary={summary} to={to} />
              <AlertDialogFooter>
                <AlertDialogCancel>Cancel</AlertDialogCancel>
                <AlertDialogAction onClick={() => apply.mutate({ schoolId, migrationId: migration.id })}>Apply migration</AlertDialogAction>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
        )}
        {blocked && (
          <p id="apply-blocked" className="text-sm text-muted-foreground">
            You can apply once nobody needs review: {plural(migration.toReview, "person is", "people are")} still waiting for a decision in the &ldquo;Needs review&rdquo; tab.
          </p>
        )}
      </CardFooter>
    </Card>
  );
}

/** The summary the card and its confirmation share: per kind, kept, decided in review, new, archived. */
function WhatHappens({ summary, to }: { summary: MigrationSummary; to: string }) {
  return (
    <ul className="grid gap-1.5 text-sm" aria-label="What applying does">
      {KINDS.map(({ param, label }) => {
        const kind = summary[param];
        const parts = [
          `${matchedTotal(kind).toLocaleString("en-GB")} keep their record automatically`,
          kind.review ? `${kind.review.toLocaleString("en-GB")} as you decided in review` : null,
          kind.new ? `${kind.new.toLocaleString("en-GB")} new ${kind.new === 1 ? "record is" : "records are"} created` : "nobody new is created",
          kind.archive ? `up to ${kind.archive.toLocaleString("en-GB")} not in ${to} ${kind.archive === 1 ? "is" : "are"} archived` : "nobody is archived",
        ].filter(Boolean);
        return (
          <li key={param}>
            <span className="font-medium">{label}:</span> {parts.join(", ")}.
          </li>
        );
      })}
      <li className="text-muted-foreground">Then a full sync reads everyone from {to}, and syncing carries on as normal.</li>
    </ul>
  );
}
