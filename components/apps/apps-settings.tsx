"use client";
import { useState, type FormEvent } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AppWindow, KeyRound, Pencil, Plus, Trash2, Webhook } from "lucide-react";
import { toast } from "sonner";
import { EmptyState } from "@/components/layout/empty-state";
import { useReadOnly } from "@/components/layout/read-only";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useTRPC } from "@/lib/trpc";
import { yearGroupLabel } from "@/lib/year-group";
import type { RouterOutputs } from "@/lib/router-types";
import { ClientSecretNotice, NO_SIGN_IN, SignInFieldset, signInInput, signInSettingsOf, type SignInSettings } from "./sign-in-fields";

type App = RouterOutputs["apps"]["list"][number];
type Fields = { name: string; url: string; icon: string; forStaff: boolean; forPupils: boolean; yearGroups: string[]; classIds: string[] };
const EMPTY: Fields = { name: "", url: "https://", icon: "", forStaff: true, forPupils: false, yearGroups: [], classIds: [] };
type NewSecret = { clientId: string; clientSecret: string };


function audience(app: App): string {
  const who = [app.forStaff && "Staff", app.forPupils && "Pupils"].filter(Boolean).join(" and ");
  const narrowed = [...app.yearGroups.map(yearGroupLabel), ...app.classes.map((c) => c.name)];
  return app.forPupils && narrowed.length ? `${who} (pupils in ${narrowed.join(", ")})` : who;
}

/** Settings → Apps: the launcher's tiles, who sees each, and how often they are opened. */
export function AppsSettings({ schoolId }: { schoolId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readOnly = useReadOnly();
  const apps = useQuery(trpc.apps.list.queryOptions({ schoolId }));
  const [editing, setEditing] = useState<{ appId: string | null; fields: Fields; signIn: SignInSettings | null } | null>(null);
  const [newSecret, setNewSecret] = useState<NewSecret | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apps.pathKey() });
  const replaceSecret = useMutation(
    trpc.signInApps.newSecret.mutationOptions({
      onSuccess: (saved) => setNewSecret({ clientId: saved.clientId, clientSecret: saved.clientSecret! }),
      onError: (error) => toast.error(error.message),
    }),
  );
  const edit = async (app: App) => {
    const fields = { ...app, icon: app.icon ?? "", classIds: app.classes.map((c) => c.id) };
    // A trust's app: its sign-in settings are the trust's; the school changes only its tile here.
    const settings = app.signIn && !app.signIn.trustWide ? await queryClient.fetchQuery(trpc.signInApps.get.queryOptions({ schoolId, appId: app.id })) : null;
    setEditing({ appId: app.id, fields, signIn: settings ? signInSettingsOf(settings) : null });
  };
  const archive = useMutation(
    trpc.apps.archive.mutationOptions({
      onSuccess: async () => {
        toast.success("App removed from the launcher");
        await refresh();
      },
      onError: (error) => toast.error(error.message),
    }),
  );

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Apps on the launcher</h2>
          </CardTitle>
          <CardDescription>Tiles on everyone&apos;s My apps page. Choose who sees each: staff, pupils, or pupils in some year groups or classes.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {apps.data?.length === 0 && !editing && (
            <EmptyState icon={AppWindow} title="No apps yet">
              Add the websites your staff and pupils use every day, and they open them from one page.
            </EmptyState>
          )}
          {apps.data && apps.data.length > 0 && (
            <ul aria-label="Apps" className="grid gap-2">
              {apps.data.map((app) => (
                <li key={app.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border p-3">
                  <div className="flex min-w-0 items-center gap-3">
                    <span aria-hidden className="flex size-10 shrink-0 items-center justify-center rounded-xl bg-primary/10 text-xl">
                      {app.icon ?? app.name.slice(0, 1).toUpperCase()}
                    </span>
                    <div className="grid min-w-0">
                      <span className="font-medium">{app.name}</span>
                      <span className="truncate text-sm text-muted-foreground">{app.url}</span>
                      <span className="text-sm">{audience(app)}</span>
                      {app.signIn && (
                        <span className="flex flex-wrap gap-1 pt-1">
                          <Badge variant="secondary">Signs in with Staffroom</Badge>
                          {app.signIn.trustWide && <Badge variant="outline">Trust app</Badge>}
                        </span>
                      )}
                    </div>
                  </div>
                  {!readOnly && (
                    <div className="flex flex-wrap gap-2">
                      {app.signIn && !app.signIn.trustWide && (
                        <Button variant="outline" size="sm" aria-label={`New client secret for ${app.name}`} disabled={replaceSecret.isPending} onClick={() => replaceSecret.mutate({ schoolId, appId: app.id })}>
                          <KeyRound aria-hidden /> New secret
                        </Button>
                      )}
                      <Button
                        variant="outline"
                        size="sm"
                        aria-label={`Edit ${app.name}`}
                        onClick={() => void edit(app)}
                      >
                        <Pencil aria-hidden /> Edit
                      </Button>
                      <Button asChild variant="outline" size="sm">
                        <Link href={`/settings/apps/${app.id}/webhooks`} aria-label={`Webhooks for ${app.name}`}>
                          <Webhook aria-hidden /> Webhooks
                        </Link>
                      </Button>
                      <Button variant="outline" size="sm" aria-label={`Remove ${app.name}`} disabled={archive.isPending} onClick={() => archive.mutate({ schoolId, appId: app.id })}>
                        <Trash2 aria-hidden /> Remove
                      </Button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
          {newSecret && <ClientSecretNotice {...newSecret} onDone={() => setNewSecret(null)} />}
          {editing ? (
            <AppForm schoolId={schoolId} appId={editing.appId} initial={editing.fields} initialSignIn={editing.signIn} onSecret={setNewSecret} onDone={() => setEditing(null)} />
          ) : readOnly ? null : (
            <div>
              <Button onClick={() => setEditing({ appId: null, fields: EMPTY, signIn: null })}>
                <Plus aria-hidden /> Add an app
              </Button>
            </div>
          )}
        </CardContent>
      </Card>
      <UsageReport schoolId={schoolId} />
    </div>
  );
}

function AppForm(props: { schoolId: string; appId: string | null; initial: Fields; initialSignIn: SignInSettings | null; onSecret: (secret: NewSecret) => void; onDone: () => void }) {
  const { schoolId, appId, initial, onDone } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState(initial);
  // Null: a plain tile. Set: the app signs users in through Staffroom (OpenID Connect).
  const [signIn, setSignIn] = useState<SignInSettings | null>(props.initialSignIn);
  const options = useQuery({ ...trpc.apps.audienceOptions.queryOptions({ schoolId }), enabled: fields.forPupils });
  const saved = async (result: { id: string } | { clientId: string; clientSecret: string | null }) => {
    toast.success(appId ? "App saved" : "App added to the launcher");
    await queryClient.invalidateQueries({ queryKey: trpc.apps.pathKey() });
    if ("clientSecret" in result && result.clientSecret) props.onSecret({ clientId: result.clientId, clientSecret: result.clientSecret });
    onDone();
  };
  const saveTile = useMutation(trpc.apps.save.mutationOptions({ onSuccess: saved }));
  const saveSignIn = useMutation(trpc.signInApps.save.mutationOptions({ onSuccess: saved }));
  const save = signIn ? saveSignIn : saveTile;
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tile = { ...fields, icon: fields.icon.trim() || null };
    if (signIn) saveSignIn.mutate({ schoolId, appId, fields: tile, signIn: signInInput(signIn) });
    else saveTile.mutate({ schoolId, appId, fields: tile });
  };
  const fieldError = (name: string) => save.error?.data?.fieldErrors?.[`fields.${name}`]?.[0] ?? save.error?.data?.fieldErrors?.fields?.[0];

  return (
    <form onSubmit={submit} aria-label={appId ? "Edit app" : "Add an app"} className="grid gap-4 rounded-lg border p-4">
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <div className="grid gap-2">
          <Label htmlFor="app-name">Name</Label>
          <Input id="app-name" value={fields.name} maxLength={60} required onChange={(e) => set({ name: e.target.value })} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="app-icon">Icon (an emoji)</Label>
          <Input id="app-icon" value={fields.icon} maxLength={16} onChange={(e) => set({ icon: e.target.value })} />
        </div>
      </div>
      <div className="grid gap-2">
        <Label htmlFor="app-url">Web address</Label>
        <Input id="app-url" type="url" inputMode="url" value={fields.url} maxLength={2000} required onChange={(e) => set({ url: e.target.value })} aria-describedby="app-url-hint" />
        <p id="app-url-hint" className="text-sm text-muted-foreground">
          The full address, starting with https://
        </p>
        {fieldError("url") && <p className="text-sm text-destructive">{fieldError("url")}</p>}
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Who sees it</legend>
        <label className="flex items-center gap-2 text-sm">
          <Checkbox checked={fields.forStaff} onCheckedChange={(on) => set({ forStaff: on === true })} /> Staff
        </label>
        <label className="flex items-center gap-2 text-sm">
          <Checkbox checked={fields.forPupils} onCheckedChange={(on) => set({ forPupils: on === true })} /> Pupils
        </label>
      </fieldset>
      {fields.forPupils && options.data && (
        <div className="grid gap-4 sm:grid-cols-2">
          <fieldset className="grid content-start gap-2">
            <legend className="mb-1 text-sm font-medium">Only these year groups (none ticked: every pupil)</legend>
            {options.data.yearGroups.map((year) => (
              <label key={year} className="flex items-center gap-2 text-sm">
                <Checkbox checked={fields.yearGroups.includes(year)} onCheckedChange={(on) => set({ yearGroups: toggle(fields.yearGroups, year, on === true) })} /> {yearGroupLabel(year)}
              </label>
            ))}
          </fieldset>
          {options.data.classes.length > 0 && (
            <fieldset className="grid max-h-64 content-start gap-2 overflow-y-auto">
              <legend className="mb-1 text-sm font-medium">…or these classes</legend>
              {options.data.classes.map((c) => (
                <label key={c.id} className="flex items-center gap-2 text-sm">
                  <Checkbox checked={fields.classIds.includes(c.id)} onCheckedChange={(on) => set({ classIds: toggle(fields.classIds, c.id, on === true) })} /> {c.name}
                </label>
              ))}
            </fieldset>
          )}
        </div>
      )}
      {(appId === null || props.initialSignIn) && (
        <label className="flex items-start gap-2 text-sm">
          <Checkbox className="mt-0.5" checked={signIn !== null} disabled={props.initialSignIn !== null} onCheckedChange={(on) => setSignIn(on === true ? NO_SIGN_IN : null)} />
          <span>Users sign in to this app with their Staffroom account (the app supports OpenID Connect)</span>
        </label>
      )}
      {signIn && <SignInFieldset value={signIn} onChange={setSignIn} />}
      {save.error && !fieldError("url") && (
        <p role="alert" className="text-sm text-destructive">
          {save.error.message}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {appId ? "Save app" : "Add app"}
        </Button>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function UsageReport({ schoolId }: { schoolId: string }) {
  const trpc = useTRPC();
  const usage = useQuery(trpc.apps.usage.queryOptions({ schoolId, weeks: 8 }));
  const weekLabel = (monday: string) => new Date(`${monday}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Launches per week</h2>
        </CardTitle>
        <CardDescription>How often each tile was opened from My apps, by everyone, over the last 8 weeks (weeks start on Monday).</CardDescription>
      </CardHeader>
      <CardContent>
        {usage.data && (
          <Table aria-label="Launches per app per week">
            <TableHeader>
              <TableRow>
                <TableHead>App</TableHead>
                {usage.data.weeks.map((week) => (
                  <TableHead key={week} className="text-right">
                    <span className="sr-only">Week of </span>
                    {weekLabel(week)}
                  </TableHead>
                ))}
                <TableHead className="text-right">Total</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {usage.data.rows.length === 0 && (
                <TableRow>
                  <TableCell colSpan={usage.data.weeks.length + 2} className="text-muted-foreground">
                    Nothing opened yet.
                  </TableCell>
                </TableRow>
              )}
              {usage.data.rows.map((row) => (
                <TableRow key={row.tileId}>
                  <TableCell className="font-medium">
                    {row.name} {row.removed && <Badge variant="outline">removed</Badge>}
                  </TableCell>
                  {row.perWeek.map((count, i) => (
                    <TableCell key={usage.data.weeks[i]} className="text-right tabular-nums">
                      {count}
                    </TableCell>
                  ))}
                  <TableCell className="text-right font-medium tabular-nums">{row.total}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
