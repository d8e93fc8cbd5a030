"use client";
import { useQuery } from "@tanstack/react-query";
import { AlertCircle, ArrowRightLeft, Loader2 } from "lucide-react";
import { EmptyState } from "@/components/layout/empty-state";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { useSync } from "@/components/sync/sync-context";
import { SyncProgress } from "@/components/sync/sync-progress";
import { useTRPC } from "@/lib/trpc";
import { ApplyCard } from "./apply-card";
import { MigrationReport } from "./migration-report";
import { MigrationSkeleton } from "./migration-skeleton";
import { PeopleList } from "./people-list";
import { PlannedMigrationBanner } from "./planned-banner";
import { PreviewChanges, PreviewCounts, PreviewWarnings } from "./preview-counts";
import { ReadinessCard } from "./readiness-card";
import { StatusBanner } from "./status-banner";
import type { MigrationOverview } from "./types";

/** While Staffroom prepares or applies a migration, the page checks back this often. */
const POLL_MS = 3000;

/**
 * The Migration page's body, by the school's latest migration: none yet (what happens and
 * whether the school is ready), open (status, preview, review queue, apply), or applied (the
 * report). The follow-up sync's progress shows above whichever is on screen.
 */
export function MigrationView({ schoolId, timezone, initial }: { schoolId: string; timezone: string; initial: MigrationOverview }) {
  const trpc = useTRPC();
  // While a migration is open the banner already says syncing is paused; a sync shows here only while it runs.
  const { active: syncing } = useSync();
  const overview = useQuery(
    trpc.migration.get.queryOptions(
      { schoolId },
      {
        initialData: initial,
        refetchInterval: (query) => {
          const status = query.state.data?.migration?.status;
          return status === "DETECTED" || status === "APPLYING" ? POLL_MS : false;
        },
      },
    ),
  );

  if (overview.isPending) return <MigrationSkeleton />;
  if (overview.error)
    return (
      <Alert variant="destructive">
        <AlertCircle aria-hidden />
        <AlertTitle>The migration couldn&apos;t be loaded</AlertTitle>
        <AlertDescription>{overview.error.message}</AlertDescription>
      </Alert>
    );

  const { school, migration } = overview.data;
  const readiness = <ReadinessCard schoolId={schoolId} autoApply={school.autoApplyMigrations} plannedOn={school.plannedMigrationOn} />;

  if (!migration || migration.status === "CANCELLED")
    return (
      <div className="grid gap-6">
        <PlannedMigrationBanner plannedOn={school.plannedMigrationOn} timezone={timezone} showLink={false} />
        <SyncProgress />
        <EmptyState icon={ArrowRightLeft} title="No MIS migration so far">
          <div className="grid gap-2 text-left">
            <p>
              When your school changes MIS (say from SIMS to Arbor), Wonde gives every pupil and member of staff new ids. Staffroom notices from Wonde (a migration notice,
              the MIS name changing, or most ids changing at once) and <strong>pauses syncing</strong>, so nobody is duplicated and nobody loses their incidents, account or
              sign-in links.
            </p>
            <p>
              You then see here who is who: pupils are matched by UPN, staff by work email or staff code. You check anything uncertain and apply the migration, and syncing
              carries on.
            </p>
          </div>
        </EmptyState>
        {readiness}
      </div>
    );

  if (migration.status === "APPLIED")
    return (
      <>
        <SyncProgress />
        {migration.report ? (
          <MigrationReport migration={migration} report={migration.report} timezone={timezone} />
        ) : (
          <p className="mb-8 text-sm text-muted-foreground">The migration was applied, but its report wasn&apos;t recorded.</p>
        )}
        {readiness}
      </>
    );

  return (
    <>
      <StatusBanner migration={migration} timezone={timezone} />
      {syncing && <SyncProgress />}
      {migration.status === "DETECTED" || !migration.summary ? (
        <p role="status" className="flex items-center gap-2 rounded-lg border p-4 text-sm">
          <Loader2 className="size-4 animate-spin" aria-hidden /> Preparing the preview: Staffroom is reading everyone in {migration.toMis ?? "the new MIS"} and working out who is
          who. Nothing changes until you apply. This page updates by itself.
        </p>
      ) : (
        <>
          <PreviewWarnings warnings={migration.summary.warnings} />
          <PreviewCounts summary={migration.summary} toMis={migration.toMis} />
          <PreviewChanges summary={migration.summary} />
          <PeopleList schoolId={schoolId} migration={migration} summary={migration.summary} />
          <ApplyCard schoolId={schoolId} migration={migration} summary={migration.summary} />
        </>
      )}
    </>
  );
}
