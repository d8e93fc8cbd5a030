"use client";
import { useQuery } from "@tanstack/react-query";
import { ChartCard, PatternCharts, PatternsError, PatternsPeriodFields, PatternsSkeleton, usePatternsPeriod } from "@/components/incidents/pattern-charts";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";
import { SchoolFilter, useTrustSchools } from "./school-filter";

const rateText = (rate: number | null) => (rate === null ? "—" : rate.toLocaleString("en-GB", { maximumFractionDigits: 1 }));

/** Patterns across the trust's schools: incidents per 100 pupils per school, then the school view's charts. */
export function TrustPatternsView() {
  const trpc = useTRPC();
  const periodState = usePatternsPeriod();
  const { from, to, type, valid } = periodState.period;
  const { schoolId } = useTrustSchools();
  const patterns = useQuery({ ...trpc.trust.patterns.queryOptions({ schoolId, from, to, type }), enabled: valid });

  return (
    <div className="grid gap-6">
      <PatternsPeriodFields state={periodState}>
        <div className="grid gap-1">
          <span className="text-sm font-medium">School</span>
          <SchoolFilter />
        </div>
      </PatternsPeriodFields>
      {patterns.error && <PatternsError message={patterns.error.message} />}
      {!patterns.data ? (
        <PatternsSkeleton />
      ) : (
        <>
          <p className="text-sm text-muted-foreground">
            {patterns.data.total} incident{patterns.data.total === 1 ? "" : "s"} in this period
            {patterns.data.rate !== null && `, ${rateText(patterns.data.rate)} per 100 pupils on roll`}.
          </p>
          <ChartCard
            title="Per 100 pupils, by school"
            description="Incidents in the period for every 100 pupils on roll, so schools of different sizes compare."
            data={patterns.data.bySchool.map((s) => ({ school: s.school, rate: s.rate ?? 0 }))}
            x="school"
            value="rate"
            valueLabel="Per 100 pupils"
            vertical
            decimals
          />
          <Card>
            <CardHeader>
              <CardTitle>
                <h2 className="text-base">Schools</h2>
              </CardTitle>
              <CardDescription>The figures behind the rates.</CardDescription>
            </CardHeader>
            <CardContent>
              <Table aria-label="Incidents per 100 pupils by school">
                <TableHeader>
                  <TableRow>
                    <TableHead>School</TableHead>
                    <TableHead className="text-right">Incidents</TableHead>
                    <TableHead className="text-right">Pupils</TableHead>
                    <TableHead className="text-right">Per 100 pupils</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {patterns.data.bySchool.map((s) => (
                    <TableRow key={s.schoolId}>
                      <TableCell className="whitespace-normal">{s.school}</TableCell>
                      <TableCell className="text-right tabular-nums">{s.count}</TableCell>
                      <TableCell className="text-right tabular-nums">{s.pupils}</TableCell>
                      <TableCell className="text-right tabular-nums">{rateText(s.rate)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
          <PatternCharts data={patterns.data} />
        </>
      )}
    </div>
  );
}
