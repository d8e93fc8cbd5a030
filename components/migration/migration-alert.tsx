import Link from "next/link";
import { ArrowRight, PauseCircle } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { isOpenMigration, movedSentence, plural } from "./migration-text";
import { PlannedMigrationBanner } from "./planned-banner";
import type { MigrationOverview } from "./types";

/** The dashboard's alert while a migration is open (syncing is paused until it is applied), else the countdown to a planned one. */
export function MigrationAlert({ overview, timezone }: { overview: MigrationOverview; timezone: string }) {
  const migration = overview.migration;
  if (!migration || !isOpenMigration(migration.status)) return <PlannedMigrationBanner plannedOn={overview.school.plannedMigrationOn} timezone={timezone} />;
  const next =
    migration.status === "APPLYING"
      ? "The migration is being applied."
      : migration.status === "DETECTED"
        ? "Staffroom is preparing a preview of who is who."
        : migration.toReview > 0
          ? `${plural(migration.toReview, "person needs", "people need")} your review before it can be applied.`
          : "The preview is ready to check and apply.";
  return (
    <Alert className="mb-6 border-amber-500/50 bg-amber-50 dark:bg-amber-950/40">
      <PauseCircle aria-hidden />
      <AlertTitle className="line-clamp-none">{movedSentence(migration, timezone)} Syncing is paused until you apply this migration.</AlertTitle>
      <AlertDescription>
        <p>{next}</p>
        <Button asChild size="sm" className="mt-1">
          <Link href="/migration">
            Review the migration <ArrowRight aria-hidden />
          </Link>
        </Button>
      </AlertDescription>
    </Alert>
  );
}
