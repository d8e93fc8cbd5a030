"use client";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2, Plus, X } from "lucide-react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { SettingSourceNote } from "@/components/settings/setting-source";
import { Textarea } from "@/components/ui/textarea";
import { notificationTemplateText } from "@/lib/incidents/notification-template";
import type { RouterOutputs } from "@/lib/router-types";
import { useTRPC } from "@/lib/trpc";
import { incidentSettingsInput, locationName } from "@/server/incidents/input";

/**
 * The school's locations list, where families' replies go, when someone is "frequent", and the
 * notification email's opening. `readOnly` (a trust viewer): shown, with nothing to change.
 */
export function IncidentSettings({ schoolId, inTrust, readOnly = false }: { schoolId: string; inTrust: boolean; readOnly?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const locations = useQuery(trpc.incidents.locations.queryOptions({ schoolId }));
  const settings = useQuery(trpc.incidents.settings.queryOptions({ schoolId }));
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | null>(null);
  const refreshLocations = () => queryClient.invalidateQueries({ queryKey: trpc.incidents.locations.pathKey() });
  const add = useMutation(trpc.incidents.addLocation.mutationOptions({ onSuccess: (l) => { toast.success(`Added “${l.name}”`); setName(""); void refreshLocations(); } }));
  const archive = useMutation(trpc.incidents.archiveLocation.mutationOptions({ onSuccess: (l) => { toast.success(`Removed “${l.name}”`); void refreshLocations(); } }));

  const onAdd = (event: FormEvent) => {
    event.preventDefault();
    const parsed = locationName.safeParse(name);
    if (!parsed.success) return setNameError(parsed.error.issues[0]!.message);
    setNameError(null);
    add.mutate({ schoolId, name: parsed.data });
  };

  return (
    <div className="grid max-w-2xl gap-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2 className="text-base">Locations</h2>
          </CardTitle>
          <CardDescription>The places staff choose from when logging an incident. Removing one keeps it on incidents already logged there.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {locations.isPending ? (
            <Skeleton className="h-16" />
          ) : locations.data?.length ? (
            <ul className="flex flex-wrap gap-2" aria-label="Locations">
              {locations.data.map((l) => (
                <li key={l.id} className="flex items-center gap-1 rounded-full border py-1 pr-1 pl-3 text-sm">
                  {l.name}
                  {!readOnly && (
                    <Button type="button" variant="ghost" size="icon" className="size-6" aria-label={`Remove ${l.name}`} disabled={archive.isPending} onClick={() => archive.mutate({ schoolId, locationId: l.id })}>
                      <X aria-hidden />
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-muted-foreground">No locations yet: add the playground, the hall, the dining room…</p>
          )}
          {!readOnly && (
            <form onSubmit={onAdd} noValidate className="flex flex-wrap items-end gap-2" aria-label="Add a location">
              <div className="grid gap-1">
                <Label htmlFor="new-location">New location</Label>
                <Input id="new-location" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={nameError || add.error ? true : undefined} aria-describedby={nameError || add.error ? "new-location-error" : undefined} />
              </div>
              <Button type="submit" disabled={add.isPending}>
                {add.isPending ? <Loader2 className="animate-spin" aria-hidden /> : <Plus aria-hidden />} Add location
              </Button>
              {(nameError || add.error) && (
                <p id="new-location-error" className="w-full text-sm text-destructive">
                  {nameError ?? add.error?.message}
                </p>
              )}
            </form>
          )}
        </CardContent>
      </Card>
      {settings.data ? <SettingsForm schoolId={schoolId} initial={settings.data} readOnly={readOnly} /> : <Skeleton className="h-48" />}
      {settings.data ? <NotificationTemplateCard schoolId={schoolId} current={settings.data.notificationTemplate} inTrust={inTrust} readOnly={readOnly} /> : <Skeleton className="h-48" />}
    </div>
  );
}

type Values = { replyToEmail: string; frequentThreshold: string; frequentDays: string };

function SettingsForm({ schoolId, initial, readOnly }: { schoolId: string; initial: { replyToEmail: string | null; frequentThreshold: number; frequentDays: number }; readOnly: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>({ replyToEmail: initial.replyToEmail ?? "", frequentThreshold: String(initial.frequentThreshold), frequentDays: String(initial.frequentDays) });
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation(trpc.incidents.updateSettings.mutationOptions({ onSuccess: (s) => { queryClient.setQueryData(trpc.incidents.settings.queryKey({ schoolId }), (old) => old && { ...old, ...s }); toast.success("Incident settings saved"); } }));
  const input = { replyToEmail: values.replyToEmail.trim(), frequentThreshold: Number(values.frequentThreshold), frequentDays: Number(values.frequentDays) };
  const parsed = incidentSettingsInput.safeParse(input);
  const errors = parsed.success ? {} : z.flattenError(parsed.error).fieldErrors;
  const errorFor = (k: keyof Values) => (submitted ? errors[k]?.[0] : undefined);

  const field = (k: keyof Values, label: string, hint: string, type = "text") => (
    <div className="grid gap-1">
      <Label htmlFor={`settings-${k}`}>{label}</Label>
      <Input id={`settings-${k}`} type={type} value={values[k]} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} aria-invalid={errorFor(k) ? true : undefined} aria-describedby={`settings-${k}-hint`} />
      <p id={`settings-${k}-hint`} className="text-xs text-muted-foreground">
        {errorFor(k) ? <span className="text-destructive">{errorFor(k)}</span> : hint}
      </p>
    </div>
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">Emails and patterns</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          aria-label="Incident settings"
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(true);
            if (parsed.success) save.mutate({ schoolId, ...input });
          }}
        >
          {field("replyToEmail", "Replies from families go to", "Usually the school office. Left empty, replies go to whoever logged the incident.", "email")}
          <div className="grid gap-4 sm:grid-cols-2">
            {field("frequentThreshold", "Flag as frequent at", "Incidents involving the same person…", "number")}
            {field("frequentDays", "Within (days)", "…within this many days.", "number")}
          </div>
          {save.error && <p className="text-sm text-destructive">{save.error.message}</p>}
          {!readOnly && (
            <div>
              <Button type="submit" disabled={save.isPending}>
                {save.isPending && <Loader2 className="animate-spin" aria-hidden />}Save settings
              </Button>
            </div>
          )}
        </form>
      </CardContent>
    </Card>
  );
}

type TemplateState = RouterOutputs["incidents"]["settings"]["notificationTemplate"];

/** The opening paragraph of families' emails: the school's own, or its trust's (Staffroom's) default. */
function NotificationTemplateCard({ schoolId, current, inTrust, readOnly }: { schoolId: string; current: TemplateState; inTrust: boolean; readOnly: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState(current.template);
  const [submitted, setSubmitted] = useState(false);
  const save = useMutation(
    trpc.incidents.setNotificationTemplate.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.incidents.settings.queryKey({ schoolId }), (old) => old && { ...old, notificationTemplate: next });
        setText(next.template);
        setSubmitted(false);
        toast.success(next.source === "school" ? "The email's opening is saved" : "Following the default opening again");
      },
    }),
  );
  const parsed = notificationTemplateText.safeParse(text);
  const error = submitted && !parsed.success ? parsed.error.issues[0]?.message : (save.error?.message ?? null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2 className="text-base">Notification email</h2>
        </CardTitle>
        <CardDescription>The opening paragraph of the email to a family or next of kin. {"{school}"} and {"{name}"} are filled in.</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          aria-label="Notification email"
          className="grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(true);
            if (parsed.success) save.mutate({ schoolId, template: parsed.data });
          }}
        >
          <Label htmlFor="notification-template">Opening paragraph</Label>
          <Textarea id="notification-template" rows={3} value={text} readOnly={readOnly} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby="notification-template-source" />
          {error && <p className="text-sm text-destructive">{error}</p>}
          <SettingSourceNote
            id="notification-template-source"
            source={current.source}
            inTrust={inTrust}
            inherited={`“${current.inherited}”`}
            onFollow={readOnly ? undefined : () => save.mutate({ schoolId, template: null })}
            pending={save.isPending}
          />
          {!readOnly && (
            <div>
              <Button type="submit" disabled={save.isPending}>
                {save.isPending && <Loader2 className="animate-spin" aria-hidden />}Save as this school&apos;s own
              </Button>
            </div>
          )}
        </form>
      </CardContent>
    </Card>
  );
}
