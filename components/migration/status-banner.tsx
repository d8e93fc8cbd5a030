import { ArrowRightLeft, Loader2, PauseCircle } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { formatDateTime } from "@/lib/format";
import { DETECTED_BY, movedSentence, plural } from "./migration-text";
import type { Migration } from "./types";

/** The open migration's headline: what moved, when, how we noticed, and that syncing is paused. */
export function StatusBanner({ migration, timezone }: { migration: Migration; timezone: string }) {
  const Icon = migration.status === "APPLYING" ? Loader2 : PauseCircle;
  const next =
    migration.status === "DETECTED"
      ? "Staffroom is reading the new MIS to prepare a preview."
      : migration.status === "APPLYING"
        ? "The migration is being applied."
        : migration.toReview > 0
          ? `${plural(migration.toReview, "person needs", "people need")} your review below, then apply it.`
          : "Check the preview below, then apply it.";
  return (
    <Alert role="status" className="mb-6 border-amber-500/50 bg-amber-50 dark:bg-amber-950/40" aria-labelledby="migration-status-title">
      <Icon className={migration.status === "APPLYING" ? "animate-spin" : undefined} aria-hidden />
      <AlertTitle id="migration-status-title" className="line-clamp-none">
        {movedSentence(migration, timezone)} Syncing is paused until you apply this migration.
      </AlertTitle>
      <AlertDescription>
        <p>{next}</p>
        <p className="flex flex-wrap items-center gap-1 text-xs">
          <ArrowRightLeft className="size-3" aria-hidden />
          Detected {formatDateTime(migration.detectedAt, timezone)}: {DETECTED_BY[migration.detectedBy] ?? migration.detectedBy}.
        </p>
      </AlertDescription>
    </Alert>
  );
}
