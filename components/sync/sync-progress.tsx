"use client";
import Link from "next/link";
import { AlertCircle, AlertTriangle, CheckCircle2, Loader2, PauseCircle } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Progress } from "@/components/ui/progress";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import { SYNC_ENTITIES, describeQuarantined, hasWarnings, readCounts, readProgress, type SyncRun } from "./run-shape";
import { useSync } from "./sync-context";

/**
 * The live progress of the sync on screen (one bar per list), then its outcome. Nothing is
 * shown when no sync has been followed from this page and the last one went well.
 */
export function SyncProgress() {
  const { run, active, refreshing, starting, startError, watched, timezone } = useSync();
  const needsAttention = run?.status === "FAILED" || run?.status === "PAUSED";
  if (!starting && !startError && !(run && (active || watched || needsAttention))) return null;

  return (
    <section role="status" aria-label="Sync progress" aria-busy={active || starting} className="mb-6 rounded-lg border p-4">
      {startError ? (
        <SyncProblem title="The sync couldn't start" message={startError} />
      ) : starting && !active ? (
        <p className="flex items-center gap-2 text-sm">
          <Loader2 className="size-4 animate-spin" aria-hidden /> Starting the sync…
        </p>
      ) : run && active ? (
        <RunningRun run={run} refreshing={refreshing} />
      ) : run?.status === "SUCCEEDED" ? (
        <FinishedRun run={run} timezone={timezone} />
      ) : run?.status === "PAUSED" ? (
        <Alert role="none">
          <PauseCircle aria-hidden />
          <AlertTitle>The sync is paused</AlertTitle>
          <AlertDescription>
            <p>{run.error ?? "Your school's MIS has changed. Review the migration before syncing again."}</p>
            <p>
              <Link href="/migration" className="font-medium underline underline-offset-4">
                Open Migration
              </Link>
            </p>
          </AlertDescription>
        </Alert>
      ) : run ? (
        <SyncProblem title="The last sync didn't finish" message={run.error ?? "Something went wrong while reading your MIS."} when={run.finishedAt ? formatDateTime(run.finishedAt, timezone) : null} />
      ) : null}
    </section>
  );
}

function RunningRun({ run, refreshing }: { run: SyncRun; refreshing: boolean }) {
  const progress = readProgress(run);
  return (
    <div className="grid gap-3">
      <p className="flex items-center gap-2 text-sm font-medium">
        <Loader2 className="size-4 animate-spin" aria-hidden />
        {refreshing ? "Updating the lists…" : run.status === "QUEUED" ? "Waiting for the sync to start…" : `${run.mode === "full" ? "Full sync" : "Syncing changes"} from your MIS…`}
      </p>
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {SYNC_ENTITIES.map(({ key, label }) => {
          const entry = progress[key];
          const total = entry?.total ?? null;
          const done = entry?.done ?? 0;
          const percent = total ? Math.min(100, Math.round((done / total) * 100)) : null;
          const text = !entry ? "Not started" : total !== null ? `${done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")}` : `${done.toLocaleString("en-GB")} so far`;
          return (
            <li key={key} className="grid gap-1.5">
              <div className="flex justify-between text-sm">
                <span>{label}</span>
                <span className="text-muted-foreground tabular-nums">{text}</span>
              </div>
              <Progress
                value={percent ?? (entry ? null : 0)}
                aria-label={`${label} progress`}
                aria-valuetext={text}
                className={cn(entry && percent === null && "animate-pulse bg-primary/40")}
              />
            </li>
          );
        })}
      </ul>
      <p className="text-xs text-muted-foreground">You can leave this page: the sync carries on, and its progress is here when you come back.</p>
    </div>
  );
}

function FinishedRun({ run, timezone }: { run: SyncRun; timezone: string }) {
  const counts = readCounts(run);
  return (
    <div className="grid gap-3">
      <p className="flex items-center gap-2 text-sm font-medium">
        <CheckCircle2 className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden />
        {hasWarnings(run) ? "Synced with warnings" : "Sync finished"}
        {run.finishedAt && <> at {formatDateTime(run.finishedAt, timezone)}</>}
      </p>
      {hasWarnings(run) && (
        <p className="text-sm">
          {run.quarantined} record{run.quarantined === 1 ? "" : "s"} could not be read from your MIS and {run.quarantined === 1 ? "was" : "were"} skipped; everything else was synced. They are listed below.
        </p>
      )}
      <Table aria-label="Sync outcome" className="max-w-2xl">
        <TableHeader>
          <TableRow>
            <TableHead>List</TableHead>
            <TableHead className="text-right">New</TableHead>
            <TableHead className="text-right">Updated</TableHead>
            <TableHead className="text-right">Archived</TableHead>
            <TableHead className="text-right">Unchanged</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {SYNC_ENTITIES.map(({ key, label }) => (
            <TableRow key={key}>
              <TableCell>{label}</TableCell>
              <TableCell className="text-right tabular-nums">{counts[key].created}</TableCell>
              <TableCell className="text-right tabular-nums">{counts[key].updated}</TableCell>
              <TableCell className="text-right tabular-nums">{counts[key].archived}</TableCell>
              <TableCell className="text-right tabular-nums">{counts[key].unchanged}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * The records the sync is skipping because it could not read them, in plain English.
 * Each is tried again at every sync and disappears from here once it can be read.
 */
export function SkippedRecords() {
  const { quarantine } = useSync();
  if (quarantine.total === 0) return null;
  return (
    <section aria-labelledby="skipped-records" className="mb-6 rounded-lg border border-amber-300 p-4 dark:border-amber-700">
      <h2 id="skipped-records" className="flex items-center gap-2 text-sm font-medium">
        <AlertTriangle className="size-4 text-amber-600 dark:text-amber-400" aria-hidden />
        {quarantine.total} record{quarantine.total === 1 ? "" : "s"} from your MIS could not be read
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        Staffroom skipped {quarantine.total === 1 ? "it" : "them"} and synced everything else. Each sync tries again; correct the record in your MIS if it keeps
        appearing here.
      </p>
      <ul className="mt-3 grid gap-1.5 text-sm">
        {quarantine.rows.map((record) => (
          <li key={record.id} className="break-words">
            {describeQuarantined(record)}
          </li>
        ))}
      </ul>
      {quarantine.total > quarantine.rows.length && <p className="mt-2 text-sm text-muted-foreground">and {quarantine.total - quarantine.rows.length} more.</p>}
    </section>
  );
}

function SyncProblem({ title, message, when }: { title: string; message: string; when?: string | null }) {
  return (
    <Alert variant="destructive" role="none">
      <AlertCircle aria-hidden />
      <AlertTitle>
        {title}
        {when && <span className="font-normal"> ({when})</span>}
      </AlertTitle>
      <AlertDescription>
        <p>{message}</p>
        <p>
          Check the connection in{" "}
          <Link href="/settings" className="font-medium underline underline-offset-4">
            Settings
          </Link>
          , then press Sync Data again.
        </p>
      </AlertDescription>
    </Alert>
  );
}
