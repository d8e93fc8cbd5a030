"use client";
// The incident patterns' charts (recharts through shadcn's chart), shared by a school's Patterns
// tab and the trust's: one chart card, the period and type controls, and the five charts of a period.
import { useState } from "react";
import { AlertCircle } from "lucide-react";
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ChartContainer, ChartTooltip, ChartTooltipContent, type ChartConfig } from "@/components/ui/chart";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { INCIDENT_TYPES, TYPE_LABELS, type IncidentType } from "@/lib/incidents/labels";

const COLOR = "var(--chart-1, oklch(0.646 0.222 41.116))";
const ALL = "all";
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Datum = Record<string, string | number | null>;

/** One bar chart in a card; `value` is the bar's field (incidents by default) and `valueLabel` its name. */
export function ChartCard({
  title,
  description,
  data,
  x,
  vertical = false,
  value = "count",
  valueLabel = "Incidents",
  decimals = false,
}: {
  title: string;
  description: string;
  data: Datum[];
  x: string;
  vertical?: boolean;
  value?: string;
  valueLabel?: string;
  decimals?: boolean;
}) {
  const config = { [value]: { label: valueLabel, color: COLOR } } satisfies ChartConfig;
  const total = data.reduce((sum, d) => sum + Number(d[value] ?? 0), 0);
  return (
    <Card className="min-w-0">
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
          <figure aria-label={`${title}: ${data.filter((d) => Number(d[value] ?? 0) > 0).map((d) => `${d[x]} ${d[value]}`).join(", ")}`}>
            <ChartContainer config={config} className="aspect-auto h-64 w-full">
              {vertical ? (
                <BarChart data={data} layout="vertical" margin={{ left: 8 }}>
                  <CartesianGrid horizontal={false} />
                  <XAxis type="number" allowDecimals={decimals} />
                  <YAxis type="category" dataKey={x} width={140} tickLine={false} axisLine={false} />
                  <ChartTooltip content={<ChartTooltipContent />} />
                  <Bar dataKey={value} fill={`var(--color-${value})`} radius={4} />
                </BarChart>
              ) : (
                <BarChart data={data}>
                  <CartesianGrid vertical={false} />
                  <XAxis dataKey={x} tickLine={false} axisLine={false} />
                  <YAxis allowDecimals={decimals} width={32} />
                  <ChartTooltip content={<ChartTooltipContent />} />
                  <Bar dataKey={value} fill={`var(--color-${value})`} radius={4} />
                </BarChart>
              )}
            </ChartContainer>
          </figure>
        )}
      </CardContent>
    </Card>
  );
}

export type PatternsPeriod = { from: string; to: string; type: IncidentType | undefined; valid: boolean };

/** The period (the last year by default) and type the charts show. */
export function usePatternsPeriod() {
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 365 * 24 * 3_600_000)));
  const [to, setTo] = useState(isoDay(today));
  const [type, setType] = useState<IncidentType | undefined>();
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  return { period: { from, to, type, valid } as PatternsPeriod, setFrom, setTo, setType };
}

/** From, to and type, for the charts; `children` (the trust's school filter) come after. */
export function PatternsPeriodFields({ state, children }: { state: ReturnType<typeof usePatternsPeriod>; children?: React.ReactNode }) {
  const { period, setFrom, setTo, setType } = state;
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="grid gap-1">
        <Label htmlFor="patterns-from">From</Label>
        <Input id="patterns-from" type="date" value={period.from} onChange={(e) => setFrom(e.target.value)} className="w-40" />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="patterns-to">To</Label>
        <Input id="patterns-to" type="date" value={period.to} onChange={(e) => setTo(e.target.value)} className="w-40" />
      </div>
      <div className="grid gap-1">
        <Label htmlFor="patterns-type">Type</Label>
        <Select value={period.type ?? ALL} onValueChange={(v) => setType(v === ALL ? undefined : (v as IncidentType))}>
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
      {children}
    </div>
  );
}

type Charts = {
  byType: Datum[];
  byLocation: Datum[];
  byHour: Datum[];
  byWeekday: Datum[];
  byWeek: Datum[];
};

/** The period's charts: by type, location, time of day, day of the week, and week. */
export function PatternCharts({ data }: { data: Charts }) {
  return (
    <>
      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard title="By type" description="What kind of incidents happen." data={data.byType} x="label" vertical />
        <ChartCard title="By location" description="Where they happen (the 15 busiest places)." data={data.byLocation} x="location" vertical />
        <ChartCard title="By time of day" description="The hour they happened, school time." data={data.byHour.slice(7, 19)} x="hour" />
        <ChartCard title="By day of the week" description="Which days are busiest." data={data.byWeekday} x="day" />
      </div>
      <ChartCard title="By week" description="Incidents per week (weeks starting Monday)." data={data.byWeek} x="week" />
    </>
  );
}

export function PatternsError({ message }: { message: string }) {
  return (
    <Alert variant="destructive">
      <AlertCircle aria-hidden />
      <AlertTitle>Patterns couldn&apos;t be loaded</AlertTitle>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}

/** Four chart-sized placeholders while the patterns load. */
export function PatternsSkeleton() {
  return (
    <div className="grid gap-4 md:grid-cols-2" aria-label="Loading patterns" role="status">
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} className="h-72" />
      ))}
    </div>
  );
}
