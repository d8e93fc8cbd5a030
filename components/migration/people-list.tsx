"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Archive, CheckCircle2, UserPlus, UsersRound, type LucideIcon } from "lucide-react";
import type { DataTableColumn } from "@/components/data-table/data-table";
import { SearchableTable } from "@/components/data-table/searchable-table";
import { pickParam, useListParams } from "@/components/data-table/use-list-params";
import { EmptyState } from "@/components/layout/empty-state";
import { Badge } from "@/components/ui/badge";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { useTRPC } from "@/lib/trpc";
import { KINDS, OUTCOMES, plural, type Outcome } from "./migration-text";
import { ReviewChoice } from "./review-choice";
import { matchedTotal, type Candidate, type KindSummary, type Migration, type MigrationSummary } from "./types";

const PAGE_SIZE = 25;
const ALL_KINDS = "all";

const OUTCOME_BADGE: Record<Outcome, { variant: "secondary" | "outline" | "destructive" | "default"; label: string }> = {
  MATCHED: { variant: "secondary", label: "Matched" },
  REVIEW: { variant: "default", label: "Needs review" },
  NEW: { variant: "outline", label: "New" },
  ARCHIVE: { variant: "destructive", label: "Will be archived" },
};

const EMPTY: Record<Outcome, { icon: LucideIcon; title: string; text: string }> = {
  REVIEW: { icon: CheckCircle2, title: "Nobody needs review", text: "Everyone in the new MIS was either matched by a strong rule or is clearly new." },
  MATCHED: { icon: UsersRound, title: "Nobody was matched automatically", text: "No record in the new MIS shares a Wonde id, UPN, work email or staff code with anyone here." },
  NEW: { icon: UserPlus, title: "Nobody new", text: "Everyone in the new MIS is someone Staffroom already knows." },
  ARCHIVE: { icon: Archive, title: "Nobody will be archived", text: "Everyone Staffroom knows was found in the new MIS." },
};

function countOf(kind: KindSummary, outcome: Outcome) {
  return outcome === "MATCHED" ? matchedTotal(kind) : outcome === "REVIEW" ? kind.review : outcome === "NEW" ? kind.new : kind.archive;
}

/**
 * Everyone in the preview, by outcome (tabs), kind and name, paginated on the server. The
 * "Needs review" tab is the review queue: each row carries its own choice and save button.
 */
export function PeopleList({ schoolId, migration, summary }: { schoolId: string; migration: Migration; summary: MigrationSummary }) {
  const trpc = useTRPC();
  const { params, setParams, page, search } = useListParams();
  const reviewTotal = summary.pupils.review + summary.staff.review;
  const outcomeParam = pickParam(
    params.get("outcome"),
    OUTCOMES.map((o) => o.param),
    reviewTotal > 0 ? "review" : "matched",
  );
  const outcome = OUTCOMES.find((o) => o.param === outcomeParam)!.value;
  const kindParam = pickParam(params.get("kind"), ["pupils", "staff", ALL_KINDS] as const, ALL_KINDS);
  const kind = KINDS.find((k) => k.param === kindParam);
  const counted = (o: Outcome) => (kind ? countOf(summary[kind.param], o) : countOf(summary.pupils, o) + countOf(summary.staff, o));

  const candidates = useQuery({
    ...trpc.migration.candidates.queryOptions({ schoolId, migrationId: migration.id, outcome, entity: kind?.entity, search: search || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const person: DataTableColumn<Candidate> = {
    id: "person",
    header: "Person",
    cell: (row) => (
      <span className="grid">
        <span className="font-medium">{row.label}</span>
        <span className="text-xs text-muted-foreground">{KINDS.find((k) => k.entity === row.entity)?.singular ?? row.entity}</span>
      </span>
    ),
  };
  const reason: DataTableColumn<Candidate> = {
    id: "reason",
    header: "Why",
    className: "max-w-md whitespace-normal",
    cell: (row) => (
      <span className="grid gap-1">
        {row.rule && <span className="text-xs font-medium">Rule: {row.rule}</span>}
        <span className="text-sm text-muted-foreground">{row.reason}</span>
      </span>
    ),
  };
  const columns: DataTableColumn<Candidate>[] =
    outcome === "REVIEW"
      ? [person, reason, { id: "decision", header: "Your decision", className: "min-w-64 whitespace-normal", cell: (row) => <ReviewChoice schoolId={schoolId} candidate={row} disabled={migration.status !== "PREVIEWED"} /> }]
      : [
          person,
          {
            id: "outcome",
            header: "Outcome",
            cell: (row) => <Badge variant={OUTCOME_BADGE[row.outcome].variant}>{OUTCOME_BADGE[row.outcome].label}</Badge>,
          },
          reason,
        ];
  const empty = EMPTY[outcome];

  return (
    <section aria-labelledby="people-heading" className="mb-8 grid gap-1">
      <h2 id="people-heading" className="text-lg font-semibold">
        Who is who
      </h2>
      <p className="mb-2 text-sm text-muted-foreground">
        {reviewTotal === 0
          ? "Nobody needs review."
          : migration.toReview > 0
            ? `${plural(migration.toReview, "person", "people")} of ${reviewTotal.toLocaleString("en-GB")} in review still ${migration.toReview === 1 ? "needs" : "need"} a decision: choose who each one is, or create them as a new person.`
            : `All ${plural(reviewTotal, "review item is", "review items are")} decided. You can still change a decision until you apply.`}
      </p>
      <SearchableTable
        label="People in the migration preview"
        noun="people"
        searchLabel="Search people in the preview"
        searchPlaceholder="Search by name"
        filterKeys={["kind"]}
        filters={
          <>
            <Tabs value={outcomeParam} onValueChange={(value) => setParams({ outcome: value, page: null })}>
              <TabsList aria-label="Outcome" className="h-auto flex-wrap">
                {OUTCOMES.map((o) => (
                  <TabsTrigger key={o.param} value={o.param}>
                    {o.label} ({counted(o.value).toLocaleString("en-GB")})
                  </TabsTrigger>
                ))}
              </TabsList>
            </Tabs>
            <Select value={kindParam} onValueChange={(value) => setParams({ kind: value === ALL_KINDS ? null : value, page: null })}>
              <SelectTrigger aria-label="Pupils or staff" className="w-44">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ALL_KINDS}>Pupils and staff</SelectItem>
                {KINDS.map((k) => (
                  <SelectItem key={k.param} value={k.param}>
                    {k.label}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </>
        }
        emptyState={
          <EmptyState icon={empty.icon} title={empty.title}>
            {empty.text}
          </EmptyState>
        }
        columns={columns}
        rows={candidates.data?.rows}
        rowKey={(row) => row.id}
        total={candidates.data?.total ?? 0}
        pageSize={PAGE_SIZE}
        isLoading={candidates.isPending}
        isFetching={candidates.isPlaceholderData}
        error={candidates.error?.message}
      />
    </section>
  );
}
