import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import { nextScheduledSync, type SyncSchedule } from "@/lib/sync-schedule";
import { syncTriggerLabel } from "@/lib/sync-trigger";
import { hasWarnings, type SyncStatus } from "./run-shape";

/** A sync run's status as a badge (here and on the trust dashboard). */
export const SYNC_STATUS_BADGES: Record<NonNullable<SyncStatus["run"]>["status"], { label: string; variant: "secondary" | "outline" | "destructive" }> = {
  QUEUED: { label: "Waiting to start", variant: "outline" },
  RUNNING: { label: "Syncing now", variant: "outline" },
  SUCCEEDED: { label: "Succeeded", variant: "secondary" },
  FAILED: { label: "Failed", variant: "destructive" },
  PAUSED: { label: "Paused", variant: "outline" },
};

/** The dashboard's one-glance sync status: when it last worked, when it runs next, how the latest run went, and any problem. */
export function SyncSummary({ status, schoolId, timezone, schedule }: { status: SyncStatus; schoolId: string; timezone: string; schedule?: SyncSchedule }) {
  const { run, lastSucceededAt } = status;
  const next = schedule ? nextScheduledSync(schoolId, schedule) : null;
  return (
    <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-1.5">
      <dt className="text-muted-foreground">Last synced</dt>
      <dd>{lastSucceededAt ? <time dateTime={lastSucceededAt.toISOString()}>{formatDateTime(lastSucceededAt, timezone)}</time> : "Never"}</dd>
      {schedule && (
        <>
          <dt className="text-muted-foreground">Next sync</dt>
          <dd>
            {next ? (
              <time dateTime={next.toISOString()}>{formatDateTime(next, timezone)}</time>
            ) : (
              <span>
                Not scheduled.{" "}
                <Link href="/settings" className="underline underline-offset-4">
                  Set a schedule
                </Link>
              </span>
            )}
          </dd>
        </>
      )}
      <dt className="text-muted-foreground">Latest sync</dt>
      <dd className="flex flex-wrap items-center gap-2">
        {run ? (
          <>
            <Badge variant={SYNC_STATUS_BADGES[run.status].variant}>{hasWarnings(run) ? `Synced with warnings (${run.quarantined} skipped)` : SYNC_STATUS_BADGES[run.status].label}</Badge>
            <span className="text-muted-foreground">
              {run.mode === "full" ? "Full" : "Changes only"}, {syncTriggerLabel(run.trigger, run.startedBy)}
            </span>
          </>
        ) : (
          <span>
            None yet.{" "}
            <Link href="/staff" className="underline underline-offset-4">
              Press Sync Data on the Staff page
            </Link>
          </span>
        )}
      </dd>
      {(run?.status === "FAILED" || run?.status === "PAUSED") && run.error && (
        <>
          <dt className="text-muted-foreground">{run.status === "PAUSED" ? "Needs you" : "Problem"}</dt>
          <dd className={run.status === "FAILED" ? "text-destructive" : undefined}>
            {run.error}{" "}
            <Link href={run.status === "PAUSED" ? "/migration" : "/settings"} className="underline underline-offset-4">
              {run.status === "PAUSED" ? "Open Migration" : "Open Settings"}
            </Link>
          </dd>
        </>
      )}
    </dl>
  );
}
