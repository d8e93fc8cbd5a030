import { GraduationCap, TriangleAlert, Users, type LucideIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { plural } from "./migration-text";
import { matchedTotal, type KindSummary, type MigrationSummary } from "./types";

/** The preview's warnings, prominently, before anything else. */
export function PreviewWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert variant="destructive" className="mb-6">
      <TriangleAlert aria-hidden />
      <AlertTitle>Before you apply</AlertTitle>
      <AlertDescription>
        <ul className="grid list-disc gap-1 pl-4">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      </AlertDescription>
    </Alert>
  );
}

/** What the dry run proposes, per kind: matched by each rule, to review, new, and to be archived. */
export function PreviewCounts({ summary, toMis }: { summary: MigrationSummary; toMis: string | null }) {
  return (
    <section aria-labelledby="preview-heading" className="mb-8 grid gap-3">
      <h2 id="preview-heading" className="text-lg font-semibold">
        Preview
      </h2>
      <p className="text-sm text-muted-foreground">Nothing has changed yet. This is who Staffroom thinks each person in {toMis ?? "the new MIS"} is, and why.</p>
      <div className="grid gap-4 md:grid-cols-2">
        <KindCard title="Pupils" icon={GraduationCap} kind={summary.pupils} />
        <KindCard title="Staff" icon={Users} kind={summary.staff} />
      </div>
    </section>
  );
}

function KindCard({ title, icon: Icon, kind }: { title: string; icon: LucideIcon; kind: KindSummary }) {
  const rules = Object.entries(kind.matched).sort(([, a], [, b]) => b - a);
  const matched = matchedTotal(kind);
  return (
    <Card aria-labelledby={`preview-${title}`}>
      <CardHeader>
        <CardTitle id={`preview-${title}`} className="flex items-center gap-2">
          <Icon className="size-4 text-muted-foreground" aria-hidden /> {title}
        </CardTitle>
        <CardDescription>{plural(matched + kind.review + kind.new, "record", "records")} in the new MIS</CardDescription>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1.5 text-sm" aria-label={`${title} preview counts`}>
          <dt className="font-medium">Matched automatically</dt>
          <dd className="text-right font-medium tabular-nums">{matched.toLocaleString("en-GB")}</dd>
          {rules.length === 0 ? (
            <>
              <dt className="pl-4 text-muted-foreground">by any rule</dt>
              <dd className="text-right tabular-nums text-muted-foreground">0</dd>
            </>
          ) : (
            rules.map(([rule, count]) => (
              <div key={rule} className="contents">
                <dt className="pl-4 text-muted-foreground">by {rule}</dt>
                <dd className="text-right tabular-nums text-muted-foreground">{count.toLocaleString("en-GB")}</dd>
              </div>
            ))
          )}
          <dt className={kind.review ? "font-medium text-amber-700 dark:text-amber-400" : undefined}>Needs review</dt>
          <dd className={kind.review ? "text-right font-medium tabular-nums text-amber-700 dark:text-amber-400" : "text-right tabular-nums"}>{kind.review.toLocaleString("en-GB")}</dd>
          <dt>New</dt>
          <dd className="text-right tabular-nums">{kind.new.toLocaleString("en-GB")}</dd>
          <dt>To be archived</dt>
          <dd className="text-right tabular-nums">{kind.archive.toLocaleString("en-GB")}</dd>
        </dl>
      </CardContent>
    </Card>
  );
}

/** What else the preview found: staff whose sign-in email changes, and classes or subjects that don't carry over. */
export function PreviewChanges({ summary }: { summary: MigrationSummary }) {
  const { emailChanges, groups } = summary;
  return (
    <div className="mb-8 grid gap-4 md:grid-cols-2">
      <Card aria-labelledby="preview-emails">
        <CardHeader>
          <CardTitle id="preview-emails">Work emails that change ({emailChanges.length.toLocaleString("en-GB")})</CardTitle>
          <CardDescription>When you apply, each person&apos;s sign-in follows the new address and the old one stops working; they and the admins are emailed.</CardDescription>
        </CardHeader>
        <CardContent>
          {emailChanges.length === 0 ? (
            <p className="text-sm text-muted-foreground">None: every matched member of staff keeps their work email.</p>
          ) : (
            <ul className="grid gap-2 text-sm" aria-label="Work emails that change">
              {emailChanges.map((change) => (
                <li key={change.personId} className="grid">
                  <span className="font-medium">{change.label}</span>
                  <span className="break-all text-muted-foreground">
                    {change.from ?? "no email"} → {change.to ?? "no email"}
                  </span>
                  {change.conflict && <span className="text-amber-700 dark:text-amber-400">Another account already signs in with the new address: this one will wait for you on User matching.</span>}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card aria-labelledby="preview-groups">
        <CardHeader>
          <CardTitle id="preview-groups">Classes and subjects</CardTitle>
          <CardDescription>Matched ones keep their Staffroom record, members and history. Classes match by name and code, subjects by code, then by name.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 text-sm">
          {(["classes", "subjects"] as const).map((key) => (
            <GroupLines key={key} title={key === "classes" ? "Classes" : "Subjects"} group={groups[key]} />
          ))}
        </CardContent>
      </Card>
    </div>
  );
}

function GroupLines({ title, group }: { title: string; group: MigrationSummary["groups"]["classes"] }) {
  return (
    <div className="grid gap-1" role="group" aria-label={`${title} in the preview`}>
      <p>
        <span className="font-medium">{title}:</span> {group.matched.toLocaleString("en-GB")} keep their record
        {group.created.length + group.archived.length === 0 ? "; everything matched." : "."}
      </p>
      {group.created.length > 0 && <p className="text-muted-foreground">New, no match: {group.created.join(", ")}</p>}
      {group.archived.length > 0 && <p className="text-muted-foreground">Not in the new MIS, to be archived: {group.archived.join(", ")}</p>}
    </div>
  );
}
