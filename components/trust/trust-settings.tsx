"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertCircle, Loader2 } from "lucide-react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { formatDate } from "@/lib/format";
import { notificationTemplateText } from "@/lib/incidents/notification-template";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";

type Settings = RouterOutputs["trust"]["settings"];
type Schedule = Settings["defaults"]["syncSchedule"];

const SCHEDULE_LABELS: Record<Schedule, string> = { off: "Off (only by hand)", hourly: "Hourly", daily: "Daily, early morning" };
const FOLLOW = "trust";

/** "Trust default" or "School's own", for a school's setting. */
function SourceBadge({ source }: { source: "school" | "trust" | "staffroom" }) {
  return source === "school" ? <Badge variant="outline">School&apos;s own</Badge> : <Badge variant="secondary">Trust default</Badge>;
}

/** The trust's defaults for its schools, saved together. */
function DefaultsForm({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ ...settings.defaults, template: settings.defaults.incidentNotificationTemplate ?? "" });
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation(
    trpc.trust.updateSettings.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.trust.settings.queryKey(), next);
        toast.success("Trust defaults saved: schools following them use them now");
      },
    }),
  );
  const template = values.template.trim() ? notificationTemplateText.safeParse(values.template) : null;
  const templateError = submitted && template && !template.success ? template.error.issues[0]?.message : null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">Defaults for the trust&apos;s schools</h2>
        </CardTitle>
        <CardDescription>Every school follows these unless its administrators choose otherwise in its own settings.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          aria-label="Trust defaults"
          className="grid gap-5"
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(true);
            if (template && !template.success) return;
            save.mutate({ syncSchedule: values.syncSchedule, importPhotos: values.importPhotos, liteMode: values.liteMode, incidentNotificationTemplate: template?.success ? template.data : null });
          }}
        >
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Label htmlFor="trust-sync-schedule">Sync schedule</Label>
            <Select value={values.syncSchedule} onValueChange={(v) => setValues((s) => ({ ...s, syncSchedule: v as Schedule }))}>
              <SelectTrigger id="trust-sync-schedule" className="w-full max-w-64">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(Object.keys(SCHEDULE_LABELS) as Schedule[]).map((s) => (
                  <SelectItem key={s} value={s}>
                    {SCHEDULE_LABELS[s]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="flex items-center justify-between gap-3">
            <Label htmlFor="trust-import-photos">Import staff photos</Label>
            <Switch id="trust-import-photos" checked={values.importPhotos} onCheckedChange={(on) => setValues((s) => ({ ...s, importPhotos: on }))} />
          </div>
          <div className="flex items-start justify-between gap-3">
            <div className="grid gap-1">
              <Label htmlFor="trust-lite-mode">Staffroom Lite</Label>
              <p className="text-xs text-muted-foreground">No Google or Microsoft sign-in: everyone uses a Staffroom password.</p>
            </div>
            <Switch id="trust-lite-mode" checked={values.liteMode} onCheckedChange={(on) => setValues((s) => ({ ...s, liteMode: on }))} />
          </div>
          <div className="grid gap-1">
            <Label htmlFor="trust-notification-template">Incident notification email: opening paragraph</Label>
            <Textarea
              id="trust-notification-template"
              rows={3}
              placeholder={settings.staffroomTemplate}
              value={values.template}
              onChange={(e) => setValues((s) => ({ ...s, template: e.target.value }))}
              aria-invalid={templateError ? true : undefined}
              aria-describedby="trust-notification-template-hint"
            />
            <p id="trust-notification-template-hint" className="text-xs text-muted-foreground">
              {templateError ? <span className="text-destructive">{templateError}</span> : "{school} and {name} are filled in. Left empty, Staffroom's wording (shown) is used."}
            </p>
          </div>
          {save.error && <p className="text-sm text-destructive">{save.error.message}</p>}
          <div>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending && <Loader2 className="animate-spin" aria-hidden />}Save defaults
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

/** Each school's values and whether they follow the trust; Lite mode chosen per school here. */
function SchoolsTable({ settings }: { settings: Settings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setLite = useMutation(
    trpc.trust.setSchoolLiteMode.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.trust.settings.queryKey(), next);
        toast.success("Lite mode saved");
      },
      onError: (error) => toast.error("That wasn't saved", { description: error.message }),
    }),
  );
  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">Schools</h2>
        </CardTitle>
        <CardDescription>What each school uses, and whether it follows the trust. Choose which schools use Staffroom Lite.</CardDescription>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        <Table aria-label="The schools' settings">
          <TableHeader>
            <TableRow>
              <TableHead>School</TableHead>
              <TableHead>Sync schedule</TableHead>
              <TableHead>Staff photos</TableHead>
              <TableHead>Notification email</TableHead>
              <TableHead>Staffroom Lite</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {settings.schools.map((s) => (
              <TableRow key={s.id}>
                <TableCell className="min-w-36 whitespace-normal font-medium">{s.name}</TableCell>
                <TableCell>
                  <div className="grid justify-items-start gap-1">
                    {SCHEDULE_LABELS[s.syncSchedule.value]}
                    <SourceBadge source={s.syncSchedule.source} />
                  </div>
                </TableCell>
                <TableCell>
                  <div className="grid justify-items-start gap-1">
                    {s.importPhotos.value ? "Imported" : "Not imported"}
                    <SourceBadge source={s.importPhotos.source} />
                  </div>
                </TableCell>
                <TableCell>
                  <SourceBadge source={s.ownNotificationTemplate ? "school" : "trust"} />
                </TableCell>
                <TableCell>
                  <Select
                    value={s.liteMode.source === "school" ? String(s.liteMode.value) : FOLLOW}
                    disabled={setLite.isPending}
                    onValueChange={(v) => setLite.mutate({ schoolId: s.id, liteMode: v === FOLLOW ? null : v === "true" })}
                  >
                    <SelectTrigger aria-label={`Staffroom Lite at ${s.name}`} className="w-44">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      <SelectItem value={FOLLOW}>Trust default ({settings.defaults.liteMode ? "on" : "off"})</SelectItem>
                      <SelectItem value="true">On</SelectItem>
                      <SelectItem value="false">Off</SelectItem>
                    </SelectContent>
                  </Select>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

/** The sign-in domains the trust holds: claimed with proof by one of its schools, one trust per domain. */
function DomainsCard({ settings }: { settings: Settings }) {
  return (
    <Card className="min-w-0">
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">Sign-in domains</h2>
        </CardTitle>
        <CardDescription>
          Email domains whose Google and Microsoft sign-ins the trust&apos;s schools may match. A school claims one in its Staff sign-in settings, with proof (staff
          emails in its MIS, or its administrator&apos;s verified email); a domain belongs to one trust only.
        </CardDescription>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        {settings.domains.length === 0 ? (
          <p className="text-sm text-muted-foreground">No domains claimed yet.</p>
        ) : (
          <Table aria-label="The trust's sign-in domains">
            <TableHeader>
              <TableRow>
                <TableHead>Domain</TableHead>
                <TableHead>Claimed by</TableHead>
                <TableHead>Proof</TableHead>
                <TableHead>Used by</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {settings.domains.map((d) => (
                <TableRow key={d.domain}>
                  <TableCell className="font-mono">{d.domain}</TableCell>
                  <TableCell className="whitespace-normal">
                    {d.claimedBy ?? "—"}
                    <div className="text-xs text-muted-foreground">{formatDate(d.claimedAt)}</div>
                  </TableCell>
                  <TableCell className="whitespace-normal">{d.proof}</TableCell>
                  <TableCell className="min-w-36 whitespace-normal">{d.usedBy.join(", ") || "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** Trust settings: defaults, the schools' choices, claimed sign-in domains. */
export function TrustSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.trust.settings.queryOptions());
  if (settings.error)
    return (
      <Alert variant="destructive">
        <AlertCircle aria-hidden />
        <AlertTitle>Trust settings couldn&apos;t be loaded</AlertTitle>
        <AlertDescription>{settings.error.message}</AlertDescription>
      </Alert>
    );
  if (!settings.data) return <Skeleton className="h-96" />;
  return (
    <div className="grid min-w-0 gap-6">
      <div className="max-w-2xl">
        <DefaultsForm settings={settings.data} />
      </div>
      <SchoolsTable settings={settings.data} />
      <DomainsCard settings={settings.data} />
    </div>
  );
}
