"use client";
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Flag } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { incidentReference, SEVERITY_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { useTRPC } from "@/lib/trpc";
import { PatternCharts, PatternsError, PatternsPeriodFields, PatternsSkeleton, usePatternsPeriod } from "./pattern-charts";
import { PersonCombobox, type PersonOption } from "./person-combobox";

/** Patterns: by type, place, hour of day, day of week and week; who is frequent; one person's history. */
export function PatternsView({ schoolId }: { schoolId: string }) {
  const trpc = useTRPC();
  const periodState = usePatternsPeriod();
  const { from, to, type, valid } = periodState.period;
  const [person, setPerson] = useState<PersonOption | null>(null);
  const patterns = useQuery({ ...trpc.incidents.patterns.queryOptions({ schoolId, from, to, type }), enabled: valid });
  const history = useQuery({ ...trpc.incidents.personHistory.queryOptions({ schoolId, personId: person?.id ?? "" }), enabled: Boolean(person) });

  return (
    <div className="grid gap-6">
      <PatternsPeriodFields state={periodState} />

      {patterns.error && <PatternsError message={patterns.error.message} />}
      {!patterns.data ? (
        <PatternsSkeleton />
      ) : (
        <>
          <p className="text-sm text-muted-foreground">
            {patterns.data.total} incident{patterns.data.total === 1 ? "" : "s"} in this period.
          </p>
          <PatternCharts data={patterns.data} />
          <Card>
            <CardHeader>
              <CardTitle>
                <h2 className="text-base">People</h2>
              </CardTitle>
              <CardDescription>
                Flagged as frequent at {patterns.data.settings.frequentThreshold} or more incidents within {patterns.data.settings.frequentDays} days (change this in Incident settings).
              </CardDescription>
            </CardHeader>
            <CardContent>
              {patterns.data.people.length === 0 ? (
                <p className="text-sm text-muted-foreground">No pupils or staff were involved in incidents in this period.</p>
              ) : (
                <Table aria-label="People involved most often">
                  <TableHeader>
                    <TableRow>
                      <TableHead>Person</TableHead>
                      <TableHead className="text-right">In period</TableHead>
                      <TableHead className="text-right">Recent</TableHead>
                      <TableHead>Flag</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {patterns.data.people.map((p) => (
                      <TableRow key={p.personId}>
                        <TableCell>
                          <button type="button" className="text-left font-medium underline-offset-4 hover:underline" onClick={() => setPerson({ id: p.personId, label: p.label, secondary: p.secondary, kind: "PUPIL", schoolId })}>
                            {p.label}
                          </button>
                          <p className="text-xs text-muted-foreground">{p.secondary}</p>
                        </TableCell>
                        <TableCell className="text-right">{p.count}</TableCell>
                        <TableCell className="text-right">{p.recent}</TableCell>
                        <TableCell>
                          {p.frequent && (
                            <Badge variant="destructive">
                              <Flag aria-hidden /> Frequent
                            </Badge>
                          )}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </>
      )}

      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-base">One person&apos;s history</h2>
          </CardTitle>
          <CardDescription>Every incident they were involved in, newest first.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          <div className="max-w-md">
            <PersonCombobox schoolId={schoolId} label="Person whose history to show" value={person} onChange={setPerson} />
          </div>
          {person &&
            (history.isPending ? (
              <Skeleton className="h-24" />
            ) : history.data?.incidents.length ? (
              <Table aria-label={`Incidents involving ${person.label}`}>
                <TableHeader>
                  <TableRow>
                    <TableHead>Reference</TableHead>
                    <TableHead>When</TableHead>
                    <TableHead>Type</TableHead>
                    <TableHead>Severity</TableHead>
                    <TableHead>Where</TableHead>
                    <TableHead>Injury</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {history.data.incidents.map((i) => (
                    <TableRow key={i.id}>
                      <TableCell>
                        <Link href={`/incidents/${i.id}`} className="font-medium underline-offset-4 hover:underline">
                          {incidentReference(i.number)}
                        </Link>
                      </TableCell>
                      <TableCell>{formatDateTime(i.occurredAt)}</TableCell>
                      <TableCell>{TYPE_LABELS[i.type]}</TableCell>
                      <TableCell>{SEVERITY_LABELS[i.severity]}</TableCell>
                      <TableCell>{i.location?.name ?? i.locationDetail ?? "—"}</TableCell>
                      <TableCell>{[i.injury, i.bodyPart].filter(Boolean).join(", ") || "—"}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : (
              <p className="text-sm text-muted-foreground">No incidents involving {person.label}.</p>
            ))}
        </CardContent>
      </Card>
    </div>
  );
}
