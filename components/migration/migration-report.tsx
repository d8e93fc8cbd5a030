"use client";
import Link from "next/link";
import { CheckCircle2, ExternalLink, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import { isoDateInZone, KINDS, movedSentence, plural } from "./migration-text";
import type { Migration, MigrationReport as Report } from "./types";
import { useStoredChecklist } from "./use-stored-checklist";

/** How many of the people created since the migration the report lists before pointing to the Activity log. */
const CREATED_SHOWN = 10;

/** After the migration: MyLogin's scenario A/B check, what happened to whom, and what is left to do. */
export function MigrationReport({ migration, report, timezone }: { migration: Migration; report: Report; timezone: string }) {
  const since = migration.migratedAt ?? migration.detectedAt;
  const activityHref = `/activity?action=${encodeURIComponent("User Created")}&from=${isoDateInZone(since, timezone)}`;
  return (
    <div className="mb-8 grid gap-6">
      <p className="text-sm text-muted-foreground">
        {movedSentence(migration, timezone)} The migration was applied{migration.appliedAt ? ` on ${formatDateTime(migration.appliedAt, timezone)}` : ""}, and syncing has resumed.
      </p>
      <VerdictCard report={report} />
      <OutcomeTable report={report} />
      <div className="grid gap-6 lg:grid-cols-2">
        <CreatedSince report={report} activityHref={activityHref} />
        <EmailChanges report={report} />
      </div>
      <Todo migrationId={migration.id} items={report.todo} />
    </div>
  );
}

/** The server's sentence starts "Scenario A: …", which the card's heading already says. */
function withoutScenarioPrefix(text: string) {
  const rest = text.replace(/^Scenario [AB]:\s*/, "");
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

function VerdictCard({ report }: { report: Report }) {
  const a = report.verdict === "A";
  const Icon = a ? CheckCircle2 : TriangleAlert;
  return (
    <Card
      aria-labelledby="verdict-heading"
      className={cn(a ? "border-emerald-500/50 bg-emerald-50 dark:bg-emerald-950/30" : "border-amber-500/50 bg-amber-50 dark:bg-amber-950/40")}
    >
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Icon className={cn("size-5", a ? "text-emerald-600 dark:text-emerald-400" : "text-amber-600 dark:text-amber-400")} aria-hidden />
          <h2 id="verdict-heading">{a ? "Scenario A: identities kept" : "Scenario B: identities reset"}</h2>
        </CardTitle>
        <CardDescription className="text-foreground">{withoutScenarioPrefix(report.verdictText)}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2 text-sm text-muted-foreground">
        <p>{a ? "No action is needed for pupils: their passwords, login cards and sign-in links carry on." : "The pupils created as new need their credentials and sign-in links again (see Still to do):"}</p>
        {report.newPupils.length > 0 && (
          <ul className="list-disc pl-5 text-foreground" aria-label="Pupils created as new">
            {report.newPupils.slice(0, CREATED_SHOWN).map((name) => (
              <li key={name}>{name}</li>
            ))}
            {report.newPupils.length > CREATED_SHOWN && <li className="text-muted-foreground">and {plural(report.newPupils.length - CREATED_SHOWN, "other", "others")}</li>}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function OutcomeTable({ report }: { report: Report }) {
  return (
    <section aria-labelledby="outcome-heading" className="grid gap-3">
      <h2 id="outcome-heading" className="text-lg font-semibold">
        What happened
      </h2>
      <div className="rounded-lg border">
        <Table aria-label="Migration outcome">
          <TableHeader>
            <TableRow>
              <TableHead />
              <TableHead className="text-right">Kept automatically</TableHead>
              <TableHead className="text-right">Kept after review</TableHead>
              <TableHead className="text-right">Created as new</TableHead>
              <TableHead className="text-right">Archived</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {KINDS.map(({ param, label }) => {
              const c = report.counts[param];
              return (
                <TableRow key={param}>
                  <TableHead scope="row" className="font-medium text-foreground">
                    {label}
                  </TableHead>
                  <TableCell className="text-right tabular-nums">{c.keptAutomatically.toLocaleString("en-GB")}</TableCell>
                  <TableCell className="text-right tabular-nums">{c.keptAfterReview.toLocaleString("en-GB")}</TableCell>
                  <TableCell className="text-right tabular-nums">{c.created.toLocaleString("en-GB")}</TableCell>
                  <TableCell className="text-right tabular-nums">{c.archived.toLocaleString("en-GB")}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

function CreatedSince({ report, activityHref }: { report: Report; activityHref: string }) {
  const people = report.createdSince;
  const kindLabel = (kind: string | null) => (kind === "PUPIL" ? "Pupil" : kind === "STAFF" ? "Staff" : null);
  return (
    <Card aria-labelledby="created-heading">
      <CardHeader>
        <CardTitle>
          <h2 id="created-heading">Created since the migration ({people.length.toLocaleString("en-GB")})</h2>
        </CardTitle>
        <CardDescription>
          What MyLogin&apos;s check looks at: who shows as &ldquo;User Created&rdquo; (a person first appearing in Staffroom, once each) in the Activity log since the migration
          date. New login accounts show as &ldquo;Account Created&rdquo; instead.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {people.length === 0 ? (
          <p className="text-sm text-muted-foreground">Nobody: everyone kept their record.</p>
        ) : (
          <ul className="grid gap-1.5 text-sm" aria-label="People created since the migration">
            {people.slice(0, CREATED_SHOWN).map((person) => (
              <li key={person.personId} className="flex items-center justify-between gap-2">
                {person.kind === "STAFF" ? (
                  <Link href={`/staff/${person.personId}`} className="underline-offset-4 hover:underline">
                    {person.label}
                  </Link>
                ) : (
                  <span>{person.label}</span>
                )}
                {kindLabel(person.kind) && <Badge variant="outline">{kindLabel(person.kind)}</Badge>}
              </li>
            ))}
            {people.length > CREATED_SHOWN && <li className="text-muted-foreground">and {plural(people.length - CREATED_SHOWN, "other", "others")}</li>}
          </ul>
        )}
        <Button asChild variant="outline" className="w-fit">
          <Link href={activityHref}>
            <ExternalLink aria-hidden /> See &ldquo;User Created&rdquo; in the Activity log
          </Link>
        </Button>
      </CardContent>
    </Card>
  );
}

function EmailChanges({ report }: { report: Report }) {
  const changes = report.emailChanges;
  return (
    <Card aria-labelledby="emails-heading">
      <CardHeader>
        <CardTitle>
          <h2 id="emails-heading">Work emails that changed ({changes.length.toLocaleString("en-GB")})</h2>
        </CardTitle>
        <CardDescription>Their sign-in followed the new address; the old one no longer works. They and the admins were emailed.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {changes.length === 0 ? (
          <p className="text-sm text-muted-foreground">None: every kept member of staff has the same work email.</p>
        ) : (
          <ul className="grid gap-2 text-sm" aria-label="Work emails that changed">
              {changes.map((change) => (
                <li key={change.personId} className="grid">
                  <span className="font-medium">{change.label}</span>
                  <span className="break-all text-muted-foreground">
                    {change.from ?? "no email"} → {change.to ?? "no email"}
                  </span>
                </li>
              ))}
          </ul>
        )}
        {report.emailsWaiting.length > 0 && (
          <div className="grid gap-1 text-sm">
            <p className="font-medium text-amber-700 dark:text-amber-400">Waiting for you: another account already signs in with the new address</p>
            <ul className="grid gap-1" aria-label="Sign-in emails waiting">
              {report.emailsWaiting.map((w) => (
                <li key={w.to + w.label} className="break-all text-muted-foreground">
                  {w.label}: {w.from} → {w.to}
                </li>
              ))}
            </ul>
            <Link href="/matching" className="font-medium underline underline-offset-4">
              Decide on User matching
            </Link>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

// The to-do item server/migrations/report.ts writes for scenario B; Settings → Pupil sign-in does it.
const REISSUE_TODO = "Re-issue login credentials";

function Todo({ migrationId, items }: { migrationId: string; items: string[] }) {
  const { ticked, toggle } = useStoredChecklist(`staffroom:migration-todo:${migrationId}`);
  return (
    <Card aria-labelledby="todo-heading">
      <CardHeader>
        <CardTitle>
          <h2 id="todo-heading">Still to do</h2>
        </CardTitle>
        <CardDescription>Tick each item off as you go; this browser remembers where you got to.</CardDescription>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <p className="flex items-center gap-2 text-sm">
            <CheckCircle2 className="size-4 text-emerald-600 dark:text-emerald-400" aria-hidden /> Nothing: the migration needs no follow-up.
          </p>
        ) : (
          <ul className="grid gap-3" aria-label="Still to do">
            {items.map((item, index) => (
              <li key={item} className="flex items-start gap-3">
                <Checkbox id={`todo-${index}`} checked={ticked.has(item)} onCheckedChange={(on) => toggle(item, on === true)} className="mt-0.5" />
                <Label htmlFor={`todo-${index}`} className={cn("leading-snug font-normal", ticked.has(item) && "text-muted-foreground line-through")}>
                  {item}
                </Label>
                {item.startsWith(REISSUE_TODO) && (
                  <Link href="/settings/pupil-sign-in" className="shrink-0 text-sm underline underline-offset-4">
                    Re-issue now
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
