"use client";
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { AlertCircle, Flag } from "lucide-react";
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ChartContainer, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format";
import { INCIDENT_TYPES, incidentReference, SEVERITY_LABELS, TYPE_LABELS, type IncidentType } from "@/lib/incidents/labels";
import { useTRPC } from "@/lib/trpc";
import { PersonCombobox, type PersonOption } from "./person-combobox";

const config = { count: { label: "Incidents", color: "var(--chart-1, oklch(0.646 0.222 41.116))" } } satisfies ChartConfig;
const ALL = "all";
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function ChartCard({ title, description, data, x, vertical = false }: { title: string; description: string; data: Record<string, string | number>[]; x: string; vertical?: boolean }) {
  const total = data.reduce((sum, d) => sum + Number(d.count), 0);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">{title}</h2>
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        {total === 0 ? (
          <p className="text-sm text-muted-foreground">No incidents in this period.</p>
        ) : (
          <figure aria-label={`${title}: ${data.filter((d) => Number(d.count) > 0).map((d) => `${d[x]} ${d.count}`).join(", ")}`}>
            <ChartContainer config={config} className="aspect-auto h-64 w-full">
              {vertical ? (
                <BarChart data={data} layout="vertical" margin={{ left: 8 }}>
                  <CartesianGrid horizontal={false} />
                  <XAxis type="number" allowDecimals={false} />
                  <YAxis type="category" dataKey={x} width={140} tickLine={false} axisLine={false} />
                  <ChartTooltip content={<ChartTooltipContent />} />
                  <Bar dataKey="count" fill="var(--color-count)" radius={4} />
                </BarChart>
              ) : (
                <BarChart data={data}>
                  <CartesianGrid vertical={false} />
                  <XAxis dataKey={x} tickLine={false} axisLine={false} />
                  <YAxis allowDecimals={false} width={32} />
                  <ChartTooltip content={<ChartTooltipContent />} />
                  <Bar dataKey="count" fill="var(--color-count)" radius={4} />
                </BarChart>
              )}
            </ChartContainer>
          </figure>
        )}
      </CardContent>
    </Card>
  );
}

/** Patterns: by type, place, hour of day, day of week and week; who is frequent; one person's history. */
export function PatternsView({ schoolId }: { schoolId: string }) {
  const trpc = useTRPC();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 365 * 24 * 3_600_000)));
  const [to, setTo] = useState(isoDay(today));
  const [type, setType] = useState<IncidentType | undefined>();
  const [person, setPerson] = useState<PersonOption | null>(null);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const patterns = useQuery({ ...trpc.incidents.patterns.queryOptions({ schoolId, from, to, type }), enabled: valid });
  const history = useQuery({ ...trpc.incidents.personHistory.queryOptions({ schoolId, personId: person?.id ?? "" }), enabled: Boolean(person) });

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1">
          <Label htmlFor="patterns-from">From</Label>
          <Input id="patterns-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} className="w-40" />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="patterns-to">To</Label>
          <Input id="patterns-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} className="w-40" />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="patterns-type">Type</Label>
          <Select value={type ?? ALL} onValueChange={(v) => setType(v === ALL ? undefined : (v as IncidentType))}>
            <SelectTrigger id="patterns-type" className="w-48">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={ALL}>Any type</SelectItem>
              {INCIDENT_TYPES.map((t) => (
                <SelectItem key={t} value={t}>
                  {TYPE_LABELS[t]}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
      </div>

      {patterns.error && (
        <Alert variant="destructive">
          <AlertCircle aria-hidden />
          <AlertTitle>Patterns couldn&apos;t be loaded</AlertTitle>
          <AlertDescription>{patterns.error.message}</AlertDescription>
        </Alert>
      )}
      {!patterns.data ? (
        <div className="grid gap-4 md:grid-cols-2" aria-label="Loading patterns" role="status">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-72" />
          ))}
        </div>
      ) : (
        <>
          <p className="text-sm text-muted-foreground">
            {patterns.data.total} incident{patterns.data.total === 1 ? "" : "s"} in this period.
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            <ChartCard title="By type" description="What kind of incidents happen." data={patterns.data.byType} x="label" vertical />
            <ChartCard title="By location" description="Where they happen (the 15 busiest places)." data={patterns.data.byLocation} x="location" vertical />
            <ChartCard title="By time of day" description="The hour they happened, school time." data={patterns.data.byHour.slice(7, 19)} x="hour" />
            <ChartCard title="By day of the week" description="Which days are busiest." data={patterns.data.byWeekday} x="day" />
          </div>
          <ChartCard title="By week" description="Incidents per week (weeks starting Monday)." data={patterns.data.byWeek} x="week" />
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
