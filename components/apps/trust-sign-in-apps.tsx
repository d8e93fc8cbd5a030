"use client";
// Settings → Apps, for trust admins: apps registered once for every school of the trust (one
// client id and secret; a tile at each school, for staff and/or pupils).
import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useTRPC } from "@/lib/trpc";
import { ClientSecretNotice, NO_SIGN_IN, SignInFieldset, signInInput, signInSettingsOf, type SignInSettings } from "./sign-in-fields";

type Tile = { name: string; url: string; icon: string; forStaff: boolean; forPupils: boolean };
const EMPTY: Tile = { name: "", url: "https://", icon: "", forStaff: true, forPupils: true };

export function TrustSignInApps() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apps = useQuery(trpc.signInApps.trustList.queryOptions());
  const [editing, setEditing] = useState<{ clientId: string | null; tile: Tile; signIn: SignInSettings } | null>(null);
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null);
  const save = useMutation(
    trpc.signInApps.trustSave.mutationOptions({
      onSuccess: async (result) => {
        toast.success(editing?.clientId ? "App saved at every school" : "App added at every school of the trust");
        if (result.clientSecret) setSecret({ clientId: result.clientId, clientSecret: result.clientSecret });
        setEditing(null);
        await queryClient.invalidateQueries({ queryKey: trpc.signInApps.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.apps.pathKey() });
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const { tile } = editing;
    save.mutate({ clientId: editing.clientId, fields: { ...tile, icon: tile.icon.trim() || null, yearGroups: [] }, signIn: signInInput(editing.signIn) });
  };
  const setTile = (patch: Partial<Tile>) => setEditing((e) => e && { ...e, tile: { ...e.tile, ...patch } });

  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Apps for every school of the trust</h2>
        </CardTitle>
        <CardDescription>Register an app that signs users in through Staffroom once, and it gets a tile at each of the trust&apos;s schools.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {apps.data && apps.data.length > 0 && (
          <ul aria-label="Trust apps" className="grid gap-2">
            {apps.data.map((app) => (
              <li key={app.id} className="flex flex-wrap items-center justify-between gap-3 rounded-lg border p-3">
                <div className="grid min-w-0">
                  <span className="font-medium">{app.name}</span>
                  <span className="truncate text-sm text-muted-foreground">Client ID {app.id}</span>
                </div>
                <Button
                  variant="outline"
                  size="sm"
                  aria-label={`Edit ${app.name}`}
                  onClick={() =>
                    setEditing({
                      clientId: app.id,
                      tile: { name: app.name, url: app.tile?.url ?? "https://", icon: app.tile?.icon ?? "", forStaff: app.tile?.forStaff ?? true, forPupils: app.tile?.forPupils ?? true },
                      signIn: signInSettingsOf(app),
                    })
                  }
                >
                  <Pencil aria-hidden /> Edit
                </Button>
              </li>
            ))}
          </ul>
        )}
        {secret && <ClientSecretNotice {...secret} onDone={() => setSecret(null)} />}
        {editing ? (
          <form onSubmit={submit} aria-label={editing.clientId ? "Edit trust app" : "Add a trust app"} className="grid gap-4 rounded-lg border p-4">
            <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
              <div className="grid gap-2">
                <Label htmlFor="trust-app-name">Name</Label>
                <Input id="trust-app-name" value={editing.tile.name} maxLength={60} required onChange={(e) => setTile({ name: e.target.value })} />
              </div>
              <div className="grid gap-2">
                <Label htmlFor="trust-app-icon">Icon (an emoji)</Label>
                <Input id="trust-app-icon" value={editing.tile.icon} maxLength={16} onChange={(e) => setTile({ icon: e.target.value })} />
              </div>
            </div>
            <div className="grid gap-2">
              <Label htmlFor="trust-app-url">Web address</Label>
              <Input id="trust-app-url" type="url" inputMode="url" value={editing.tile.url} maxLength={2000} required onChange={(e) => setTile({ url: e.target.value })} />
            </div>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">Who sees it</legend>
              <label className="flex items-center gap-2 text-sm">
                <Checkbox checked={editing.tile.forStaff} onCheckedChange={(on) => setTile({ forStaff: on === true })} /> Staff
              </label>
              <label className="flex items-center gap-2 text-sm">
                <Checkbox checked={editing.tile.forPupils} onCheckedChange={(on) => setTile({ forPupils: on === true })} /> Pupils
              </label>
            </fieldset>
            <SignInFieldset value={editing.signIn} onChange={(signIn) => setEditing((e) => e && { ...e, signIn })} />
            {save.error && (
              <p role="alert" className="text-sm text-destructive">
                {save.error.message}
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={save.isPending}>
                {editing.clientId ? "Save app" : "Add app"}
              </Button>
              <Button type="button" variant="outline" onClick={() => setEditing(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div>
            <Button onClick={() => setEditing({ clientId: null, tile: EMPTY, signIn: NO_SIGN_IN })}>
              <Plus aria-hidden /> Add a trust app
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
